/**
 * Error → HTTP status and RFC 9457 problem document. The one table of the mapping; the
 * error middleware (stack.ts) is its only user.
 */
import { DomainError, OutOfStockError, ValidationFailedError, type FieldError } from '../domain/errors.js';

export const PROBLEM_BASE = 'https://gifting.example/problems/';

export const STATUS_BY_CODE: Record<string, { status: number; title: string }> = {
  'malformed-request': { status: 400, title: 'Malformed request' },
  'invalid-signature': { status: 400, title: 'Invalid signature' },
  unauthenticated: { status: 401, title: 'Authentication required' },
  forbidden: { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not found' },
  'method-not-allowed': { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  'invalid-state': { status: 409, title: 'Invalid state' },
  'insufficient-points': { status: 409, title: 'Insufficient points' },
  'insufficient-budget': { status: 409, title: 'Insufficient budget' },
  'out-of-stock': { status: 409, title: 'Out of stock' },
  'not-shippable': { status: 409, title: 'Not shippable' },
  'idempotency-key-in-use': { status: 409, title: 'Idempotency key in use' },
  'payload-too-large': { status: 413, title: 'Payload too large' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'validation-failed': { status: 422, title: 'Validation failed' },
  'idempotency-key-reused': { status: 422, title: 'Idempotency key reused' },
  'rate-limited': { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal server error' },
  unavailable: { status: 503, title: 'Service unavailable' },
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export function problemFor(code: string, detail: string, extra: Record<string, unknown> = {}): Problem {
  const known = STATUS_BY_CODE[code] ?? STATUS_BY_CODE.internal!;
  return { type: PROBLEM_BASE + (STATUS_BY_CODE[code] ? code : 'internal'), title: known.title, status: known.status, detail, ...extra };
}

/** Maps a thrown value to a problem. Unknown errors become a generic 500 with no detail. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ValidationFailedError) {
    return problemFor(error.code, error.message, { errors: error.errors });
  }
  if (error instanceof OutOfStockError) return problemFor(error.code, error.message, { variantId: error.variantId });
  if (error instanceof DomainError) return problemFor(error.code, error.message);
  if (isCapacityError(error)) {
    return problemFor('unavailable', 'The database is busy or did not answer; retry the request (with the same Idempotency-Key)');
  }
  return problemFor('internal', 'An unexpected error occurred. It has been logged with the request id.');
}

/** DynamoDB throttling errors, as the SDK names them (the SDK has retried them already). */
const THROTTLING = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TransactionInProgressException']);
/** Network failures and timeouts the SDK gave up retrying: the write may or may not have happened. */
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT']);

/**
 * An AWS SDK error that says "not now" rather than "wrong": throttling the SDK's retries did
 * not outlast, or no answer. The client retries with the same Idempotency-Key; the ledger's
 * transfer guards make the retry safe even if the write went through.
 */
function isCapacityError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return (typeof name === 'string' && (THROTTLING.has(name) || name === 'TimeoutError')) || (typeof code === 'string' && NETWORK.has(code));
}
