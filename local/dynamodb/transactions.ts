/**
 * TransactWriteItems and TransactGetItems for the local engine, built on dynalite's store.
 *
 * How a write transaction runs:
 * 1. Validate every action with dynalite's own request validation for the matching
 *    single-item operation (expressions parsed, attribute values checked), plus the
 *    transaction rules: 1..100 actions, exactly one operation per action, no two actions on
 *    one item, ConditionCheck has a condition.
 * 2. Lock every item involved with dynalite's per-item locks, in one global order, so
 *    transactions serialize with each other and with PutItem/UpdateItem/DeleteItem on the
 *    same items without deadlock.
 * 3. Run each action against a staging store: dynalite's own action code evaluates the
 *    condition, applies the update expression and computes index changes, but its writes
 *    are captured instead of applied.
 * 4. If any action failed, nothing is written: TransactionCanceledException with one
 *    reason per action, in order. Otherwise all captured writes (items, index entries and
 *    the ClientRequestToken record) go to LevelDB in ONE atomic batch.
 *
 * Steps 2–4 hold the locks, and a transaction on a hot item (a product's stock) waits for
 * every holder before it: the locked section yields the event loop as little as it can.
 * dynalite's callbacks each come a full event-loop turn later (setImmediate), and a turn of a
 * busy process is milliseconds of other requests' work, so under the locks the items are read
 * synchronously where the store allows it, the staging store answers synchronously, and the
 * commit awaits the batch's promise rather than its callback.
 */
import { createHash } from 'node:crypto';
import type { ChangeFeed } from './change-feed.js';
import {
  dynaliteAction,
  dynaliteDb,
  dynaliteValidation,
  dynaliteValidations,
  indexDbPrefix,
  isServiceError,
  itemDbPrefix,
  type Action,
  type AttributeMap,
  type DynaliteOperation,
  type LevelBatchOp,
  type LockRelease,
  type ServiceError,
  type Store,
  type SubDb,
  type TableDescription,
} from './dynalite-internals.js';

export const MAX_TRANSACTION_ACTIONS = 100;
/** DynamoDB: "The aggregate size of the items in the transaction cannot exceed 4 MB." */
export const MAX_TRANSACTION_BYTES = 4 * 1024 * 1024;
/** DynamoDB: "A client request token is valid for 10 minutes after the first request that uses it is completed." */
export const CLIENT_REQUEST_TOKEN_TTL_MS = 10 * 60 * 1000;
const TOKEN_PREFIX = 'x-txn-token~';
const DYNAMODB_ERROR = 'com.amazonaws.dynamodb.v20120810#';

type WriteKind = 'ConditionCheck' | 'Put' | 'Update' | 'Delete';

interface PlannedAction {
  kind: WriteKind | 'Get';
  tableName: string;
  table: TableDescription;
  itemKey: string;
  /** The request in the shape dynalite's single-item action expects (validated and parsed). */
  data: Record<string, unknown>;
  returnOldOnFailure: boolean;
}

interface CancellationReason {
  Code: 'None' | 'ConditionalCheckFailed' | 'ValidationError';
  Message?: string;
  Item?: AttributeMap;
}

interface TokenRecord {
  hash: string;
  completedAt: number;
  response: Record<string, unknown>;
}

function serviceError(type: string, message: string, extra: Record<string, unknown> = {}): ServiceError {
  const err = new Error(message) as ServiceError;
  err.statusCode = 400;
  err.body = { __type: type, message, ...extra };
  return err;
}

const validationError = (message: string) => dynaliteDb.validationError(message);

function promisify<T>(fn: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    fn((err, value) => (err ? reject(err) : resolve(value as T)));
  });
}

function lockItem(itemDb: SubDb, key: string): Promise<() => void> {
  return new Promise((resolve) => {
    itemDb.lock(key, (release: LockRelease) => resolve(release()));
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The single-item operation whose validation and semantics a transaction action reuses. */
const OPERATION_OF: Record<WriteKind | 'Get', DynaliteOperation> = {
  ConditionCheck: 'DeleteItem', // same parameters as a conditional delete: Key + condition
  Put: 'PutItem',
  Update: 'UpdateItem',
  Delete: 'DeleteItem',
  Get: 'GetItem',
};

const ALLOWED_FIELDS: Record<WriteKind | 'Get', string[]> = {
  ConditionCheck: ['TableName', 'Key', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  Put: ['TableName', 'Item', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  Update: ['TableName', 'Key', 'UpdateExpression', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  Delete: ['TableName', 'Key', 'ConditionExpression', 'ExpressionAttributeNames', 'ExpressionAttributeValues'],
  Get: ['TableName', 'Key', 'ProjectionExpression', 'ExpressionAttributeNames'],
};

export class TransactionEngine {
  /** Tokens whose transaction is still running: a concurrent retry gets TransactionInProgressException. */
  private readonly inFlightTokens = new Map<string, string>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly changes?: ChangeFeed,
  ) {}

  async transactWriteItems(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    const actions = await this.plan(request, ['ConditionCheck', 'Put', 'Update', 'Delete']);
    const token = this.clientRequestToken(request);
    const hash = token ? requestHash(request) : '';

    if (token) {
      const replay = await this.checkToken(token, hash);
      if (replay) return replay;
      this.inFlightTokens.set(token, hash);
    }
    try {
      const response = await this.withLocks(actions, async (existing) => {
        const { reasons, ops } = await this.stage(actions, existing);
        if (reasons.some((r) => r.Code !== 'None')) {
          throw serviceError(
            `${DYNAMODB_ERROR}TransactionCanceledException`,
            `Transaction cancelled, please refer cancellation reasons for specific reasons [${reasons.map((r) => r.Code).join(', ')}]`,
            { CancellationReasons: reasons },
          );
        }
        const result = consumedCapacity(request, actions, 'write');
        if (token) {
          const record: TokenRecord = { hash, completedAt: this.now(), response: result };
          ops.push({ type: 'put', key: TOKEN_PREFIX + token, value: record });
        }
        await this.store.db.batch(ops);
        this.reportChanges(actions, existing, ops);
        return result;
      });
      return response;
    } finally {
      if (token) this.inFlightTokens.delete(token);
    }
  }

  /** Stream records of a committed transaction, in action order (one per written item). */
  private reportChanges(actions: PlannedAction[], existing: (AttributeMap | undefined)[], ops: LevelBatchOp[]) {
    if (!this.changes?.active) return;
    const written = new Map(ops.map((op) => [op.key, op]));
    for (const [i, action] of actions.entries()) {
      if (action.kind === 'ConditionCheck') continue;
      const op = written.get(itemDbPrefix(action.tableName) + action.itemKey);
      if (!op) continue;
      this.changes.emit(action.tableName, existing[i], op.type === 'put' ? (op.value as AttributeMap) : undefined);
    }
  }

  async transactGetItems(request: Record<string, unknown>): Promise<Record<string, unknown>> {
    const actions = await this.plan(request, ['Get']);
    return this.withLocks(actions, async (existing) => {
      const responses: Record<string, unknown>[] = [];
      for (const [i, action] of actions.entries()) {
        const stagingStore = this.stagingStore(new Map([[action.tableName + '\u0000' + action.itemKey, existing[i]]]), [], action.table);
        const result = await promisify<Record<string, unknown>>((cb) => dynaliteAction('GetItem')(stagingStore, action.data, cb));
        responses.push(result.Item ? { Item: result.Item } : {});
      }
      return { Responses: responses, ...consumedCapacity(request, actions, 'read') };
    });
  }

  /** Deletes token records past their 10-minute window (called at start-up and periodically). */
  async purgeExpiredTokens(): Promise<number> {
    const now = this.now();
    const expired: LevelBatchOp[] = [];
    for await (const key of this.store.db.keys({ gte: TOKEN_PREFIX, lt: TOKEN_PREFIX + '\xff' })) {
      const record = await this.readToken(key.slice(TOKEN_PREFIX.length));
      if (!record || now - record.completedAt > CLIENT_REQUEST_TOKEN_TTL_MS) expired.push({ type: 'del', key });
    }
    if (expired.length) await promisify<void>((cb) => this.store.db.batch(expired, cb));
    return expired.length;
  }

  private clientRequestToken(request: Record<string, unknown>): string | undefined {
    const token = request.ClientRequestToken;
    if (token === undefined || token === null) return undefined;
    if (typeof token !== 'string' || token.length < 1 || token.length > 36) {
      throw validationError(
        "1 validation error detected: Value at 'clientRequestToken' failed to satisfy constraint: Member must have length between 1 and 36",
      );
    }
    return token;
  }

  private async readToken(token: string): Promise<TokenRecord | undefined> {
    const value = await promisify<unknown>((cb) => this.store.db.get(TOKEN_PREFIX + token, cb)).catch(() => undefined);
    return isObject(value) ? (value as unknown as TokenRecord) : undefined;
  }

  private async checkToken(token: string, hash: string): Promise<Record<string, unknown> | undefined> {
    const inFlight = this.inFlightTokens.get(token);
    if (inFlight !== undefined) {
      if (inFlight !== hash) throw mismatch();
      throw serviceError(`${DYNAMODB_ERROR}TransactionInProgressException`, 'Transaction is in progress');
    }
    const record = await this.readToken(token);
    if (!record || this.now() - record.completedAt > CLIENT_REQUEST_TOKEN_TTL_MS) return undefined;
    if (record.hash !== hash) throw mismatch();
    return record.response;

    function mismatch() {
      return serviceError(
        `${DYNAMODB_ERROR}IdempotentParameterMismatchException`,
        'Request parameters do not match the parameters of the request that used the same ClientRequestToken',
      );
    }
  }

  private async plan(request: Record<string, unknown>, kinds: (WriteKind | 'Get')[]): Promise<PlannedAction[]> {
    const items = request.TransactItems;
    if (!Array.isArray(items)) {
      throw validationError(
        "1 validation error detected: Value null at 'transactItems' failed to satisfy constraint: Member must not be null",
      );
    }
    if (items.length < 1 || items.length > MAX_TRANSACTION_ACTIONS) {
      throw validationError(
        `1 validation error detected: Value '${items.length} items' at 'transactItems' failed to satisfy constraint: ` +
          `Member must have length less than or equal to ${MAX_TRANSACTION_ACTIONS} and greater than or equal to 1`,
      );
    }
    for (const field of ['ReturnConsumedCapacity', 'ReturnItemCollectionMetrics'] as const) {
      const allowed = field === 'ReturnConsumedCapacity' ? ['INDEXES', 'TOTAL', 'NONE'] : ['SIZE', 'NONE'];
      if (request[field] !== undefined && !allowed.includes(request[field] as string)) {
        throw validationError(`1 validation error detected: Value '${String(request[field])}' at '${field}' failed to satisfy constraint`);
      }
    }

    const planned: PlannedAction[] = [];
    const seen = new Set<string>();
    const tables = new Map<string, TableDescription>();
    let putBytes = 0;
    for (const [index, entry] of items.entries()) {
      if (!isObject(entry)) throw validationError(`Invalid TransactItem at position ${index + 1}`);
      const present = kinds.filter((k) => entry[k] !== undefined && entry[k] !== null);
      if (present.length !== 1) {
        throw validationError(
          `TransactItems can only contain one of ${kinds.join(', ')}: found ${present.length} in item ${index + 1}`,
        );
      }
      const kind = present[0]!;
      const body = entry[kind];
      if (!isObject(body)) throw validationError(`Invalid ${kind} at position ${index + 1}`);

      const returnValues = body.ReturnValuesOnConditionCheckFailure;
      if (returnValues !== undefined && returnValues !== 'ALL_OLD' && returnValues !== 'NONE') {
        throw validationError(
          `1 validation error detected: Value '${String(returnValues)}' at 'transactItems.${index + 1}.member.${kind.charAt(0).toLowerCase() + kind.slice(1)}.returnValuesOnConditionCheckFailure' failed to satisfy constraint: Member must satisfy enum value set: [ALL_OLD, NONE]`,
        );
      }
      if (kind === 'ConditionCheck' && (typeof body.ConditionExpression !== 'string' || body.ConditionExpression === '')) {
        throw validationError('The parameter ConditionExpression is required for a ConditionCheck');
      }
      if (kind === 'Update' && (typeof body.UpdateExpression !== 'string' || body.UpdateExpression === '')) {
        throw validationError('The parameter UpdateExpression is required for an Update');
      }

      const operation = OPERATION_OF[kind];
      const validation = dynaliteValidation(operation);
      const fields: Record<string, unknown> = {};
      for (const f of ALLOWED_FIELDS[kind]) if (body[f] !== undefined) fields[f] = body[f];
      const data = dynaliteValidations.checkTypes(fields, validation.types);
      dynaliteValidations.checkValidations(data, validation.types, validation.custom, this.store);

      const tableName = data.TableName as string;
      let table = tables.get(tableName);
      if (!table) {
        table = await promisify<TableDescription>((cb) => this.store.getTable(tableName, cb));
        tables.set(tableName, table);
      }
      const keySource = (kind === 'Put' ? data.Item : data.Key) as AttributeMap;
      const invalid = kind === 'Put' ? dynaliteDb.validateItem(keySource, table) : dynaliteDb.validateKey(keySource, table);
      if (invalid) throw invalid;
      const itemKey = dynaliteDb.createKey(keySource, table);

      const identity = tableName + '\u0000' + itemKey;
      if (seen.has(identity)) {
        throw validationError('Transaction request cannot include multiple operations on one item');
      }
      seen.add(identity);
      if (kind === 'Put') {
        putBytes += dynaliteDb.itemSize(keySource);
        if (putBytes > MAX_TRANSACTION_BYTES) {
          throw validationError('Transaction request exceeds the maximum aggregate item size of 4 MB');
        }
      }
      planned.push({ kind, tableName, table, itemKey, data, returnOldOnFailure: returnValues === 'ALL_OLD' });
    }
    return planned;
  }

  /**
   * Holds the locks of every item in `actions` while `work` runs, acquired one by one in a
   * single global order (table, then key) so that two transactions never wait on each other.
   */
  private async withLocks<T>(actions: PlannedAction[], work: (existing: (AttributeMap | undefined)[]) => Promise<T>): Promise<T> {
    const order = [...actions].sort((a, b) =>
      a.tableName === b.tableName ? cmp(a.itemKey, b.itemKey) : cmp(a.tableName, b.tableName),
    );
    const releases: (() => void)[] = [];
    try {
      for (const action of order) releases.push(await lockItem(this.store.getItemDb(action.tableName), action.itemKey));
      const existing = await this.readItems(actions);
      return await work(existing);
    } finally {
      for (const release of releases.reverse()) release();
    }
  }

  /** The items as stored now (called under their locks): synchronously when the store can. */
  private async readItems(actions: PlannedAction[]): Promise<(AttributeMap | undefined)[]> {
    const db = this.store.db;
    if (db.supports?.getSync && db.getSync) {
      return actions.map((a) => db.getSync!(itemDbPrefix(a.tableName) + a.itemKey) as AttributeMap | undefined);
    }
    return Promise.all(
      actions.map((a) => promisify<AttributeMap | undefined>((cb) => this.store.getItemDb(a.tableName).get(a.itemKey, cb))),
    );
  }

  /** Runs every action on a staging store: conditions are evaluated, writes are captured. */
  private async stage(
    actions: PlannedAction[],
    existing: (AttributeMap | undefined)[],
  ): Promise<{ reasons: CancellationReason[]; ops: LevelBatchOp[] }> {
    const snapshot = new Map(actions.map((a, i) => [a.tableName + '\u0000' + a.itemKey, existing[i]]));
    const ops: LevelBatchOp[] = [];
    const reasons: CancellationReason[] = [];
    for (const [i, action] of actions.entries()) {
      const error = await this.stageOne(action, snapshot, ops);
      if (!error) {
        reasons.push({ Code: 'None' });
      } else if (error.body.__type.endsWith('#ConditionalCheckFailedException')) {
        const reason: CancellationReason = { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' };
        if (action.returnOldOnFailure && existing[i]) reason.Item = existing[i];
        reasons.push(reason);
      } else if (error.body.__type.endsWith('#ValidationException')) {
        reasons.push({ Code: 'ValidationError', Message: String(error.body.message ?? error.message) });
      } else {
        throw error;
      }
    }
    return { reasons, ops };
  }

  private async stageOne(action: PlannedAction, snapshot: Map<string, AttributeMap | undefined>, ops: LevelBatchOp[]) {
    if (action.kind === 'ConditionCheck') {
      return dynaliteDb.checkConditional(action.data, snapshot.get(action.tableName + '\u0000' + action.itemKey)) ?? undefined;
    }
    const run: Action = dynaliteAction(OPERATION_OF[action.kind]);
    const staging = this.stagingStore(snapshot, ops, action.table);
    try {
      await promisify((cb) => run(staging, { ...action.data }, cb));
      return undefined;
    } catch (err) {
      if (isServiceError(err)) return err;
      throw err;
    }
  }

  /**
   * A view of the store for dynalite's single-item actions: the table is the one planned,
   * reads come from the snapshot taken under the locks, locks are already held, and every
   * write is appended to `ops` (with the sub-database prefix) instead of reaching LevelDB.
   * Every callback runs synchronously: an action runs to its end without yielding the event
   * loop while the transaction holds its locks.
   */
  private stagingStore(snapshot: Map<string, AttributeMap | undefined>, ops: LevelBatchOp[], table: TableDescription): Store {
    const capture = (prefix: string, tableName?: string): SubDb => ({
      get: (key, cb) => cb(null, tableName === undefined ? undefined : snapshot.get(tableName + '\u0000' + key)),
      put: (key, value, cb) => {
        ops.push({ type: 'put', key: prefix + key, value });
        cb(null);
      },
      del: (key, cb) => {
        ops.push({ type: 'del', key: prefix + key });
        cb(null);
      },
      lock: (_key, exec) => exec(((cb: unknown) => cb) as LockRelease),
    });
    return {
      ...this.store,
      getTable: (name, cb) => (name === table.TableName ? cb(null, table) : this.store.getTable(name, cb)),
      getItemDb: (tableName: string) => capture(itemDbPrefix(tableName), tableName),
      getIndexDb: (indexType: string, tableName: string, indexName: string) =>
        capture(indexDbPrefix(indexType, tableName, indexName)),
    };
  }
}

function cmp(a: string, b: string) {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Canonical hash of what makes two requests "the same" for ClientRequestToken purposes. */
function requestHash(request: Record<string, unknown>): string {
  const { ClientRequestToken: _token, ...rest } = request;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Capacity as DynamoDB reports it for transactions: two units per item touched (prepare + commit). */
function consumedCapacity(request: Record<string, unknown>, actions: PlannedAction[], mode: 'read' | 'write') {
  const wanted = request.ReturnConsumedCapacity;
  if (wanted !== 'TOTAL' && wanted !== 'INDEXES') return {};
  const perTable = new Map<string, number>();
  for (const a of actions) perTable.set(a.tableName, (perTable.get(a.tableName) ?? 0) + 2);
  return {
    ConsumedCapacity: [...perTable].map(([TableName, units]) => ({
      TableName,
      CapacityUnits: units,
      ...(mode === 'read' ? { ReadCapacityUnits: units } : { WriteCapacityUnits: units }),
      ...(wanted === 'INDEXES' ? { Table: { CapacityUnits: units } } : {}),
    })),
  };
}
