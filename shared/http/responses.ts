import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Problem } from './problems.js';

export type HttpResult = APIGatewayProxyStructuredResultV2 & { statusCode: number; headers: Record<string, string> };

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

export function jsonResult(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export function problemResult(problem: Problem, requestId?: string): HttpResult {
  return {
    statusCode: problem.status,
    headers: {
      'content-type': 'application/problem+json',
      ...SECURITY_HEADERS,
      ...(requestId ? { 'x-request-id': requestId } : {}),
    },
    body: JSON.stringify(requestId ? { ...problem, requestId } : problem),
  };
}

export function textResult(statusCode: number, contentType: string, body: string, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { 'content-type': contentType, ...SECURITY_HEADERS, ...headers }, body };
}

/** A handler returns this to choose the status or headers; any other value is the JSON body. */
export class Respond {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {}
}
