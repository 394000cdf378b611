import { employeeDeps } from '../../shared/composition.js';
import { updateEmployee } from '../../shared/domain/employees/use-cases.js';
import { employeeRoutes } from '../../shared/http/routes/employees.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(employeeRoutes.updateEmployee, ({ principal, params, body }) =>
  updateEmployee(employeeDeps(), principal.companyId!, params.employeeId, body),
);
