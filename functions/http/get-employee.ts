import { deps } from '../../shared/composition.js';
import { getEmployee } from '../../shared/domain/employees/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getEmployee, ({ principal, params }) =>
  getEmployee(deps(), principal.companyId!, params.employeeId),
);
