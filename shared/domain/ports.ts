/** Ports every area uses. Adapters: shared/adapters/. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new ULID: sortable by creation time, unguessable enough for ids (not for secrets). */
  next(): string;
}

/** The work queues (SQS in AWS, in-process locally). */
export type WorkQueueName = 'employee-imports' | 'allocations' | 'fulfilment' | 'notifications' | 'tracking';

export interface JobQueue {
  /** At-least-once delivery: consumers must be idempotent. */
  send(queue: WorkQueueName, messages: object[]): Promise<void>;
}

export interface ListOptions {
  limit: number;
  cursor?: string | undefined;
}
