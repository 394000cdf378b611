import { deps } from '../../shared/composition.js';
import { updateEmployee } from '../../shared/domain/employees/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.updateEmployee, ({ principal, params, body }) =>
  updateEmployee(deps(), principal.companyId!, params.employeeId, body),
);
