import { deps } from '../../shared/composition.js';
import { getPartnerShipment } from '../../shared/domain/fulfilment/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getPartnerShipment, ({ principal, params }) =>
  getPartnerShipment(deps(), partnerIdOf(principal), params.shipmentId));
