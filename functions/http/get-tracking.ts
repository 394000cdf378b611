import { deps } from '../../shared/composition.js';
import { trackShipment } from '../../shared/domain/fulfilment/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getTracking, ({ params }) => trackShipment(deps(), params.trackingToken));
