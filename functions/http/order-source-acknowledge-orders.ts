import { deps } from '../../shared/composition.js';
import { acknowledgeOrders } from '../../shared/domain/fulfilment/order-source.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.orderSourceAcknowledgeOrders, ({ principal, body }) =>
  acknowledgeOrders(deps(), partnerIdOf(principal), body));
