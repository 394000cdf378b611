/**
 * The stream consumer's work: each change record becomes zero or more domain events, sent to
 * the queues that consume them. A failure throws, so the batch is retried (and bisected, in
 * AWS) from the stream: events may repeat, never vanish; consumers are idempotent.
 */
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { eventsOfChange } from '../adapters/dynamodb/change-events.js';
import { EVENT_QUEUES, type DomainEvent } from '../domain/events.js';
import type { JobQueue, WorkQueueName } from '../domain/ports.js';
import { count } from '../observability.js';

type Image = Record<string, AttributeValue> | undefined;

export async function publishChanges(queue: JobQueue, event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> {
  const byQueue = new Map<WorkQueueName, DomainEvent[]>();
  const byType = new Map<DomainEvent['type'], number>();
  for (const record of event.Records) {
    const oldImage = record.dynamodb?.OldImage as Image;
    const newImage = record.dynamodb?.NewImage as Image;
    const events = eventsOfChange(oldImage && unmarshall(oldImage), newImage && unmarshall(newImage));
    for (const e of events) {
      byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
      for (const name of EVENT_QUEUES[e.type]) {
        const list = byQueue.get(name) ?? [];
        list.push(e);
        byQueue.set(name, list);
      }
    }
  }
  for (const [name, events] of byQueue) await queue.send(name, events);
  // Counted once sent: a batch the stream retries counts again (events repeat, never vanish).
  for (const [type, n] of byType) count(`Event.${type}`, n);
  return { batchItemFailures: [] };
}
