import { employeeDeps } from '../../shared/composition.js';
import { createEmployee } from '../../shared/domain/employees/use-cases.js';
import { employeeRoutes } from '../../shared/http/routes/employees.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(employeeRoutes.createEmployee, ({ principal, body }) =>
  createEmployee(employeeDeps(), principal.companyId!, body),
);
