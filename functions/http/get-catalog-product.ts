import { deps } from '../../shared/composition.js';
import { getCatalogProduct } from '../../shared/domain/catalog/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getCatalogProduct, ({ principal, params }) =>
  getCatalogProduct(deps(), principal.companyId!, params.productId),
);
