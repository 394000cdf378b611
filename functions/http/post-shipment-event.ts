import { deps } from '../../shared/composition.js';
import { reportShipmentEvent } from '../../shared/domain/fulfilment/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.postShipmentEvent, ({ principal, params, body }) =>
  reportShipmentEvent(deps(), partnerIdOf(principal), params.shipmentId, body));
