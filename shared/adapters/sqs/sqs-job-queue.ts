import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { JobQueue, WorkQueueName } from '../../domain/ports.js';

/** JobQueue on SQS: batches of 10, failed entries retried, then reported. */
export class SqsJobQueue implements JobQueue {
  private readonly client = new SQSClient({});

  constructor(private readonly urls: Record<WorkQueueName, string>) {}

  async send(queue: WorkQueueName, messages: object[]): Promise<void> {
    for (let i = 0; i < messages.length; i += 10) {
      let entries = messages.slice(i, i + 10).map((m, k) => ({ Id: String(i + k), MessageBody: JSON.stringify(m) }));
      for (let attempt = 0; entries.length; attempt++) {
        if (attempt > 5) throw new Error(`SQS refused ${entries.length} messages for ${queue}`);
        const out = await this.client.send(new SendMessageBatchCommand({ QueueUrl: this.urls[queue], Entries: entries }));
        const failed = new Set((out.Failed ?? []).map((f) => f.Id));
        entries = entries.filter((e) => failed.has(e.Id));
      }
    }
  }
}
