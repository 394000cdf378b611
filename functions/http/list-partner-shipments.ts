import { deps } from '../../shared/composition.js';
import { listPartnerShipments } from '../../shared/domain/fulfilment/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.listPartnerShipments, ({ principal, query }) =>
  listPartnerShipments(deps(), partnerIdOf(principal), query.status, query));
