/**
 * DynamoDB Streams for the local engine: every committed item change, with its old and new
 * image (NEW_AND_OLD_IMAGES), in commit order per item. dynalite has no streams; single-item
 * writes (PutItem, UpdateItem, DeleteItem, BatchWriteItem) reach LevelDB through the item
 * sub-database's `put`/`del` while the item's lock is held, so wrapping those two sees each
 * change with the image it replaces. Transactions commit in one batch and report their
 * changes themselves (transactions.ts).
 *
 * Delivery to consumers (batching, retries, filters) is the local runtime's (local/streams.ts);
 * the feed only keeps order and hands records over synchronously.
 */
import type { AttributeMap, Store, SubDb } from './dynalite-internals.js';

export interface ChangeRecord {
  tableName: string;
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE';
  oldImage: AttributeMap | undefined;
  newImage: AttributeMap | undefined;
  /** Increasing across the engine: commit order. */
  sequenceNumber: string;
  /** Epoch milliseconds of the commit. */
  at: number;
}

export type ChangeListener = (record: ChangeRecord) => void;

export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>();
  private sequence = 0n;

  get active(): boolean {
    return this.listeners.size > 0;
  }

  /** Returns the unsubscribe function. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(tableName: string, oldImage: AttributeMap | undefined, newImage: AttributeMap | undefined): void {
    if (!this.listeners.size || (!oldImage && !newImage)) return;
    // DynamoDB writes no stream record for a write that leaves the item as it was.
    if (oldImage && newImage && canonical(oldImage) === canonical(newImage)) return;
    this.sequence += 1n;
    const record: ChangeRecord = {
      tableName,
      eventName: !oldImage ? 'INSERT' : !newImage ? 'REMOVE' : 'MODIFY',
      oldImage,
      newImage,
      sequenceNumber: this.sequence.toString().padStart(21, '0'),
      at: Date.now(),
    };
    for (const listener of this.listeners) listener(record);
  }

  /**
   * Makes the store's item sub-databases report their writes. The extra read of the old image
   * happens under the lock the writing action holds, so it is the image the write replaces.
   */
  attach(store: Store): void {
    const itemDbOf = store.getItemDb.bind(store);
    const wrapped = new Map<string, SubDb>();
    store.getItemDb = (tableName: string) => {
      const inner = itemDbOf(tableName);
      if (!this.active) return inner;
      let db = wrapped.get(tableName);
      if (!db) {
        db = this.reporting(tableName, inner);
        wrapped.set(tableName, db);
      }
      return db;
    };
  }

  private reporting(tableName: string, inner: SubDb): SubDb {
    const before = (key: string, then: (old: AttributeMap | undefined) => void, cb: (err?: Error | null) => void) =>
      inner.get(key, (err, old) => {
        if (err && err.name !== 'NotFoundError') return cb(err);
        then(old ?? undefined);
      });
    const emit = (old: AttributeMap | undefined, value: AttributeMap | undefined) => this.emit(tableName, old, value);
    return new Proxy(inner, {
      get(target, property, receiver) {
        if (property === 'put') {
          return (key: string, value: AttributeMap, cb: (err?: Error | null) => void) =>
            before(key, (old) => target.put(key, value, (err) => {
              if (!err) emit(old, value);
              cb(err);
            }), cb);
        }
        if (property === 'del') {
          return (key: string, cb: (err?: Error | null) => void) =>
            before(key, (old) => target.del(key, (err) => {
              if (!err) emit(old, undefined);
              cb(err);
            }), cb);
        }
        const value: unknown = Reflect.get(target, property, receiver);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
