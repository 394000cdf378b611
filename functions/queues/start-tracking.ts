import { carrierDeps } from '../../shared/composition.js';
import { DomainEvent } from '../../shared/domain/events.js';
import { startCarrierTracking } from '../../shared/domain/fulfilment/use-cases.js';
import { logger } from '../../shared/http/logger.js';
import { sqsWorker } from '../../shared/queues/worker.js';

/** TrackingNumberAssigned → ShipEngine starts sending tracking webhooks for the parcel. */
export const handler = sqsWorker('start-tracking', DomainEvent, async (event) => {
  if (event.type !== 'TrackingNumberAssigned') return;
  const outcome = await startCarrierTracking(carrierDeps(), event);
  logger.debug('carrier tracking', { shipmentId: event.shipmentId, carrierCode: event.carrierCode, outcome });
});
