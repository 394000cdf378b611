import { employeeDeps } from '../../shared/composition.js';
import { listEmployees } from '../../shared/domain/employees/use-cases.js';
import { employeeRoutes } from '../../shared/http/routes/employees.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(employeeRoutes.listEmployees, ({ principal, query }) =>
  listEmployees(employeeDeps(), principal.companyId!, { department: query.department, status: query.status }, query),
);
