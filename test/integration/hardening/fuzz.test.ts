/**
 * Fuzzing (issue 8): thousands of malformed requests, generated from the route table so that a
 * new route is fuzzed without new code. Every response must be < 500, a problem document when
 * it is an error, and the requests chosen to fail (auth, roles, validation, signatures) must
 * leave every table byte-identical. The seed is logged; FUZZ_SEED=<n> replays a run.
 */
import { generateKeyPair, SignJWT, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, ONE_MB, routeList, type Role, type RouteDefinition } from '../../../shared/http/routes.js';
import { startShipEngineStandIn, type ShipEngineStandIn } from '../../../local/shipengine/stand-in.js';
import { parseEmployeeCsv } from '../../../shared/domain/employees/imports.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';
import { snapshotTables } from '../../support/table-snapshot.js';
import {
  encodeComponent,
  jsonSchemaOf,
  mutate,
  nastyValue,
  NASTY_STRINGS,
  plausible,
  pool,
  POLLUTION_KEYS,
  rng,
  toJsonText,
  type Rng,
} from '../../support/fuzz.js';

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_500);
const IN_FLIGHT = 16;
const BATCH = 750;

interface FuzzRequest {
  route: RouteDefinition;
  kind: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** The statuses the request may get; `undefined`: any below 500. */
  expect?: number[];
}

let p: TestPlatform;
let shipEngine: ShipEngineStandIn;
const valid = {} as Record<Role, string>;
let badAuth: { name: string; header?: string }[] = [];

beforeAll(async () => {
  console.log(`[fuzz] seed ${SEED} (replay with FUZZ_SEED=${SEED})`);
  // ShipEngine's key set must be readable, or a webhook is (rightly, per API.md) a 503 to retry.
  shipEngine = await startShipEngineStandIn({ webhookUrl: () => `${p.url}/v1/webhooks/shipengine` });
  process.env.SHIPENGINE_JWKS_URL = shipEngine.jwksUrl;
  p = await startTestPlatform();
  const operator = await p.token({ role: 'platform_admin', sub: 'fuzz-operator' });
  const { companyId, hr } = await p.newCompany('Fuzz Co');
  await p.fund(companyId, 1000);
  const [employee] = await p.addEmployees(companyId, 1);
  const partner = await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Fuzz Kargo', countries: ['TR'] } });
  valid.platform_admin = operator;
  valid.hr_admin = hr;
  valid.employee = employee!.token;
  valid.partner = await p.token({ role: 'partner', sub: 'fuzz-partner', partnerId: partner.body.partnerId });

  const { kid } = decodeProtectedHeader(hr);
  const other = await generateKeyPair('RS256');
  const claims = { role: 'hr_admin', company_id: companyId };
  const forged = (alg: string) => new SignJWT(claims).setProtectedHeader({ alg, kid: kid! }).setIssuer('urn:gifting:local-development-issuer')
    .setAudience('gifting-local').setSubject('forger').setIssuedAt().setExpirationTime('1h');
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const [, payload] = hr.split('.');
  badAuth = [
    { name: 'none' },
    { name: 'empty', header: '' },
    { name: 'scheme only', header: 'Bearer' },
    { name: 'basic', header: 'Basic dXNlcjpwYXNzd29yZA==' },
    { name: 'garbage', header: 'Bearer garbage' },
    { name: 'three dots', header: 'Bearer a.b.c' },
    { name: 'huge', header: `Bearer ${'A'.repeat(8000)}` },
    { name: 'latin1', header: 'Bearer \xff\xfe' },
    { name: 'two tokens', header: `Bearer ${hr} ${hr}` },
    { name: 'alg none', header: `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${payload}.` },
    { name: 'tampered payload', header: `Bearer ${hr.split('.')[0]}.${b64({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), role: 'platform_admin' })}.${hr.split('.')[2]}` },
    { name: 'other key', header: `Bearer ${await forged('RS256').sign(other.privateKey)}` },
    { name: 'HS256', header: `Bearer ${await forged('HS256').sign(new TextEncoder().encode('secret-secret-secret-secret-secret'))}` },
    { name: 'expired', header: `Bearer ${await p.token({ role: 'hr_admin', companyId, ttlSeconds: -600 })}` },
    { name: 'unknown role', header: `Bearer ${await p.token({ role: 'superuser' as Role, companyId })}` },
    { name: 'hr without company', header: `Bearer ${await p.token({ role: 'hr_admin' })}` },
    { name: 'employee without employee id', header: `Bearer ${await p.token({ role: 'employee', companyId })}` },
    { name: 'partner without partner id', header: `Bearer ${await p.token({ role: 'partner' })}` },
    { name: 'traversal company claim', header: `Bearer ${await p.token({ role: 'hr_admin', companyId: '../x' })}` },
  ];
}, 60_000);
afterAll(async () => {
  await p?.stop();
  await shipEngine?.stop();
  delete process.env.SHIPENGINE_JWKS_URL;
});

const isPublicWrite = (route: RouteDefinition) => route.auth === 'public' && route.access.main === 'readwrite';
/** Public routes that write are webhooks: without a valid signature they must write nothing. */
const isWebhook = (route: RouteDefinition) => isPublicWrite(route) && route.path.startsWith('/v1/webhooks/');

function plausibleParams(route: RouteDefinition, r: Rng): Record<string, string> {
  const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!);
  const base = route.params ? (plausible(jsonSchemaOf(route.params), jsonSchemaOf(route.params), r) as Record<string, unknown>) : {};
  return Object.fromEntries(names.map((n) => [n, typeof base[n] === 'string' && base[n] ? (base[n] as string) : `FUZZ${r.int(1e9).toString(36)}XXXXXXXXXXXXXX`]));
}

function plausibleQuery(route: RouteDefinition, r: Rng): [string, string][] {
  if (!route.query) return [];
  const schema = jsonSchemaOf(route.query);
  const value = plausible(schema, schema, r) as Record<string, unknown>;
  return Object.entries(value ?? {}).map(([k, v]) => [k, String(v)]);
}

/** The server's own decoding (local/http-server.ts): what the handler's schemas see. */
function serverQuery(search: string): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(search)) query[k] = k in query ? `${query[k]},${v}` : v;
  return query;
}
function serverParam(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    return encoded;
  }
}

const BAD_JSON = [
  '{', '}', '{"a":}', "{'a':1}", '[1,]', '{"a":1,}', 'NaN', 'Infinity', 'undefined', '{"a":1}garbage', '\uFEFF{}', '{"a":"\u0001"}',
  '{"a":01}', '{"a":.5}', '{"a":+1}', '{"a":0x10}', '{"a":"\\uZZZZ"}', '{"a":"\\ud800"', '[' .repeat(5000), `${'['.repeat(20000)}${']'.repeat(20000)}`,
  `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`, 'null', '"string"', '12', 'true', '[]', '[{}]', '{"__proto__":{"polluted":"yes"}}',
  '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"a":1,"a":2}', '\u0000', '{"\u0000":1}',
];
const WRONG_JSON_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/csv', 'application/xml', 'application/jsonx', 'text/json5', 'application/octet-stream'];
const WRONG_CSV_TYPES = ['application/json', 'text/plain', 'application/vnd.ms-excel', 'text/tab-separated-values', 'multipart/form-data; boundary=x'];
const BAD_CSV = [
  '', '\uFEFF', ' \n \n', 'email,name\nx@example.com,X', 'foo,bar,baz\n1,2,3', 'email,name,country,country\na@example.com,A,TR,TR',
  'email,name,country', '"email,name,country\na@example.com,A,TR', 'email,name,country\n"a@example.com,A,TR', 'email;name;country\na;b;TR',
  'email,name,country,__proto__\na@example.com,A,TR,x', 'email,name,=cmd|calc\na@example.com,A,TR', 'email,name,country\u0000\na,b,c',
  'email,\uD800,country\na,b,c', `${'email,name,country\n'}"${'a'.repeat(1000)}`, 'EMAIL,NAME,COUNTRY\na@example.com,A,TR',
];

function csvRejected(csv: string): boolean {
  try {
    parseEmployeeCsv(csv);
    return false;
  } catch {
    return true;
  }
}

function randomCsv(r: Rng): string {
  if (r.chance(0.5)) return r.pick(BAD_CSV);
  const columns = ['email', 'name', 'country', 'department', 'hireDate', 'birthDate', ...POLLUTION_KEYS, 'Email', ' email', ''];
  const header = Array.from({ length: 1 + r.int(5) }, () => r.pick(columns));
  const rows = Array.from({ length: r.int(4) }, () => header.map(() => String(nastyValue(r))).join(','));
  return [header.join(','), ...rows].join(r.pick(['\n', '\r\n', '\r']));
}

const JSON_CT = 'application/json';

/**
 * Whether a schema accepts a value. A schema that throws has a bug the server shares: the
 * request is sent as one that would pass, so the server's answer (a 500) fails the suite.
 */
function passes(schema: RouteDefinition['body'] & object, value: unknown): boolean {
  try {
    return schema.safeParse(value).success;
  } catch {
    return true;
  }
}

/** One malformed request for a route, or undefined when the draw would be a legitimate write. */
function draw(route: RouteDefinition, r: Rng): FuzzRequest | undefined {
  const mayWrite = route.access.main === 'readwrite';
  const wrongRoles = route.auth === 'public' ? [] : ROLES.filter((role) => !(route.auth as readonly Role[]).includes(role));
  const kinds: string[] = [];
  if (route.auth !== 'public') kinds.push('auth', 'auth');
  if (wrongRoles.length) kinds.push('role', 'role');
  if (route.body) kinds.push('body', 'body', 'body', 'body', 'json', 'contentType');
  if (route.bodyType === 'text/csv') kinds.push('csv', 'csv', 'csv', 'contentType');
  if (route.params) kinds.push('params', 'params', 'params');
  if (route.query || !mayWrite) kinds.push('query', 'query', 'query');
  if (route.idempotent) kinds.push('idempotencyKey');
  if (isWebhook(route)) kinds.push('signature', 'signature', 'signature');
  if (isPublicWrite(route) && !isWebhook(route)) throw new Error(`${route.id}: a public route that writes; teach the fuzzer how to keep it from writing`);
  const kind = r.pick(kinds);

  // The plausible request, then one kind of damage.
  const callerRole = route.auth === 'public' ? undefined : r.pick(route.auth);
  let authorization: string | undefined = callerRole ? `Bearer ${valid[callerRole]}` : undefined;
  const params = plausibleParams(route, r);
  let encodedParams = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, encodeComponent(v)]));
  let query = plausibleQuery(route, r);
  const hasBody = route.method !== 'GET';
  let bodyValue: unknown = route.body ? plausible(jsonSchemaOf(route.body), jsonSchemaOf(route.body), r) : undefined;
  let body: string | Uint8Array | undefined = !hasBody ? undefined : route.bodyType === 'text/csv' ? 'email,name,country\nfuzz@example.com,Fuzz,TR' : toJsonText(bodyValue ?? {});
  let contentType: string | undefined = route.bodyType ?? JSON_CT;
  const headers: Record<string, string> = {};
  let idempotencyKey: string | undefined = route.idempotent ? `fuzz-${r.int(1e12)}` : undefined;
  let authStatus: number | undefined;

  switch (kind) {
    case 'auth': {
      const bad = r.pick(badAuth);
      authorization = bad.header;
      authStatus = 401;
      break;
    }
    case 'role':
      authorization = `Bearer ${valid[r.pick(wrongRoles)]}`;
      authStatus = 403;
      break;
    case 'body':
      for (let i = 1 + r.int(3); i > 0; i--) bodyValue = mutate(bodyValue, r);
      body = toJsonText(bodyValue);
      break;
    case 'json':
      body = r.pick(BAD_JSON);
      break;
    case 'contentType':
      if (r.chance(0.2)) {
        body = new TextEncoder().encode(typeof body === 'string' ? body : '{}');
        contentType = undefined;
      } else contentType = r.pick(route.bodyType === 'text/csv' ? WRONG_CSV_TYPES : WRONG_JSON_TYPES);
      break;
    case 'csv':
      body = randomCsv(r);
      break;
    case 'params': {
      const name = r.pick(Object.keys(params));
      const value = r.pick([...NASTY_STRINGS.filter(Boolean), 'x'.repeat(65), 'x'.repeat(4000), '../etc/passwd', '..%2F..%2F', 'a/b', 'ab cd', '01HZZZ\u0000', 'ÖRNEK', 'id;drop', 'id?x=1', 'id#frag']);
      encodedParams = { ...encodedParams, [name]: encodeComponent(value) };
      break;
    }
    case 'query': {
      const extra: [string, string][] = [
        ['limit', r.pick(['0', '-1', '101', '1.5', '1e3', 'NaN', 'Infinity', '0x10', ' 5', '', '99999999999999999999', '1,2'])],
        ['cursor', r.pick(['garbage', '', '%%%', 'eyJwayI6IngifQ', Buffer.from('{"pk":"COMPANY#other","sk":"x"}').toString('base64url'), 'A'.repeat(5000), '\uD800', 'null', '__proto__'])],
        [r.pick(POLLUTION_KEYS), 'yes'],
        ['constructor[prototype][polluted]', 'yes'],
        [r.pick(['status', 'department', 'q', 'category', 'maxPoints', 'country', 'from', 'to']), String(nastyValue(r))],
        ['from', r.pick(['2020-01-01', 'yesterday', '2026-13-01', '1e12', '+275760-09-13', ''])],
        ['to', r.pick(['1900-01-01', '2100-01-01', 'now', '2026-11-26T25:00:00Z'])],
      ];
      query = [...query];
      for (let i = 1 + r.int(3); i > 0; i--) {
        const roll = r.next();
        if (roll < 0.5) query.push(r.pick(extra));
        else if (roll < 0.8 && query.length) query[r.int(query.length)] = [query[r.int(query.length)]![0], String(nastyValue(r))];
        else query.push([String(nastyValue(r)), String(nastyValue(r))]);
      }
      break;
    }
    case 'idempotencyKey':
      idempotencyKey = r.pick([undefined, '', 'k'.repeat(256), 'a b', 'schl\xfcssel', '\xa0nbsp']);
      break;
    case 'signature':
      body = r.chance(0.3) ? r.pick(BAD_JSON) : toJsonText(r.chance(0.5) ? { id: 'evt_1', type: 'checkout.session.completed', data: { object: { client_reference_id: 'x', payment_status: 'paid' } } } : nastyValue(r));
      for (const name of ['stripe-signature', 'x-shipengine-rsa-sha256-signature', 'x-shipengine-rsa-sha256-key-id', 'x-shipengine-timestamp']) {
        if (r.chance(0.5)) headers[name] = r.pick(['', 't=1,v1=deadbeef', `t=${Math.floor(Date.now() / 1000)},v1=${'0'.repeat(64)}`, 'garbage', 'a'.repeat(2000), 'key-1', String(Math.floor(Date.now() / 1000))]);
      }
      break;
  }

  if (authorization !== undefined) headers.authorization = authorization;
  if (contentType !== undefined && body !== undefined) headers['content-type'] = contentType;
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  const search = query.map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`).join('&');
  const path = route.path.replace(/\{(\w+)\}/g, (_m, n: string) => encodedParams[n]!) + (search ? `?${search}` : '');

  // What the stack decides, in its order (shared/http/stack.ts); undefined = passes.
  const expected = ((): number | undefined => {
    if (authStatus) return authStatus;
    const raw = body === undefined ? '' : typeof body === 'string' ? body : new TextDecoder().decode(body);
    if (Buffer.byteLength(raw) > (route.maxBodyBytes ?? ONE_MB)) return 413;
    const ct = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
    let parsed: unknown;
    if (route.bodyType === 'text/csv') {
      if (ct !== 'text/csv') return 415;
    } else if (route.body) {
      if (raw.trim() === '') return 422;
      if (ct !== 'application/json' && !ct.endsWith('+json')) return 415;
      try {
        parsed = JSON.parse(raw);
      } catch {
        return 400;
      }
    }
    const decodedParams = Object.fromEntries(Object.entries(encodedParams).map(([k, v]) => [k, serverParam(v)]));
    if (route.params && !passes(route.params, decodedParams)) return 422;
    if (route.query && !passes(route.query, serverQuery(search))) return 422;
    if (route.body && !passes(route.body, parsed)) return 422;
    if (route.idempotent && !/^[\x21-\x7e]{1,255}$/.test(idempotencyKey ?? '')) return 422;
    if (route.bodyType === 'text/csv' && csvRejected(raw)) return 422;
    if (isWebhook(route)) return 400;
    return undefined;
  })();
  // API Gateway refuses a request line and headers over 10,240 bytes before any function runs
  // (and Node's parser answers 431 locally): that is the gateway's contract, not this API's.
  if (path.length + Object.entries(headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0) > 10_240) return undefined;
  // A request that would pass every check of a route that writes could legitimately write.
  if (mayWrite && expected === undefined) return undefined;
  return {
    route, kind, method: route.method, path, headers,
    ...(body !== undefined ? { body } : {}),
    ...(expected !== undefined ? { expect: [expected] } : {}),
  };
}

/** One oversized body per route that takes one: the route's limit plus a byte. */
function oversized(route: RouteDefinition): FuzzRequest {
  const limit = route.maxBodyBytes ?? ONE_MB;
  const pad = limit + 1 - '{"pad":""}'.length;
  const body = route.bodyType === 'text/csv' ? `email,name,country\n${'a'.repeat(limit)}` : `{"pad":"${'a'.repeat(pad)}"}`;
  const role = route.auth === 'public' ? undefined : route.auth[0]!;
  const path = route.path.replace(/\{(\w+)\}/g, 'FUZZOVERSIZED');
  return {
    route, kind: 'oversized', method: route.method, path, body,
    headers: { 'content-type': route.bodyType ?? JSON_CT, ...(role ? { authorization: `Bearer ${valid[role]}` } : {}), ...(route.idempotent ? { 'idempotency-key': 'fuzz-oversized' } : {}) },
    expect: [413],
  };
}

function generate(r: Rng): FuzzRequest[] {
  const requests: FuzzRequest[] = routeList.filter((route) => route.method !== 'GET').map(oversized);
  const perRoute = Math.ceil((TOTAL - requests.length) / routeList.length);
  for (const route of routeList) {
    let made = 0;
    for (let tries = 0; made < perRoute && tries < perRoute * 20; tries++) {
      const request = draw(route, r);
      if (request) {
        requests.push(request);
        made++;
      }
    }
    if (made < perRoute) throw new Error(`${route.id}: only ${made} of ${perRoute} malformed requests could be drawn`);
  }
  for (let i = requests.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [requests[i], requests[j]] = [requests[j]!, requests[i]!];
  }
  return requests;
}

async function send(request: FuzzRequest): Promise<string | undefined> {
  const res = await fetch(p.url + request.path, {
    method: request.method,
    headers: request.headers,
    // A Blob without a type: the request goes out with no Content-Type at all.
    ...(request.body !== undefined ? { body: typeof request.body === 'string' ? request.body : new Blob([new Uint8Array(request.body)]) } : {}),
  });
  const text = await res.text();
  const where = `${request.route.id} [${request.kind}] ${request.method} ${request.path.slice(0, 120)} → ${res.status}: ${text.slice(0, 200)}`;
  if (res.status >= 500) return `5xx: ${where}`;
  if (request.expect && !request.expect.includes(res.status)) return `expected ${request.expect.join('|')}: ${where}`;
  if (res.status >= 400) {
    if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) return `not a problem document: ${where}`;
    let problem: { type?: unknown; title?: unknown; status?: unknown };
    try {
      problem = JSON.parse(text) as typeof problem;
    } catch {
      return `problem is not JSON: ${where}`;
    }
    if (typeof problem.type !== 'string' || typeof problem.title !== 'string' || problem.status !== res.status) return `incomplete problem: ${where}`;
  }
  if (/\n\s+at \S+ \(|node_modules|\/work\//.test(text)) return `stack trace or path in body: ${where}`;
  return undefined;
}

describe('fuzzing every route of the route table', () => {
  it('answers thousands of malformed requests with problem documents, never a 5xx, and writes nothing', async () => {
    const started = Date.now();
    const requests = generate(rng(SEED));
    expect(requests.length).toBeGreaterThanOrEqual(Math.min(TOTAL, 10_000));
    expect(new Set(requests.map((q) => q.route.id))).toEqual(new Set(routeList.map((route) => route.id)));

    for (let at = 0; at < requests.length; at += BATCH) {
      const batch = requests.slice(at, at + BATCH);
      const before = await snapshotTables(p);
      const failures = (await pool(batch, IN_FLIGHT, send)).filter((f): f is string => f !== undefined);
      await p.settle();
      const after = await snapshotTables(p);
      expect(failures.slice(0, 15), `seed ${SEED}, batch at ${at}: ${failures.length} failures`).toEqual([]);
      expect(after, `seed ${SEED}: batch at ${at} (${batch.length} requests that must fail) wrote to a table`).toEqual(before);
      expect(Object.keys(Object.prototype), 'Object.prototype was polluted').toEqual([]);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
    const byKind = requests.reduce<Record<string, number>>((acc, q) => ({ ...acc, [q.kind]: (acc[q.kind] ?? 0) + 1 }), {});
    console.log(`[fuzz] seed ${SEED}: ${requests.length} requests over ${routeList.length} routes in ${Date.now() - started} ms`, byKind);
  }, 120_000);
});

/** Hostile strings the schemas may rightly accept: they must be stored or refused, never a 5xx. */
const HOSTILE_VALID = ['\u202Eevil\u202C', '😀👩‍👩‍👧‍👦', 'مرحبا بالعالم', 'İıŞşĞğ', '\uD800', 'x\uDFFFy', 'a\u0000b', '\uFEFFbom', '<script>x</script>', '=HYPERLINK("x")', '__proto__', 'constructor', "'; DROP TABLE x; --", 'ß'.repeat(190), '\u0301\u0301\u0301'];

function stringPaths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value === 'string') out.push(at);
  else if (Array.isArray(value)) value.forEach((v, i) => stringPaths(v, [...at, i], out));
  else if (value && typeof value === 'object') for (const k of Object.keys(value)) stringPaths((value as Record<string, unknown>)[k], [...at, k], out);
  return out;
}

describe('fuzzing the writes with valid but hostile values', () => {
  it('stores or refuses hostile strings in every writable field, never with a 5xx', async () => {
    const r = rng(SEED ^ 0x5eed);
    const requests: FuzzRequest[] = [];
    const covered = new Set<string>();
    for (const route of routeList.filter((x) => x.body && x.method !== 'GET' && x.auth !== 'public')) {
      const schema = jsonSchemaOf(route.body!);
      for (let tries = 0, made = 0; tries < 400 && made < 30; tries++) {
        const value = plausible(schema, schema, r);
        const paths = stringPaths(value);
        if (!paths.length) break;
        for (const path of paths) {
          if (!r.chance(0.5)) continue;
          const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Record<string | number, unknown>)[k], value) as Record<string | number, unknown>;
          parent[path[path.length - 1]!] = r.pick(HOSTILE_VALID);
        }
        if (!passes(route.body!, value)) continue;
        made++;
        covered.add(route.id);
        const role = r.pick(route.auth as readonly Role[]);
        requests.push({
          route, kind: 'hostile-valid', method: route.method, body: toJsonText(value),
          path: route.path.replace(/\{(\w+)\}/g, () => `FUZZ${r.int(1e9)}`),
          headers: { authorization: `Bearer ${valid[role]}`, 'content-type': JSON_CT, ...(route.idempotent ? { 'idempotency-key': `hostile-${r.int(1e12)}` } : {}) },
        });
      }
    }
    const failures = (await pool(requests, IN_FLIGHT, send)).filter(Boolean);
    await p.settle();
    console.log(`[fuzz] seed ${SEED}: ${requests.length} valid hostile writes over ${covered.size} routes: ${[...covered].join(', ')}`);
    expect(failures.slice(0, 15), `seed ${SEED}: ${failures.length} failures`).toEqual([]);
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 60_000);
});
