/**
 * Typed handles on the parts of dynalite (Apache-2.0) that the local engine builds on:
 * its store (LevelDB sub-databases with per-item locks), its request validations and its
 * single-item actions. dynalite exposes these as CommonJS modules without type definitions;
 * this file is the one place that knows their shape.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A DynamoDB attribute value in wire format ({ S: 'x' }, { N: '1' }, ...). */
export type AttributeValue = Record<string, unknown>;
export type AttributeMap = Record<string, AttributeValue>;

export interface KeySchemaElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}

export interface TableDescription {
  TableName: string;
  TableStatus: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: { AttributeName: string; AttributeType: string }[];
  GlobalSecondaryIndexes?: unknown[];
  LocalSecondaryIndexes?: unknown[];
}

/** An error dynalite returns for the client: HTTP status and the JSON body DynamoDB would send. */
export interface ServiceError extends Error {
  statusCode: number;
  body: { __type: string; message?: string; Message?: string; [k: string]: unknown };
}

export type Callback<T> = (err: (Error & Partial<ServiceError>) | null | undefined, value?: T) => void;

/** Releases a held lock: `release(cb)` returns a function that releases, then calls cb. */
export type LockRelease = <F extends (...args: never[]) => unknown>(cb?: F) => F;

export interface SubDb {
  get(key: string, cb: Callback<AttributeMap | undefined>): void;
  put(key: string, value: unknown, cb: Callback<void>): void;
  del(key: string, cb: Callback<void>): void;
  lock(key: string, exec: (release: LockRelease) => void): void;
}

export interface LevelBatchOp {
  type: 'put' | 'del';
  key: string;
  value?: unknown;
}

export interface LevelDb {
  open(): Promise<void>;
  /** dynalite's wrapper: with a callback, the callback runs on a later event-loop turn (setImmediate); without, a promise. */
  batch(ops: LevelBatchOp[], cb: Callback<void>): void;
  batch(ops: LevelBatchOp[]): Promise<void>;
  get(key: string, cb: Callback<unknown>): void;
  /** abstract-level's synchronous read, where the backend supports it (memory-level does). */
  getSync?(key: string): unknown;
  supports?: { getSync?: boolean };
  del(key: string, cb: Callback<void>): void;
  keys(options: { gte?: string; lt?: string }): AsyncIterable<string>;
}

export interface Store {
  options: { maxItemSize: number; path?: string };
  db: LevelDb;
  tableDb: SubDb;
  getTable(name: string, cb: Callback<TableDescription>): void;
  getItemDb(name: string): SubDb;
  getIndexDb(indexType: string, tableName: string, indexName: string): SubDb;
  lifecycleManager?: { gracefulClose(cb: Callback<void>): void };
}

export interface StoreOptions {
  path?: string;
  createTableMs?: number;
  deleteTableMs?: number;
  updateTableMs?: number;
  maxItemSizeKb?: number;
}

export interface DbModule {
  create(options: StoreOptions): Store;
  validateKey(key: AttributeMap, table: TableDescription): ServiceError | undefined | null;
  validateItem(item: AttributeMap, table: TableDescription): ServiceError | undefined | null;
  createKey(item: AttributeMap, table: TableDescription): string;
  checkConditional(data: object, existingItem: AttributeMap | undefined): ServiceError | null | undefined;
  validationError(message: string): ServiceError;
  itemSize(item: AttributeMap): number;
}

export interface ActionValidation {
  types: Record<string, unknown>;
  custom?: (data: Record<string, unknown>, store: Store) => string | undefined;
}

export interface ValidationsModule {
  checkTypes(data: unknown, types: Record<string, unknown>): Record<string, unknown>;
  checkValidations(
    data: Record<string, unknown>,
    types: Record<string, unknown>,
    custom: ActionValidation['custom'],
    store: Store,
  ): void;
}

export type Action = (store: Store, data: Record<string, unknown>, cb: Callback<Record<string, unknown>>) => void;

export const dynaliteDb = require('dynalite/db') as DbModule;
export const dynaliteValidations = require('dynalite/validations') as ValidationsModule;

/** The operations dynalite implements itself, served unchanged by the local engine. */
export const DYNALITE_OPERATIONS = [
  'BatchGetItem', 'BatchWriteItem', 'CreateTable', 'DeleteItem', 'DeleteTable', 'DescribeTable',
  'DescribeTimeToLive', 'GetItem', 'ListTables', 'PutItem', 'Query', 'Scan', 'TagResource',
  'UntagResource', 'ListTagsOfResource', 'UpdateItem', 'UpdateTable',
] as const;
export type DynaliteOperation = (typeof DYNALITE_OPERATIONS)[number];

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

export function dynaliteAction(operation: DynaliteOperation): Action {
  return require(`dynalite/actions/${lowerFirst(operation)}`) as Action;
}

export function dynaliteValidation(operation: DynaliteOperation): ActionValidation {
  return require(`dynalite/validations/${lowerFirst(operation)}`) as ActionValidation;
}

/**
 * dynalite keeps every table's items and index entries in one LevelDB, each sub-database
 * under the prefix `<name>~` (items: `item-<table>`, indexes: `index-<type>~<table>~<index>`).
 * The transaction commit writes through the main database in ONE atomic batch, so it has to
 * address entries by their full key. The parity suite reads committed items back through
 * GetItem and Query on an index, which pins this layout against the installed dynalite.
 */
export const itemDbPrefix = (tableName: string) => `item-${tableName}~`;
export const indexDbPrefix = (indexType: string, tableName: string, indexName: string) =>
  `index-${indexType.toLowerCase()}~${tableName}~${indexName}~`;

export function isServiceError(err: unknown): err is ServiceError {
  return (
    typeof err === 'object' && err !== null && typeof (err as ServiceError).statusCode === 'number' &&
    typeof (err as ServiceError).body === 'object'
  );
}
