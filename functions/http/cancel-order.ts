import { deps } from '../../shared/composition.js';
import { cancelOrder } from '../../shared/domain/orders/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, orderCallerOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.cancelOrder, ({ principal, params }) => {
  const caller = orderCallerOf(principal);
  if (caller.role === 'platform_admin') throw new Error('unreachable: the route admits employees and HR admins only');
  return cancelOrder(deps(), caller, params.orderId);
});
