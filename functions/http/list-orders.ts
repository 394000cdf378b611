import { deps } from '../../shared/composition.js';
import { listOrders } from '../../shared/domain/orders/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, orderCallerOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.listOrders, ({ principal, query }) => listOrders(deps(), orderCallerOf(principal), query.status, query));
