/** Ports every area uses. Adapters: shared/adapters/. */
export interface Clock {
  now(): Date;
}

export interface IdGenerator {
  /** A new ULID: sortable by creation time, unguessable enough for ids (not for secrets). */
  next(): string;
}

export interface JobQueue {
  /** At-least-once delivery: consumers must be idempotent. */
  send(queue: 'employee-imports', messages: object[]): Promise<void>;
}

export interface ListOptions {
  limit: number;
  cursor?: string | undefined;
}
