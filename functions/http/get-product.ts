import { catalogDeps } from '../../shared/composition.js';
import { getProduct } from '../../shared/domain/catalog/use-cases.js';
import { catalogRoutes } from '../../shared/http/routes/catalog.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(catalogRoutes.getProduct, ({ params }) => getProduct(catalogDeps(), params.productId));
