import { catalogDeps } from '../../shared/composition.js';
import { replaceSelection } from '../../shared/domain/catalog/use-cases.js';
import { catalogRoutes } from '../../shared/http/routes/catalog.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(catalogRoutes.putSelection, ({ principal, body }) => replaceSelection(catalogDeps(), principal.companyId!, body.productIds));
