/**
 * The OpenAPI 3.1 document, generated from the route table and the same zod schemas that
 * validate requests, so the document cannot disagree with the code.
 */
import * as z from 'zod';
import { STATUS_BY_CODE } from './problems.js';
import { routeList, type RouteDefinition } from './routes.js';

type Json = Record<string, unknown>;

const ProblemSchema: Json = {
  type: 'object',
  required: ['type', 'title', 'status', 'detail'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } },
    },
  },
};

/** Named schemas ($defs of every conversion), hoisted to components.schemas. */
let components: Record<string, Json> = {};

function rewriteRefs(value: unknown, names: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => rewriteRefs(v, names));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/')) {
        const name = v.slice('#/$defs/'.length);
        return [k, `#/components/schemas/${names.get(name) ?? name}`];
      }
      return [k, rewriteRefs(v, names)];
    }));
  }
  return value;
}

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const raw = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as Json;
  const defs = (raw.$defs ?? {}) as Record<string, Json>;
  // Input and output shapes of one schema can differ (defaults, transforms): keep both, apart.
  const names = new Map<string, string>();
  for (const [name, def] of Object.entries(defs)) {
    const taken = components[name] && JSON.stringify(components[name]) !== JSON.stringify(def);
    names.set(name, taken ? `${name}${io === 'input' ? 'Input' : 'Output'}` : name);
  }
  for (const [name, def] of Object.entries(defs)) components[names.get(name)!] = rewriteRefs(def, names) as Json;
  const json = rewriteRefs(raw, names) as Json;
  delete json.$schema;
  delete json.$defs;
  return json;
}

function parameters(route: RouteDefinition): Json[] {
  const out: Json[] = [];
  for (const [where, schema] of [['path', route.params], ['query', route.query]] as const) {
    if (!schema) continue;
    const json = schemaOf(schema, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (json.required ?? []).includes(name), schema: property });
    }
  }
  if (route.idempotent) {
    out.push({ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string', minLength: 1, maxLength: 255 } });
  }
  return out;
}

function errorResponses(route: RouteDefinition): Json {
  const codes = new Set<number>([400, 413, 415, 422, 500]);
  if (route.auth !== 'public') [401, 403].forEach((c) => codes.add(c));
  if (route.params) codes.add(404);
  if (route.method === 'POST' || route.method === 'PATCH' || route.method === 'PUT') codes.add(409);
  const titles = new Map(Object.values(STATUS_BY_CODE).map((v) => [v.status, v.title]));
  return Object.fromEntries([...codes].sort().map((code) => [
    String(code),
    { description: titles.get(code) ?? 'Error', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
  ]));
}

function operation(route: RouteDefinition): Json {
  const success: Json = route.responseType
    ? { description: 'OK', content: { [route.responseType]: { schema: { type: 'string' } } } }
    : route.response
      ? { description: 'OK', content: { 'application/json': { schema: schemaOf(route.response, 'output') } } }
      : { description: 'OK', content: { 'application/json': { schema: { type: 'object' } } } };
  return {
    operationId: route.id,
    summary: route.summary,
    tags: [route.tag],
    ...(route.auth === 'public' ? { security: [] } : { 'x-roles': route.auth }),
    description: route.auth === 'public' ? 'Public.' : `Roles: ${route.auth.join(', ')}.`,
    parameters: parameters(route),
    ...(route.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body, 'input') } } } }
      : route.bodyType
        ? { requestBody: { required: true, content: { [route.bodyType]: { schema: { type: 'string' } } } } }
        : {}),
    responses: { [String(route.status)]: success, ...errorResponses(route) },
  };
}

export function openApiDocument(serverUrl = '/'): Json {
  components = {};
  const paths: Record<string, Json> = {};
  for (const route of routeList) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gifting platform API',
      version: '1.0.0',
      description: 'Corporate gifting and rewards: budgets, allocations, wallets, catalog, orders, fulfilment.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { ...components, Problem: ProblemSchema },
    },
  };
}

const escape = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** A plain, dependency-free HTML reference generated from the document. */
export function apiReferenceHtml(): string {
  const doc = openApiDocument() as { paths: Record<string, Record<string, Json>> };
  const sections = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const body = (op.requestBody as Json | undefined)?.content as Record<string, { schema: Json }> | undefined;
      const responses = op.responses as Record<string, { content?: Record<string, { schema: Json }> }>;
      const ok = Object.entries(responses).find(([s]) => Number(s) < 300);
      return `<section id="${escape(String(op.operationId))}">
<h3><code>${method.toUpperCase()} ${escape(path)}</code></h3>
<p>${escape(String(op.summary))}. ${escape(String(op.description))}</p>
${(op.parameters as Json[]).length ? `<p>Parameters: ${(op.parameters as Json[]).map((p) => `<code>${escape(String(p.name))}</code> (${escape(String(p.in))})`).join(', ')}</p>` : ''}
${body ? Object.entries(body).map(([type, c]) => `<details><summary>Request body (${escape(type)})</summary><pre>${escape(JSON.stringify(c.schema, null, 2))}</pre></details>`).join('') : ''}
${ok ? `<details><summary>Response ${ok[0]}</summary><pre>${escape(JSON.stringify(Object.values(ok[1].content ?? {})[0]?.schema ?? {}, null, 2))}</pre></details>` : ''}
<p>Errors: ${Object.keys(responses).filter((s) => Number(s) >= 400).join(', ')} (application/problem+json)</p>
</section>`;
    }),
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Gifting platform API reference</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}code,pre{font:14px ui-monospace,monospace}pre{background:#f4f4f4;padding:.75rem;overflow:auto}section{border-top:1px solid #ddd;padding:.5rem 0}</style>
</head><body><h1>Gifting platform API reference</h1>
<p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a> (OpenAPI 3.1). Errors are RFC 9457 problem documents. Authenticate with <code>Authorization: Bearer &lt;JWT&gt;</code>.</p>
${sections.join('\n')}
</body></html>`;
}
