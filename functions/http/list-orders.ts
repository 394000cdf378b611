import { orderDeps } from '../../shared/composition.js';
import { listOrders } from '../../shared/domain/orders/use-cases.js';
import { orderRoutes } from '../../shared/http/routes/orders.js';
import { httpHandler, orderCallerOf } from '../../shared/http/stack.js';

export const handler = httpHandler(orderRoutes.listOrders, ({ principal, query }) => listOrders(orderDeps(), orderCallerOf(principal), query.status, query));
