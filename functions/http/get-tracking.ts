import { fulfilmentDeps } from '../../shared/composition.js';
import { trackShipment } from '../../shared/domain/fulfilment/use-cases.js';
import { fulfilmentRoutes } from '../../shared/http/routes/fulfilment.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(fulfilmentRoutes.getTracking, ({ params }) => trackShipment(fulfilmentDeps(), params.trackingToken));
