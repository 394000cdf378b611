/**
 * HTTP → API Gateway (HTTP API, payload 2.0) adapter: turns each request into the event API
 * Gateway would send, invokes the same handler module Lambda runs, and writes its result.
 * Routes come from the route table, as in the CDK app.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { lambdaContext } from './lambda-context.js';
import { problemFor } from '../shared/http/problems.js';
import { routeList, type RouteDefinition } from '../shared/http/routes.js';

type LambdaHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/**
 * Invocations of one function that run at once; more wait their turn. Lambda also runs a
 * bounded number of execution environments per function, each serving one request at a time,
 * and a single Node process running hundreds at once would stretch every request's
 * read-then-write window far beyond what DynamoDB and Lambda show.
 */
const CONCURRENCY_PER_FUNCTION = 8;

class Gate {
  private running = 0;
  private waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** API Gateway's own payload limit. */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  names: string[];
}

function compile(route: RouteDefinition): CompiledRoute {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, name: string) => {
    names.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), names };
}

export interface LocalHttpServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export interface LocalHttpOptions {
  port: number;
  /** Repository root, to resolve route entries. */
  root: URL;
  /** Extra non-API handlers (the portals, the mailbox); return true when handled. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
}

export async function startHttpServer(options: LocalHttpOptions): Promise<LocalHttpServer> {
  // Static paths before parameterised ones, as API Gateway matches the most specific route.
  const compiled = routeList.map(compile).sort((a, b) => a.names.length - b.names.length);
  const handlers = new Map<string, Promise<LambdaHandler>>();
  const gates = new Map<string, Gate>();
  const gateOf = (route: RouteDefinition) => {
    let gate = gates.get(route.id);
    if (!gate) gates.set(route.id, (gate = new Gate(CONCURRENCY_PER_FUNCTION)));
    return gate;
  };
  const handlerOf = (route: RouteDefinition) => {
    let h = handlers.get(route.id);
    if (!h) {
      h = import(new URL(route.entry, options.root).href).then((m: { handler: LambdaHandler }) => m.handler);
      handlers.set(route.id, h);
    }
    return h;
  };

  const server = createServer((req, res) => {
    void serve(req, res).catch((err: unknown) => {
      console.error('[local http] adapter failure', err);
      if (!res.headersSent) writeProblem(res, 'internal', 'The local server failed to handle the request');
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = (req.method ?? 'GET').toUpperCase();
    const onPath = compiled.filter((c) => c.pattern.test(url.pathname));
    if (onPath.length === 0) {
      if (options.fallback && (await options.fallback(req, res))) return;
      return writeProblem(res, 'not-found', `No route for ${url.pathname}`);
    }
    const match = onPath.find((c) => c.route.method === method);
    if (!match) {
      res.setHeader('allow', onPath.map((c) => c.route.method).join(', '));
      return writeProblem(res, 'method-not-allowed', `${method} is not allowed on ${url.pathname}`);
    }
    const body = await readBody(req);
    if (body === undefined) return writeProblem(res, 'payload-too-large', `The body exceeds ${MAX_PAYLOAD_BYTES} bytes`);

    const values = match.pattern.exec(url.pathname)!.slice(1);
    const pathParameters = Object.fromEntries(match.names.map((n, i) => [n, safeDecode(values[i]!)]));
    const event = toEvent(req, url, match.route, pathParameters, body);
    const handler = await handlerOf(match.route);
    const result = await gateOf(match.route).run(() => handler(event, lambdaContext(match.route.id, event.requestContext.requestId)));
    res.statusCode = result.statusCode ?? 200;
    for (const [k, v] of Object.entries(result.headers ?? {})) res.setHeader(k, String(v));
    res.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    server,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_PAYLOAD_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_PAYLOAD_BYTES ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toEvent(
  req: IncomingMessage,
  url: URL,
  route: RouteDefinition,
  pathParameters: Record<string, string>,
  body: Buffer,
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  const query: Record<string, string> = {};
  for (const [k, v] of url.searchParams) query[k] = k in query ? `${query[k]},${v}` : v;
  const text = body.toString('utf8');
  // API Gateway base64-encodes bodies that are not valid UTF-8 text.
  const binary = !Buffer.from(text, 'utf8').equals(body);
  const now = new Date();
  return {
    version: '2.0',
    routeKey: `${route.method} ${route.path}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
    ...(Object.keys(pathParameters).length ? { pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: headers.host ?? 'localhost',
      domainPrefix: 'localhost',
      http: {
        method: route.method,
        path: url.pathname,
        protocol: `HTTP/${req.httpVersion}`,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: `${route.method} ${route.path}`,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length ? { body: binary ? body.toString('base64') : text } : {}),
    isBase64Encoded: binary,
  };
}

function writeProblem(res: ServerResponse, code: string, detail: string) {
  const problem = problemFor(code, detail);
  res.statusCode = problem.status;
  res.setHeader('content-type', 'application/problem+json');
  res.end(JSON.stringify(problem));
}
