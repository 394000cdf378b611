import { deps } from '../../shared/composition.js';
import { browseCatalog } from '../../shared/domain/catalog/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.browseCatalog, ({ principal, query }) =>
  browseCatalog(deps(), { companyId: principal.companyId!, employeeId: principal.employeeId, role: principal.role as 'employee' | 'hr_admin' }, query),
);
