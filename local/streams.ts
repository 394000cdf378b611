/**
 * The local stand-in for DynamoDB Streams → Lambda: the engine's change feed delivered to the
 * stream consumers of shared/http/routes.ts with the semantics Lambda gives them: the consumer's
 * filter patterns applied first, records in commit order, batches of up to `batchSize`, a
 * failing batch retried (the same records again, in order) `retryAttempts` times with backoff
 * and then set aside as dead letters, like an on-failure destination.
 */
import { randomUUID } from 'node:crypto';
import type { Context, DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { lambdaContext } from './lambda-context.js';
import type { ChangeFeed, ChangeRecord } from './dynamodb/change-feed.js';
import { mainTable } from '../shared/adapters/dynamodb/table-definition.js';
import { streamConsumers, type StreamConsumerDefinition } from '../shared/http/routes.js';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<DynamoDBBatchResponse | void>;

export class LocalStreams {
  readonly deadLetters: { consumer: string; records: DynamoDBRecord[]; error: string }[] = [];
  private readonly consumers: LocalStreamConsumer[];
  private unsubscribe: (() => void) | undefined;

  constructor(root: URL, private readonly tableName: string, definitions: StreamConsumerDefinition[] = streamConsumers) {
    this.consumers = definitions.map((d) => new LocalStreamConsumer(d, () => import(new URL(d.entry, root).href).then((m: { handler: StreamHandler }) => m.handler), this.deadLetters));
  }

  attach(feed: ChangeFeed): void {
    this.unsubscribe = feed.subscribe((record) => {
      if (record.tableName !== this.tableName) return;
      const streamRecord = toStreamRecord(record);
      for (const consumer of this.consumers) consumer.offer(streamRecord);
    });
  }

  /** Resolves when every consumer has delivered everything offered so far. */
  async idle(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.idle()));
  }

  get quiet(): boolean {
    return this.consumers.every((c) => c.quiet);
  }

  stop(): void {
    this.unsubscribe?.();
  }
}

class LocalStreamConsumer {
  private readonly pending: DynamoDBRecord[] = [];
  private running = false;
  private waiters: (() => void)[] = [];
  private handler: Promise<StreamHandler> | undefined;

  constructor(
    private readonly definition: StreamConsumerDefinition,
    private readonly load: () => Promise<StreamHandler>,
    private readonly deadLetters: LocalStreams['deadLetters'],
  ) {}

  offer(record: DynamoDBRecord): void {
    if (!this.definition.filters.some((pattern) => matchesPattern(pattern, record))) return;
    this.pending.push(record);
    if (!this.running) void this.drain();
  }

  get quiet(): boolean {
    return !this.running && !this.pending.length;
  }

  idle(): Promise<void> {
    if (!this.running && !this.pending.length) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private async drain(): Promise<void> {
    this.running = true;
    // Let the records of one transaction arrive together, as a shard's batch would hold them.
    await new Promise((resolve) => setImmediate(resolve));
    try {
      while (this.pending.length) {
        const batch = this.pending.splice(0, this.definition.batchSize);
        await this.deliver(batch);
      }
    } finally {
      this.running = false;
      this.waiters.splice(0).forEach((resolve) => resolve());
    }
  }

  private async deliver(batch: DynamoDBRecord[]): Promise<void> {
    let records = batch;
    for (let attempt = 0; ; attempt++) {
      let error: string | undefined;
      try {
        this.handler ??= this.load();
        const handler = await this.handler;
        const result = await handler({ Records: records }, lambdaContext(this.definition.id, randomUUID(), this.definition.timeoutSeconds * 1000));
        const failed = result?.batchItemFailures?.[0]?.itemIdentifier;
        if (failed) {
          // Lambda's checkpoint: retry from the first failed record on.
          const from = records.findIndex((r) => r.dynamodb?.SequenceNumber === failed);
          records = records.slice(Math.max(0, from));
          error = `reported ${failed} as failed`;
        }
      } catch (err) {
        error = (err as Error).message;
      }
      if (!error) return;
      if (attempt >= this.definition.retryAttempts) {
        this.deadLetters.push({ consumer: this.definition.id, records, error });
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(2000, 25 * 2 ** attempt)));
    }
  }
}

function toStreamRecord(record: ChangeRecord): DynamoDBRecord {
  const image = record.newImage ?? record.oldImage!;
  const keyNames = [mainTable.partitionKey.name, ...(mainTable.sortKey ? [mainTable.sortKey.name] : [])];
  return {
    eventID: randomUUID().replaceAll('-', ''),
    eventName: record.eventName,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: 'local',
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(record.at / 1000),
      Keys: Object.fromEntries(keyNames.map((k) => [k, image[k]])) as never,
      ...(record.newImage ? { NewImage: record.newImage as never } : {}),
      ...(record.oldImage ? { OldImage: record.oldImage as never } : {}),
      SequenceNumber: record.sequenceNumber,
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
    eventSourceARN: `arn:aws:dynamodb:local:000000000000:table/${record.tableName}/stream/local`,
  };
}

/**
 * Lambda event filtering, for the pattern forms the consumers use: nested objects, arrays of
 * allowed values (any matches), `{ prefix }`, `{ exists }` and `{ anything-but }` of values.
 * A record matches a pattern when every key of the pattern matches.
 */
export function matchesPattern(pattern: unknown, value: unknown): boolean {
  if (Array.isArray(pattern)) return pattern.some((allowed) => matchesValue(allowed, value));
  if (pattern && typeof pattern === 'object') {
    if (!value || typeof value !== 'object') return false;
    return Object.entries(pattern).every(([key, sub]) => {
      const child = (value as Record<string, unknown>)[key];
      if (Array.isArray(sub) && sub.some((s) => s && typeof s === 'object' && 'exists' in s)) {
        const wanted = (sub.find((s) => s && typeof s === 'object' && 'exists' in s) as { exists: boolean }).exists;
        return wanted === (child !== undefined);
      }
      return matchesPattern(sub, child);
    });
  }
  return false;
}

function matchesValue(allowed: unknown, value: unknown): boolean {
  if (allowed && typeof allowed === 'object') {
    const rule = allowed as { prefix?: string; 'anything-but'?: unknown[] };
    if (typeof rule.prefix === 'string') return typeof value === 'string' && value.startsWith(rule.prefix);
    if (Array.isArray(rule['anything-but'])) return value !== undefined && !rule['anything-but'].includes(value);
    return false;
  }
  return allowed === value;
}
