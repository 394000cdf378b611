import { orderSourceDeps } from '../../shared/composition.js';
import { notifyShipments } from '../../shared/domain/fulfilment/order-source.js';
import { fulfilmentRoutes } from '../../shared/http/routes/fulfilment.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(fulfilmentRoutes.orderSourceShipmentNotification, ({ principal, body }) =>
  notifyShipments(orderSourceDeps(), partnerIdOf(principal), body));
