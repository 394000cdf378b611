import { deps } from '../../shared/composition.js';
import { notifyShipments } from '../../shared/domain/fulfilment/order-source.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.orderSourceShipmentNotification, ({ principal, body }) =>
  notifyShipments(deps(), partnerIdOf(principal), body));
