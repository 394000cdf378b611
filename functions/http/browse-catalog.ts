import { catalogDeps } from '../../shared/composition.js';
import { browseCatalog } from '../../shared/domain/catalog/use-cases.js';
import { catalogRoutes } from '../../shared/http/routes/catalog.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(catalogRoutes.browseCatalog, ({ principal, query }) =>
  browseCatalog(catalogDeps(), { companyId: principal.companyId!, employeeId: principal.employeeId, role: principal.role as 'employee' | 'hr_admin' }, query),
);
