import { notificationDeps } from '../../shared/composition.js';
import { DomainEvent } from '../../shared/domain/events.js';
import { notify } from '../../shared/domain/notifications/use-cases.js';
import { sqsWorker } from '../../shared/queues/worker.js';

/** Domain events → emails, each at most once (outbox); a failed send is retried by the queue. */
export const handler = sqsWorker('send-notification', DomainEvent, async (event) => {
  await notify(notificationDeps(), event);
});
