import { deps } from '../../shared/composition.js';
import { listProducts } from '../../shared/domain/catalog/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.listProducts, ({ query }) => listProducts(deps(), query));
