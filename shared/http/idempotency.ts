/**
 * Idempotency of value-moving POSTs (API.md, Idempotency) with Powertools idempotency on the
 * idempotency table:
 * - the key is (function, caller `sub`, Idempotency-Key): one caller's response is never
 *   replayed to another;
 * - the payload check hashes the validated body: the same key with another body is 422
 *   `idempotency-key-reused`;
 * - while the first request runs, a second is 409 `idempotency-key-in-use`;
 * - a replay carries `Idempotent-Replayed: true`.
 * Handlers that move value also derive their transfer ids from the key, so a replay after the
 * 24 h record has expired still cannot post twice.
 */
import { IdempotencyConfig } from '@aws-lambda-powertools/idempotency';
import {
  IdempotencyAlreadyInProgressError,
  IdempotencyPersistenceLayerError,
  IdempotencyValidationError,
} from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import { makeHandlerIdempotent } from '@aws-lambda-powertools/idempotency/middleware';
import type { MiddlewareObj } from '@middy/core';
import { config } from '../config.js';
import { dynamoClient } from '../adapters/dynamodb/client.js';
import {
  IdempotencyKeyInUseError,
  IdempotencyKeyReusedError,
  UnavailableError,
  ValidationFailedError,
} from '../domain/errors.js';
import type { HttpResult } from './responses.js';
import type { RouteDefinition } from './routes/definition.js';
import type { StackEvent } from './stack.js';

export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;

let persistence: DynamoDBPersistenceLayer | undefined;
function persistenceStore() {
  persistence ??= new DynamoDBPersistenceLayer({
    tableName: config().IDEMPOTENCY_TABLE_NAME,
    awsSdkV3Client: dynamoClient(),
  });
  return persistence;
}

/** Tests re-point the store after changing the environment. */
export function resetIdempotencyStore(): void {
  persistence = undefined;
}

/** The header every value-moving POST requires (API.md, Idempotency). */
export const requireIdempotencyKey = (): MiddlewareObj<StackEvent, HttpResult> => ({
  before: async (request) => {
    const key = request.event.headers?.['idempotency-key'];
    if (key === undefined || !KEY_PATTERN.test(key)) {
      throw new ValidationFailedError([
        { path: 'headers.idempotency-key', message: 'An Idempotency-Key header of 1 to 255 visible ASCII characters is required' },
      ]);
    }
  },
});

export function idempotencyMiddleware(route: RouteDefinition): MiddlewareObj<StackEvent, HttpResult> {
  const scopeMiddleware: MiddlewareObj<StackEvent, HttpResult> = {
    before: async (request) => {
      await requireIdempotencyKey().before!(request);
      const key = request.event.headers!['idempotency-key']!;
      const stack = request.event.stack!;
      // The path is part of the scope: one key on two resources (cancel order A, then B) is two requests.
      const params = JSON.stringify(stack.input?.params ?? {});
      stack.idempotency = { scope: `${stack.principal?.sub ?? 'anonymous'}|${route.id}|${params}|${key}`, payload: stack.input?.body ?? null };
    },
  };
  const build = () => makeHandlerIdempotent({
    persistenceStore: persistenceStore(),
    config: new IdempotencyConfig({
      eventKeyJmesPath: 'stack.idempotency.scope',
      payloadValidationJmesPath: 'stack.idempotency.payload',
      expiresAfterSeconds: IDEMPOTENCY_TTL_SECONDS,
      throwOnNoIdempotencyKey: true,
      responseHook: (response) => {
        const result = response as unknown as HttpResult;
        return { ...result, headers: { ...result.headers, 'idempotent-replayed': 'true' } } as never;
      },
    }),
  }) as unknown as MiddlewareObj<StackEvent, HttpResult>;
  // Built on first use, so that importing a handler does not read the environment.
  let idempotent: MiddlewareObj<StackEvent, HttpResult> | undefined;
  // One middleware object: first the scope, then Powertools. Its onError releases the key.
  // Powertools' onError deletes the record of the key unconditionally. A request whose own
  // `before` was refused (the key is in use, or was used with another body) must not run it:
  // it would delete the record of the request that owns the key and let a duplicate through.
  const owners = new WeakSet<object>();
  return {
    before: async (request) => {
      await scopeMiddleware.before!(request);
      idempotent ??= build();
      const replay = await idempotent.before?.(request);
      if (replay === undefined) owners.add(request);
      return replay;
    },
    after: async (request) => idempotent?.after?.(request),
    onError: async (request) => {
      if (owners.has(request)) await idempotent?.onError?.(request);
    },
  };
}

export function translateIdempotencyError(error: unknown): unknown {
  if (error instanceof IdempotencyAlreadyInProgressError) {
    return new IdempotencyKeyInUseError('A request with this Idempotency-Key is still being processed', { cause: error });
  }
  if (error instanceof IdempotencyValidationError) {
    return new IdempotencyKeyReusedError('This Idempotency-Key was used with a different request body', { cause: error });
  }
  if (error instanceof IdempotencyPersistenceLayerError) {
    return new UnavailableError('The request could not be recorded; retry with the same Idempotency-Key', { cause: error });
  }
  return error;
}
