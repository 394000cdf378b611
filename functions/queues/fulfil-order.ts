import { fulfilmentDeps } from '../../shared/composition.js';
import { DomainEvent } from '../../shared/domain/events.js';
import { fulfilOrder, voidShipments } from '../../shared/domain/fulfilment/use-cases.js';
import { sqsWorker } from '../../shared/queues/worker.js';

/** OrderPlaced → one shipment per partner; OrderCancelled → its unshipped shipments are voided. */
export const handler = sqsWorker('fulfil-order', DomainEvent, async (event) => {
  if (event.type === 'OrderPlaced') await fulfilOrder(fulfilmentDeps(), event.companyId, event.orderId);
  else if (event.type === 'OrderCancelled') await voidShipments(fulfilmentDeps(), event.companyId, event.orderId);
});
