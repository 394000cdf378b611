/**
 * The local DynamoDB engine: dynalite's store and single-item operations plus the project's
 * TransactWriteItems/TransactGetItems, behind one DynamoDB-compatible HTTP endpoint on
 * loopback. Tests start it in memory; `npm start` starts it on a directory.
 *
 *   const engine = await startDynamoEngine({ dataDir: '.data/dynamodb' });
 *   const doc = engine.documentClient();
 *   ...
 *   await engine.stop();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { crc32 } from 'node:zlib';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  DYNALITE_OPERATIONS,
  dynaliteAction,
  dynaliteDb,
  dynaliteValidation,
  dynaliteValidations,
  isServiceError,
  type DynaliteOperation,
  type Store,
} from './dynalite-internals.js';
import { TransactionEngine } from './transactions.js';
import { ChangeFeed } from './change-feed.js';

export interface DynamoEngineOptions {
  /** Directory for a persistent LevelDB store; omitted → in memory. */
  dataDir?: string;
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Largest accepted request body. DynamoDB's own limit is 16 MB. */
  maxRequestBytes?: number;
  /** Clock for ClientRequestToken expiry; tests move it to cross the 10-minute window. */
  now?: () => number;
}

export interface DynamoEngine {
  /** `http://127.0.0.1:<port>`: give it to any DynamoDB client as `endpoint`. */
  readonly endpoint: string;
  /** Client settings that reach this engine (region and dummy credentials included). */
  readonly clientConfig: DynamoDBClientConfig;
  client(config?: DynamoDBClientConfig): DynamoDBClient;
  documentClient(config?: DynamoDBClientConfig): DynamoDBDocumentClient;
  /** Item changes as DynamoDB Streams would carry them; in-process engines only. */
  readonly changes?: ChangeFeed;
  stop(): Promise<void>;
}

/** Clients that reach an engine at `endpoint` (region and dummy credentials included). */
export function engineClients(endpoint: string) {
  const clientConfig: DynamoDBClientConfig = { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
  const created: DynamoDBClient[] = [];
  const client = (config: DynamoDBClientConfig = {}) => {
    const c = new DynamoDBClient({ ...clientConfig, ...config });
    created.push(c);
    return c;
  };
  return {
    endpoint,
    clientConfig,
    client,
    documentClient: (config: DynamoDBClientConfig = {}) =>
      DynamoDBDocumentClient.from(client(config), { marshallOptions: { removeUndefinedValues: true } }),
    destroyAll: () => created.forEach((c) => c.destroy()),
  };
}

const API_VERSION = 'DynamoDB_20120810';
const TOKEN_SWEEP_MS = 60_000;

export async function startDynamoEngine(options: DynamoEngineOptions = {}): Promise<DynamoEngine> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const store = dynaliteDb.create({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    // Tables are usable as soon as CreateTable returns, as soon as possible after.
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  try {
    await store.db.open();
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause;
    if (cause?.code === 'LEVEL_LOCKED') {
      throw new Error(`The database in ${options.dataDir} is in use by another process (is the platform already running?)`, { cause: err });
    }
    throw err;
  }
  const changes = new ChangeFeed();
  changes.attach(store);
  const transactions = new TransactionEngine(store, options.now, changes);
  await transactions.purgeExpiredTokens();
  const sweep = setInterval(() => void transactions.purgeExpiredTokens().catch(() => undefined), TOKEN_SWEEP_MS);
  sweep.unref();

  const maxBytes = options.maxRequestBytes ?? 16 * 1024 * 1024;
  const server = createServer((req, res) => void handle(store, transactions, maxBytes, req, res));
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const clients = engineClients(`http://127.0.0.1:${port}`);

  return {
    ...clients,
    changes,
    async stop() {
      clearInterval(sweep);
      clients.destroyAll();
      await closeServer(server);
      await new Promise<void>((resolve, reject) =>
        store.lifecycleManager
          ? store.lifecycleManager.gracefulClose((err) => (err ? reject(err) : resolve()))
          : resolve(),
      );
    },
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((err) => (err ? reject(err) : resolve()));
    server.closeAllConnections();
  });
}

async function handle(
  store: Store,
  transactions: TransactionEngine,
  maxBytes: number,
  req: IncomingMessage,
  res: ServerResponse,
) {
  res.setHeader('x-amzn-RequestId', randomBytes(39).toString('base64url').toUpperCase().slice(0, 52));
  try {
    if (req.method === 'GET') return sendText(res, 200, 'healthy: dynamodb.local ');
    const body = await readBody(req, maxBytes);
    if (body === undefined) return sendText(res, 413, '');
    const target = String(req.headers['x-amz-target'] ?? '').split('.');
    const operation = target[1] ?? '';
    if (req.method !== 'POST' || target.length !== 2 || target[0] !== API_VERSION) {
      return send(res, 400, { __type: 'com.amazon.coral.service#UnknownOperationException' });
    }
    let data: unknown;
    try {
      data = JSON.parse(body || 'null');
    } catch {
      return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' });
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return send(res, 400, { __type: 'com.amazon.coral.service#SerializationException' });
    }
    const request = data as Record<string, unknown>;

    if (operation === 'TransactWriteItems') return send(res, 200, await transactions.transactWriteItems(request));
    if (operation === 'TransactGetItems') return send(res, 200, await transactions.transactGetItems(request));
    if (!(DYNALITE_OPERATIONS as readonly string[]).includes(operation)) {
      return send(res, 400, { __type: 'com.amazon.coral.service#UnknownOperationException' });
    }
    const op = operation as DynaliteOperation;
    const validation = dynaliteValidation(op);
    const checked = dynaliteValidations.checkTypes(request, validation.types);
    dynaliteValidations.checkValidations(checked, validation.types, validation.custom, store);
    const result = await new Promise<Record<string, unknown>>((resolve, reject) =>
      dynaliteAction(op)(store, checked, (err, value) => (err ? reject(err) : resolve(value ?? {}))),
    );
    return send(res, 200, result);
  } catch (err) {
    if (isServiceError(err)) return send(res, err.statusCode, err.body);
    console.error('[local dynamodb] internal error', err);
    return send(res, 500, { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'Internal server error' });
  }
}

function readBody(req: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, payload: unknown) {
  const body = JSON.stringify(payload);
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/x-amz-json-1.0');
  res.setHeader('x-amz-crc32', String(crc32(body)));
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
}

function sendText(res: ServerResponse, status: number, text: string) {
  res.statusCode = status;
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
