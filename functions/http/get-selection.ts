import { catalogDeps } from '../../shared/composition.js';
import { getSelection } from '../../shared/domain/catalog/use-cases.js';
import { catalogRoutes } from '../../shared/http/routes/catalog.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(catalogRoutes.getSelection, ({ principal }) => getSelection(catalogDeps(), principal.companyId!));
