/**
 * The in-process stand-in for SQS: at-least-once delivery to the same worker handlers Lambda
 * runs, with SQS-shaped events, per-message retries with backoff, and a dead-letter list.
 */
import { randomUUID } from 'node:crypto';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { lambdaContext } from './lambda-context.js';
import type { JobQueue } from '../shared/domain/ports.js';
import { workers, type QueueName } from '../shared/http/routes.js';

type SqsHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const MAX_RECEIVES = 5;

export class LocalQueue implements JobQueue {
  readonly deadLetters: { queue: QueueName; body: string; error: string }[] = [];
  private inFlight = 0;
  private idleWaiters: (() => void)[] = [];
  private readonly handlers = new Map<QueueName, Promise<SqsHandler>>();

  constructor(private readonly root: URL, private readonly concurrency = 2) {}

  private handlerFor(queue: QueueName): Promise<SqsHandler> {
    let handler = this.handlers.get(queue);
    if (!handler) {
      const worker = workers.find((w) => w.queue === queue);
      if (!worker) throw new Error(`No worker consumes ${queue}`);
      handler = import(new URL(worker.entry, this.root).href).then((m: { handler: SqsHandler }) => m.handler);
      this.handlers.set(queue, handler);
    }
    return handler;
  }

  private pending: { queue: QueueName; body: string; receives: number }[] = [];
  private running = 0;

  async send(queue: QueueName, messages: object[]): Promise<void> {
    for (const m of messages) this.pending.push({ queue, body: JSON.stringify(m), receives: 0 });
    this.inFlight += messages.length;
    this.pump();
  }

  private pump() {
    while (this.running < this.concurrency && this.pending.length) {
      const message = this.pending.shift()!;
      this.running++;
      void this.deliver(message).finally(() => {
        this.running--;
        this.pump();
      });
    }
  }

  private contextOf(queue: QueueName, requestId: string): Context {
    const worker = workers.find((w) => w.queue === queue)!;
    return lambdaContext(worker.id, requestId, worker.timeoutSeconds * 1000);
  }

  private async deliver(message: { queue: QueueName; body: string; receives: number }) {
    message.receives++;
    let failed: string | undefined;
    try {
      const messageId = randomUUID();
      const handler = await this.handlerFor(message.queue);
      const result = await handler({
        Records: [{
          messageId, receiptHandle: messageId, body: message.body,
          attributes: { ApproximateReceiveCount: String(message.receives), SentTimestamp: String(Date.now()), SenderId: 'local', ApproximateFirstReceiveTimestamp: String(Date.now()) },
          messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: `arn:aws:sqs:local:000000000000:${message.queue}`, awsRegion: 'local',
        }],
      }, this.contextOf(message.queue, messageId));
      if (result.batchItemFailures.length) failed = 'reported as failed by the worker';
    } catch (err) {
      failed = (err as Error).message;
    }
    if (failed && message.receives < MAX_RECEIVES) {
      setTimeout(() => {
        this.pending.push(message);
        this.pump();
      }, 50 * 2 ** message.receives);
      return;
    }
    if (failed) this.deadLetters.push({ queue: message.queue, body: message.body, error: failed });
    this.inFlight--;
    if (this.inFlight === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
  }

  /** Nothing waiting, nothing running. */
  get quiet(): boolean {
    return this.inFlight === 0;
  }

  /** Resolves when every message sent so far has been processed or dead-lettered. */
  idle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
