import { fulfilmentDeps } from '../../shared/composition.js';
import { reportShipmentEvent } from '../../shared/domain/fulfilment/use-cases.js';
import { fulfilmentRoutes } from '../../shared/http/routes/fulfilment.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(fulfilmentRoutes.postShipmentEvent, ({ principal, params, body }) =>
  reportShipmentEvent(fulfilmentDeps(), partnerIdOf(principal), params.shipmentId, body));
