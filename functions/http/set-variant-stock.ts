import { deps } from '../../shared/composition.js';
import { setStock } from '../../shared/domain/catalog/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.setVariantStock, ({ params, body }) =>
  setStock(deps(), params.productId, params.variantId, body.stock),
);
