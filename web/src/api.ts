/** The API client of the portals: same origin, bearer token, RFC 9457 problems as ApiError. */
import { session, signOut } from './auth';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: { path: string; message: string }[];
}

export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }

  /** The problem's slug: `insufficient-points`, `validation-failed`, … */
  get slug(): string {
    return this.problem.type.split('/').pop() ?? 'error';
  }
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

interface Options {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Value-moving POSTs: an Idempotency-Key (pass one per user intent, reuse it on retry). */
  idempotencyKey?: string;
  /** CSV bodies and CSV responses. */
  contentType?: string;
  raw?: boolean;
}

export async function api<T>(path: string, options: Options = {}): Promise<T> {
  const headers: Record<string, string> = {};
  const token = session()?.token;
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] = options.contentType ?? 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const res = await fetch(path, { method: options.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}) });
  if (res.status === 401 && token) signOut();
  if (!res.ok) {
    let problem: Problem;
    try {
      problem = (await res.json()) as Problem;
    } catch {
      problem = { type: 'about:blank', title: res.statusText || 'Error', status: res.status };
    }
    throw new ApiError(res.status, problem);
  }
  if (options.raw) return (await res.text()) as T;
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** A fresh key for one user intent (a click on "Order"); keep it to retry the same intent. */
export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
