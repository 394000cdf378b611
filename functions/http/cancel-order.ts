import { orderDeps } from '../../shared/composition.js';
import { cancelOrder } from '../../shared/domain/orders/use-cases.js';
import { orderRoutes } from '../../shared/http/routes/orders.js';
import { httpHandler, orderCallerOf } from '../../shared/http/stack.js';

export const handler = httpHandler(orderRoutes.cancelOrder, ({ principal, params }) => {
  const caller = orderCallerOf(principal);
  if (caller.role === 'platform_admin') throw new Error('unreachable: the route admits employees and HR admins only');
  return cancelOrder(orderDeps(), caller, params.orderId);
});
