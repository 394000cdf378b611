import { deps } from '../../shared/composition.js';
import { loadCodes } from '../../shared/domain/catalog/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.loadGiftCodes, ({ params, body }) =>
  loadCodes(deps(), params.productId, params.variantId, body.codes),
);
