import { catalogDeps } from '../../shared/composition.js';
import { setStock } from '../../shared/domain/catalog/use-cases.js';
import { catalogRoutes } from '../../shared/http/routes/catalog.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(catalogRoutes.setVariantStock, ({ params, body }) =>
  setStock(catalogDeps(), params.productId, params.variantId, body.stock),
);
