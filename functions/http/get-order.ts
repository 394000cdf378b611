import { orderDeps } from '../../shared/composition.js';
import { getOrder } from '../../shared/domain/orders/use-cases.js';
import { orderRoutes } from '../../shared/http/routes/orders.js';
import { httpHandler, orderCallerOf } from '../../shared/http/stack.js';

export const handler = httpHandler(orderRoutes.getOrder, ({ principal, params }) =>
  getOrder(orderDeps(), orderCallerOf(principal), principal.companyId, params.orderId),
);
