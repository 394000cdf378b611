import { deps } from '../../shared/composition.js';
import { listEmployees } from '../../shared/domain/employees/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.listEmployees, ({ principal, query }) =>
  listEmployees(deps(), principal.companyId!, { department: query.department, status: query.status }, query),
);
