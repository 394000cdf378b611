import { catalogDeps } from '../../shared/composition.js';
import { loadCodes } from '../../shared/domain/catalog/use-cases.js';
import { catalogRoutes } from '../../shared/http/routes/catalog.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(catalogRoutes.loadGiftCodes, ({ params, body }) =>
  loadCodes(catalogDeps(), params.productId, params.variantId, body.codes),
);
