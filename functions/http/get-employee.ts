import { employeeDeps } from '../../shared/composition.js';
import { getEmployee } from '../../shared/domain/employees/use-cases.js';
import { employeeRoutes } from '../../shared/http/routes/employees.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(employeeRoutes.getEmployee, ({ principal, params }) =>
  getEmployee(employeeDeps(), principal.companyId!, params.employeeId),
);
