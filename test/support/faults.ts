/**
 * Fault injection for the DynamoDB client the functions use, as an AWS SDK v3 middleware
 * (added with addDynamoMiddleware, shared/adapters/dynamodb/client.ts). It sits in the
 * `deserialize` step, inside the SDK's retry loop, so every attempt the SDK makes passes
 * through it, and it sees the serialized request (the ClientRequestToken the engine gets).
 *
 *   - `conflict`: the attempt is not sent; TransactionCanceledException with a
 *     TransactionConflict reason (what DynamoDB answers when another transaction holds an item);
 *   - `throughput` / `throttling`: not sent; ProvisionedThroughputExceededException /
 *     ThrottlingException (the SDK retries them with backoff);
 *   - `lost-response`: SENT and committed, then the answer is lost (ECONNRESET): the SDK
 *     retries the same request.
 *
 * A rule applies to one operation (`TransactWriteItems`, `PutItem`…) `times` times, or
 * always until cleared. Every attempt is logged with its token and the fault it met.
 */
import {
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { addDynamoMiddleware } from '../../shared/adapters/dynamodb/client.js';

export type FaultKind = 'conflict' | 'throughput' | 'throttling' | 'lost-response';

export interface Attempt {
  operation: string;
  clientRequestToken: string | undefined;
  /** The transfer guard's key (`TRANSFER#…`), when the request is a ledger posting. */
  transfer: string | undefined;
  fault: FaultKind | undefined;
}

interface Rule {
  operation: string;
  kind: FaultKind;
  left: number;
  /** Only requests whose transfer guard key contains this. */
  transfer?: string;
}

export interface Faults {
  /** Fails the next `times` attempts of `operation` (Infinity: until cleared). */
  inject(operation: string, kind: FaultKind, times?: number, options?: { transfer?: string }): void;
  clear(): void;
  readonly attempts: Attempt[];
  /** Attempts of one operation (optionally only one transfer's). */
  of(operation: string, transfer?: string): Attempt[];
  uninstall(): void;
}

const metadata = { httpStatusCode: 400, requestId: 'fault-injected', attempts: 1, totalRetryDelay: 0 };

function faultError(kind: Exclude<FaultKind, 'lost-response'>, actions: number): Error {
  switch (kind) {
    case 'conflict':
      return new TransactionCanceledException({
        message: 'Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]',
        $metadata: metadata,
        // Like DynamoDB: one reason per action; here the first write after the guard met another transaction.
        CancellationReasons: Array.from({ length: actions }, (_, i) =>
          i === 1 ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' } : { Code: 'None' }),
      });
    case 'throughput':
      return new ProvisionedThroughputExceededException({
        message: 'The level of configured provisioned throughput for the table was exceeded', $metadata: metadata,
      });
    case 'throttling':
      return new ThrottlingException({ message: 'Throughput exceeds the current capacity of your table', $metadata: metadata });
  }
}

function lostResponse(): Error {
  return Object.assign(new Error('socket hang up (fault injected after the request was sent)'), { code: 'ECONNRESET', $metadata: {} });
}

let installed = 0;

export function installFaults(): Faults {
  const rules: Rule[] = [];
  const attempts: Attempt[] = [];
  const name = `fault-injection-${++installed}`;
  const remove = addDynamoMiddleware(
    (next) => async (args) => {
      const request = args.request as { headers?: Record<string, string>; body?: unknown };
      const target = request.headers?.['x-amz-target'] ?? '';
      const operation = target.slice(target.indexOf('.') + 1);
      let body: { ClientRequestToken?: string; TransactItems?: { Put?: { Item?: { pk?: { S?: string } } } }[] } = {};
      const raw = typeof request.body === 'string' ? request.body : request.body instanceof Uint8Array ? Buffer.from(request.body).toString('utf8') : undefined;
      if (raw !== undefined) {
        try {
          body = JSON.parse(raw) as typeof body;
        } catch {
          body = {};
        }
      }
      const guard = body.TransactItems?.[0]?.Put?.Item?.pk?.S;
      const transfer = guard?.startsWith('TRANSFER#') ? guard : undefined;
      const rule = rules.find((r) => r.left > 0 && r.operation === operation && (!r.transfer || transfer?.includes(r.transfer)));
      if (rule) rule.left--;
      attempts.push({ operation, clientRequestToken: body.ClientRequestToken, transfer, fault: rule?.kind });
      if (!rule) return next(args);
      if (rule.kind === 'lost-response') {
        await next(args);
        throw lostResponse();
      }
      throw faultError(rule.kind, body.TransactItems?.length ?? 1);
    },
    { step: 'deserialize', priority: 'high', name },
  );
  return {
    inject(operation, kind, times = 1, options = {}) {
      rules.push({ operation, kind, left: times, ...options });
    },
    clear() {
      rules.length = 0;
    },
    attempts,
    of(operation, transfer) {
      return attempts.filter((a) => a.operation === operation && (!transfer || a.transfer?.includes(transfer)));
    },
    uninstall: remove,
  };
}
