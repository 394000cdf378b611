/**
 * The ONE middy stack every HTTP function is built with:
 *
 *   tracing, log context, metrics → errors → request id → header normalizer → auth → body → validation → idempotency → handler
 *
 * A handler names its route (schemas, roles) and the use case it runs; everything else comes
 * from here. Errors are mapped after everything but the observability layer (the first
 * middleware's onError runs last; metrics flush after the error is counted), so a failure
 * anywhere becomes an RFC 9457 problem document and never a stack trace.
 */
import middy, { type MiddlewareObj } from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import * as z from 'zod';
import { config } from '../config.js';
import { count, observability } from '../observability.js';
import {
  DomainError,
  ForbiddenError,
  MalformedRequestError,
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationFailedError,
  type FieldError,
} from '../domain/errors.js';
import { bearerToken, createTokenVerifier, type Principal, type TokenVerifier } from './auth.js';
import { idempotencyMiddleware, requireIdempotencyKey, translateIdempotencyError } from './idempotency.js';
import { logger } from './logger.js';
import { PROBLEM_BASE, toProblem } from './problems.js';
import { jsonResult, problemResult, Respond, textResult, type HttpResult } from './responses.js';
import { ONE_MB, type RouteDefinition } from './routes.js';

type Infer<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface HandlerInput<R extends RouteDefinition> {
  params: Infer<R['params']>;
  query: Infer<R['query']>;
  body: Infer<R['body']>;
  /** The body as received (CSV routes read it). */
  rawBody: string;
  principal: R['auth'] extends 'public' ? undefined : Principal;
  headers: Record<string, string | undefined>;
  requestId: string;
}

/** The caller and Idempotency-Key of an idempotent route: value-moving ids derive from them. */
export function requestKeyOf(input: { principal: Principal | undefined; headers: Record<string, string | undefined> }) {
  const idempotencyKey = input.headers['idempotency-key'];
  if (!input.principal || !idempotencyKey) throw new Error('requestKeyOf needs an authenticated, idempotent route');
  return { sub: input.principal.sub, idempotencyKey };
}

/** The order caller a principal is (orders read by role). */
export function orderCallerOf(principal: Principal) {
  if (principal.role === 'employee') return { role: 'employee' as const, companyId: principal.companyId!, employeeId: principal.employeeId! };
  if (principal.role === 'hr_admin') return { role: 'hr_admin' as const, companyId: principal.companyId! };
  if (principal.role === 'platform_admin') return { role: 'platform_admin' as const };
  throw new ForbiddenError('Partners see shipments, not orders');
}

/** The calling partner's id (partner routes). */
export function partnerIdOf(principal: Principal): string {
  if (principal.role !== 'partner' || !principal.partnerId) throw new ForbiddenError('Only fulfilment partners see shipments');
  return principal.partnerId;
}

/** What the stack adds to the API Gateway event as it goes. */
export interface StackEvent extends APIGatewayProxyEventV2 {
  stack?: {
    principal?: Principal;
    rawBody: string;
    parsedBody?: unknown;
    input?: { params: unknown; query: unknown; body: unknown };
    /** Scope and payload the idempotency layer keys on (see idempotency.ts). */
    idempotency?: { scope: string; payload: unknown };
  };
}

let verifier: TokenVerifier | undefined;
function tokenVerifier(): TokenVerifier {
  const c = config();
  verifier ??= createTokenVerifier({ issuer: c.AUTH_ISSUER, jwksUrl: c.AUTH_JWKS_URL, audience: c.AUTH_AUDIENCE });
  return verifier;
}

/** Tests and the local runtime re-point verification after changing the environment. */
export function resetTokenVerifier(): void {
  verifier = undefined;
}

function zodErrors(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

function parseWith<S extends z.ZodType | undefined>(schema: S, value: unknown, prefix: string, errors: FieldError[]) {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  errors.push(...zodErrors(result.error, prefix));
  return undefined;
}

const errorMiddleware = (): MiddlewareObj<StackEvent, HttpResult> => ({
  onError: async (request) => {
    const error = translateIdempotencyError(request.error);
    const problem = toProblem(error);
    count(`Problem.${problem.type.slice(PROBLEM_BASE.length)}`);
    const requestId = request.event?.requestContext?.requestId;
    if (problem.status >= 500) logger.error('request failed', { error: request.error as Error, requestId });
    else if (!(error instanceof DomainError)) logger.warn('request rejected', { error: error as Error, requestId });
    request.response = problemResult(problem, requestId);
  },
});

const requestIdMiddleware = (): MiddlewareObj<StackEvent, HttpResult> => ({
  before: async (request) => {
    request.event.stack = { rawBody: '' };
    logger.appendKeys({ requestId: request.event.requestContext?.requestId, route: request.event.routeKey });
  },
  after: async (request) => {
    logger.resetKeys();
    if (request.response) request.response.headers['x-request-id'] = request.event.requestContext?.requestId ?? '';
  },
});

const authMiddleware = (route: RouteDefinition): MiddlewareObj<StackEvent, HttpResult> => ({
  before: async (request) => {
    if (route.auth === 'public') return;
    const principal = await tokenVerifier()(bearerToken(request.event.headers?.authorization));
    if (!route.auth.includes(principal.role)) {
      throw new ForbiddenError(`The ${principal.role} role may not call ${route.method} ${route.path}`);
    }
    request.event.stack = { ...request.event.stack!, principal };
  },
});

const bodyMiddleware = (route: RouteDefinition): MiddlewareObj<StackEvent, HttpResult> => ({
  before: async (request) => {
    const event = request.event;
    const raw = event.body ? (event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body) : '';
    const limit = route.maxBodyBytes ?? ONE_MB;
    if (Buffer.byteLength(raw, 'utf8') > limit) {
      throw new PayloadTooLargeError(`The body exceeds ${limit} bytes`);
    }
    event.stack = { ...event.stack, rawBody: raw };
    if (!route.body && !route.bodyType) return;
    const contentType = (event.headers?.['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (route.bodyType === 'text/csv') {
      if (contentType !== 'text/csv') throw new UnsupportedMediaTypeError('Send the file with Content-Type: text/csv');
      return;
    }
    if (raw.trim() === '') throw new ValidationFailedError([{ path: 'body', message: 'A JSON body is required' }]);
    if (contentType !== 'application/json' && !contentType.endsWith('+json')) {
      throw new UnsupportedMediaTypeError('Send JSON with Content-Type: application/json');
    }
    try {
      event.stack.parsedBody = JSON.parse(raw);
    } catch (err) {
      throw new MalformedRequestError('The body is not valid JSON', { cause: err });
    }
  },
});

const validationMiddleware = (route: RouteDefinition): MiddlewareObj<StackEvent, HttpResult> => ({
  before: async (request) => {
    const event = request.event;
    const errors: FieldError[] = [];
    const params = parseWith(route.params, event.pathParameters ?? {}, 'path', errors);
    const query = parseWith(route.query, event.queryStringParameters ?? {}, 'query', errors);
    const body = parseWith(route.body, event.stack?.parsedBody, 'body', errors);
    if (errors.length) throw new ValidationFailedError(errors);
    event.stack = { ...event.stack!, input: { params, query, body } };
  },
});

function toHttpResult(route: RouteDefinition, value: unknown): HttpResult {
  const { status, body, headers } = value instanceof Respond ? value : new Respond(route.status, value);
  if (route.responseType) return textResult(status, route.responseType, String(body), headers);
  if (route.response && (config().STAGE === 'local' || config().STAGE === 'test') && status < 300) {
    // Outside AWS, a response that breaks its own documented schema is a bug to surface.
    const checked = route.response.safeParse(body);
    if (!checked.success) throw new Error(`Response of ${route.id} breaks its schema: ${checked.error.message}`);
  }
  return jsonResult(status, body, headers);
}

/**
 * Builds the Lambda handler of one route.
 *
 *   export const handler = httpHandler(routes.createCompany, ({ body }) => companies.create(body));
 */
export function httpHandler<R extends RouteDefinition>(route: R, run: (input: HandlerInput<R>) => Promise<unknown>) {
  const base = async (event: StackEvent): Promise<HttpResult> => {
    const stack = event.stack!;
    const value = await run({
      params: stack.input?.params,
      query: stack.input?.query,
      body: stack.input?.body,
      rawBody: stack.rawBody,
      principal: stack.principal,
      headers: event.headers ?? {},
      requestId: event.requestContext?.requestId ?? '',
    } as HandlerInput<R>);
    return toHttpResult(route, value);
  };
  const handler = middy<StackEvent, HttpResult, Error, Context>(base)
    .use(observability<StackEvent, HttpResult>())
    .use(errorMiddleware())
    .use(requestIdMiddleware())
    .use(httpHeaderNormalizer())
    .use(authMiddleware(route))
    .use(bodyMiddleware(route))
    .use(validationMiddleware(route));
  if (route.idempotent === 'native') handler.use(requireIdempotencyKey());
  else if (route.idempotent) handler.use(idempotencyMiddleware(route));
  return handler;
}
