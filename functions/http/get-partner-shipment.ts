import { fulfilmentDeps } from '../../shared/composition.js';
import { getPartnerShipment } from '../../shared/domain/fulfilment/use-cases.js';
import { fulfilmentRoutes } from '../../shared/http/routes/fulfilment.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(fulfilmentRoutes.getPartnerShipment, ({ principal, params }) =>
  getPartnerShipment(fulfilmentDeps(), partnerIdOf(principal), params.shipmentId));
