/**
 * The domain's errors. Each has a literal `code`; shared/http/problems.ts maps codes to HTTP
 * statuses and RFC 9457 problem documents (../shared/API.md). Use cases throw these; handlers
 * never build error responses.
 */
export interface FieldError {
  path: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  readonly code = 'validation-failed';
  constructor(readonly errors: FieldError[], message = 'The request has invalid fields') {
    super(message);
  }
}

export class MalformedRequestError extends DomainError {
  readonly code = 'malformed-request';
}

export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
}

/** Also used for resources of another tenant, so that their existence does not leak. */
export class NotFoundError extends DomainError {
  readonly code = 'not-found';
  constructor(readonly resource: string, message = `${resource} not found`) {
    super(message);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
}

export class InvalidStateError extends DomainError {
  readonly code = 'invalid-state';
}

export class PayloadTooLargeError extends DomainError {
  readonly code = 'payload-too-large';
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported-media-type';
}

export class IdempotencyKeyInUseError extends DomainError {
  readonly code = 'idempotency-key-in-use';
}

export class IdempotencyKeyReusedError extends DomainError {
  readonly code = 'idempotency-key-reused';
}

export class RateLimitedError extends DomainError {
  readonly code = 'rate-limited';
}

export class UnavailableError extends DomainError {
  readonly code = 'unavailable';
}

export class InsufficientBudgetError extends DomainError {
  readonly code = 'insufficient-budget';
}

export class InsufficientPointsError extends DomainError {
  readonly code = 'insufficient-points';
}

/** A webhook whose signature does not verify (missing, tampered, wrong secret, stale). */
export class InvalidSignatureError extends DomainError {
  readonly code = 'invalid-signature';
}

export class OutOfStockError extends DomainError {
  readonly code = 'out-of-stock';
  constructor(message: string, readonly variantId: string) {
    super(message);
  }
}

export class NotShippableError extends DomainError {
  readonly code = 'not-shippable';
}
