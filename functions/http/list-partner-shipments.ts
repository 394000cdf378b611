import { fulfilmentDeps } from '../../shared/composition.js';
import { listPartnerShipments } from '../../shared/domain/fulfilment/use-cases.js';
import { fulfilmentRoutes } from '../../shared/http/routes/fulfilment.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(fulfilmentRoutes.listPartnerShipments, ({ principal, query }) =>
  listPartnerShipments(fulfilmentDeps(), partnerIdOf(principal), query.status, query));
