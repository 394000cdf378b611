/**
 * Isolation matrix (issue 8), generated from the route table: every route whose path names a
 * resource (`{...}`) is called on real resources of company A, employee A and partner A by
 * everyone who has no business with them: another company's HR admin and employee, another
 * employee of A, another partner, and every wrong role. A wrong role is 403; a caller of the
 * right role who does not own the resource gets 404 (API.md: never 403, so existence does not
 * leak); no response carries data of A, and no call writes anything.
 *
 * A route with a `{...}` parameter that is missing from MATRIX fails the suite: adding a route
 * means saying here who owns its resources.
 *
 * Lists (every authenticated GET route without a parameter, also generated from the route table)
 * are called by company B's HR admin, employee and partner and by A's other employee: each
 * answers 200 to a role the route admits and 403 to the others, and never shows what is not the
 * caller's (B sees nothing of A; A's other employee sees nothing personal of employee A).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routeList, type Role, type RouteDefinition } from '../../../shared/http/routes.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';
import { snapshotTables } from '../../support/table-snapshot.js';

type Caller = 'operator' | 'hrA' | 'employeeA' | 'otherEmployeeA' | 'partnerA' | 'hrB' | 'employeeB' | 'partnerB';
const CALLERS: Caller[] = ['operator', 'hrA', 'employeeA', 'otherEmployeeA', 'partnerA', 'hrB', 'employeeB', 'partnerB'];
const ROLE_OF: Record<Caller, Role> = {
  operator: 'platform_admin', hrA: 'hr_admin', employeeA: 'employee', otherEmployeeA: 'employee', partnerA: 'partner',
  hrB: 'hr_admin', employeeB: 'employee', partnerB: 'partner',
};

/** Real resources of company A (employee A, partner A), built in beforeAll. */
interface World {
  companyId: string;
  employeeId: string;
  importId: string;
  topUpId: string;
  allocationId: string;
  productId: string;
  variantId: string;
  orderId: string;
  shipmentId: string;
  trackingToken: string;
}

interface MatrixEntry {
  /** The path parameters naming a resource of A. */
  params: (w: World) => Record<string, string>;
  /** Who may legitimately reach that resource (not called: their access is other suites' subject). */
  owners: Caller[];
  /** A body valid for the route, so that only authorisation can refuse the call. */
  body?: () => unknown;
}

const at = () => new Date().toISOString();
const MATRIX: Record<string, MatrixEntry> = {
  getCompany: { params: (w) => ({ companyId: w.companyId }), owners: ['operator'] },
  createCredit: { params: (w) => ({ companyId: w.companyId }), owners: ['operator'], body: () => ({ points: 10, reference: 'INV-ISOLATION' }) },
  getEmployee: { params: (w) => ({ employeeId: w.employeeId }), owners: ['hrA'] },
  updateEmployee: { params: (w) => ({ employeeId: w.employeeId }), owners: ['hrA'], body: () => ({ name: 'Hijacked', status: 'inactive' }) },
  getEmployeeImport: { params: (w) => ({ importId: w.importId }), owners: ['hrA'] },
  getTopUp: { params: (w) => ({ topUpId: w.topUpId }), owners: ['hrA'] },
  getAllocation: { params: (w) => ({ allocationId: w.allocationId }), owners: ['hrA'] },
  // Products are the operator's; partner A fulfils them but does not manage them.
  getProduct: { params: (w) => ({ productId: w.productId }), owners: ['operator'] },
  updateProduct: { params: (w) => ({ productId: w.productId }), owners: ['operator'], body: () => ({ name: 'Hijacked', active: false }) },
  setVariantStock: { params: (w) => ({ productId: w.productId, variantId: w.variantId }), owners: ['operator'], body: () => ({ stock: 0 }) },
  loadGiftCodes: { params: (w) => ({ productId: w.productId, variantId: w.variantId }), owners: ['operator'], body: () => ({ codes: ['HIJACK-0001'] }) },
  // Company A's curated selection holds the product, company B's does not.
  getCatalogProduct: { params: (w) => ({ productId: w.productId }), owners: ['hrA', 'employeeA', 'otherEmployeeA'] },
  getOrder: { params: (w) => ({ orderId: w.orderId }), owners: ['employeeA', 'hrA', 'operator'] },
  cancelOrder: { params: (w) => ({ orderId: w.orderId }), owners: ['employeeA', 'hrA'] },
  giveOrderFeedback: { params: (w) => ({ orderId: w.orderId }), owners: ['employeeA'], body: () => ({ score: 0, comment: 'Hijacked' }) },
  getPartnerShipment: { params: (w) => ({ shipmentId: w.shipmentId }), owners: ['partnerA'] },
  postShipmentEvent: {
    params: (w) => ({ shipmentId: w.shipmentId }), owners: ['partnerA'],
    body: () => ({ status: 'label_created', occurredAt: at(), carrierCode: 'ups', trackingNumber: '1Z999AA10123456784' }),
  },
};

/** Id-bearing routes left out of the matrix, each with the reason (asserted below). */
const NOT_IN_MATRIX: Record<string, { reason: string; check: (route: RouteDefinition) => boolean }> = {
  getTracking: {
    reason: 'public route: the unguessable tracking token is the capability, and the view carries no name, address or id',
    check: (route) => route.auth === 'public',
  },
};

/** Query strings a list route needs to answer 200 to every role it admits (HR has no country of its own). */
const LIST_QUERY: Record<string, string> = { browseCatalog: 'country=TR' };
/**
 * The list's owner on A's side, and a value of A their answer holds: proof that the list is not
 * simply empty, so that B's not seeing it means something.
 */
const LIST_CONTROL: Record<string, [Caller, (w: World) => string]> = {
  listCompanies: ['operator', (w) => w.companyId],
  listEmployees: ['hrA', (w) => w.employeeId],
  listBudgetLedger: ['hrA', (w) => w.allocationId],
  listTopUps: ['hrA', (w) => w.topUpId],
  listAllocations: ['hrA', (w) => w.allocationId],
  getMe: ['employeeA', (w) => w.employeeId],
  listMyLedger: ['employeeA', (w) => w.orderId],
  getSelection: ['hrA', (w) => w.productId],
  browseCatalog: ['employeeA', (w) => w.productId],
  listOrders: ['employeeA', (w) => w.orderId],
  listPartnerShipments: ['partnerA', (w) => w.shipmentId],
  exportLedgerCsv: ['hrA', (w) => w.allocationId],
};

let p: TestPlatform;
let world: World;
const tokens = {} as Record<Caller, string>;
/** Values of A that no refused caller may see (beyond the ids it sent itself). */
let secretsOfA: string[] = [];
/** What of employee A not even a colleague may see. */
let personalOfEmployeeA: string[] = [];
let key = 0;
const idem = () => ({ 'idempotency-key': `iso-${++key}-${Math.random().toString(36).slice(2)}` });
const address = { name: 'Ayşe Gizli', line1: 'Gizli Sokak 7', city: 'İstanbul', postalCode: '34710', country: 'TR', phone: '+905321112233' };

async function ok(res: Promise<{ status: number; text: string; body: any }>, status: number) { // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any route
  const r = await res;
  if (r.status !== status) throw new Error(`setup expected ${status}, got ${r.status}: ${r.text}`);
  return r.body;
}

beforeAll(async () => {
  p = await startTestPlatform();
  tokens.operator = await p.token({ role: 'platform_admin', sub: 'isolation-operator' });
  const partner = async (name: string) => {
    const { partnerId } = await ok(p.call('POST', '/v1/partners', { token: tokens.operator, body: { name, countries: ['TR'] } }), 201);
    return { partnerId: partnerId as string, token: await p.token({ role: 'partner', sub: `partner-${partnerId}`, partnerId }) };
  };
  const product = async (partnerId: string, name: string) => {
    const body = await ok(p.call('POST', '/v1/products', {
      token: tokens.operator,
      body: { name, description: 'Isolation', category: 'home', kind: 'physical', partnerId, shipsTo: ['TR'], variants: [{ sku: `ISO-${++key}`, name: 'Standard', points: 100, stock: 20 }] },
    }), 201);
    return { productId: body.productId as string, variantId: body.variants[0].variantId as string };
  };
  const [partnerA, partnerB] = [await partner('Kargo A'), await partner('Kargo B')];
  tokens.partnerA = partnerA.token;
  tokens.partnerB = partnerB.token;
  const giftA = await product(partnerA.partnerId, 'Secret Gift of A');
  const giftB = await product(partnerB.partnerId, 'Gift of B');

  const a = await p.newCompany('Company A');
  const b = await p.newCompany('Company B');
  tokens.hrA = a.hr;
  tokens.hrB = b.hr;
  await p.fund(a.companyId, 1000);
  const [employeeA, otherEmployeeA] = await p.addEmployees(a.companyId, 2);
  const [employeeB] = await p.addEmployees(b.companyId, 1);
  tokens.employeeA = employeeA!.token;
  tokens.otherEmployeeA = otherEmployeeA!.token;
  tokens.employeeB = employeeB!.token;
  await ok(p.call('PUT', '/v1/catalog/selection', { token: a.hr, body: { productIds: [giftA.productId] } }), 200);
  await ok(p.call('PUT', '/v1/catalog/selection', { token: b.hr, body: { productIds: [giftB.productId] } }), 200);

  const { importId } = await ok(p.call('POST', '/v1/employees/imports', {
    token: a.hr, body: 'email,name,country\nimported.secret@example.com,Imported Secret,TR', headers: { 'content-type': 'text/csv' },
  }), 202);
  const { topUpId } = await ok(p.call('POST', '/v1/budget/top-ups', { token: a.hr, headers: idem(), body: { points: 500 } }), 201);
  const { allocationId } = await ok(p.call('POST', '/v1/allocations', {
    token: a.hr, headers: idem(), body: { points: 300, reason: 'Isolation', recipients: { employeeIds: [employeeA!.employeeId] } },
  }), 201);
  const { orderId } = await ok(p.call('POST', '/v1/orders', {
    token: employeeA!.token, headers: idem(), body: { items: [{ ...giftA, quantity: 1 }], shippingAddress: address },
  }), 201);
  await p.settle();
  const order = await ok(p.call('GET', `/v1/orders/${orderId}`, { token: employeeA!.token }), 200);
  const shipment = order.shipments[0] as { shipmentId: string; trackingUrl: string };
  expect(shipment).toBeDefined();

  world = {
    companyId: a.companyId, employeeId: employeeA!.employeeId, importId, topUpId, allocationId, ...giftA, orderId,
    shipmentId: shipment.shipmentId, trackingToken: shipment.trackingUrl.split('/').pop()!,
  };
  const employee = await ok(p.call('GET', `/v1/employees/${employeeA!.employeeId}`, { token: a.hr }), 200);
  personalOfEmployeeA = [employeeA!.employeeId, employee.email, employee.name, orderId, shipment.shipmentId, world.trackingToken, address.name, address.line1, address.phone];
  secretsOfA = [...Object.values(world), employee.email, employee.name, otherEmployeeA!.employeeId, address.name, address.line1, address.phone, 'Secret Gift of A', 'imported.secret@example.com'];
}, 60_000);
afterAll(() => p?.stop());

const idRoutes = routeList.filter((route) => route.path.includes('{'));

describe('the isolation matrix', () => {
  it('covers every route with an id in its path (add new routes to MATRIX)', () => {
    const missing = idRoutes.filter((route) => !MATRIX[route.id] && !NOT_IN_MATRIX[route.id]).map((route) => route.id);
    expect(missing).toEqual([]);
    for (const [id, { reason, check }] of Object.entries(NOT_IN_MATRIX)) {
      const route = routeList.find((r) => r.id === id)!;
      expect(route, id).toBeDefined();
      expect(check(route), `${id} is left out because: ${reason}`).toBe(true);
    }
    const stale = Object.keys(MATRIX).filter((id) => !idRoutes.some((route) => route.id === id));
    expect(stale, 'matrix entries for routes that no longer exist or have no id').toEqual([]);
  });

  const pathOf = (route: RouteDefinition, params: Record<string, string>) => route.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    if (!(name in params)) throw new Error(`${route.id}: the matrix gives no ${name}`);
    return encodeURIComponent(params[name]!);
  });

  for (const route of idRoutes.filter((r) => MATRIX[r.id])) {
    const entry = MATRIX[route.id]!;
    const strangers = CALLERS.filter((c) => !entry.owners.includes(c));

    it(`${route.id}: ${route.method} ${route.path} refuses ${strangers.join(', ')}, shows nothing of A and writes nothing`, async () => {
      const params = entry.params(world);
      const path = pathOf(route, params);
      const body = entry.body?.();
      if (route.body) expect(route.body.safeParse(body).success, `${route.id}: the matrix body must be valid`).toBe(true);
      if (route.method === 'GET') {
        // The resource is real: its owner sees it (so a 404 below is isolation, not a bad id).
        const owner = await p.call('GET', path, { token: tokens[entry.owners[0]!] });
        expect(owner.status, `${entry.owners[0]} on ${path}: ${owner.text}`).toBe(200);
      }
      const secrets = secretsOfA.filter((s) => s && !Object.values(params).includes(s));

      const before = await snapshotTables(p);
      const outcomes: string[] = [];
      for (const caller of strangers) {
        const expected = (route.auth as readonly Role[]).includes(ROLE_OF[caller]) ? 404 : 403;
        const res = await p.call(route.method, path, {
          token: tokens[caller],
          ...(body !== undefined ? { body } : {}),
          ...(route.idempotent ? { headers: idem() } : {}),
        });
        const leaked = secrets.filter((s) => res.text.includes(s));
        const problem = (res.headers.get('content-type') ?? '').startsWith('application/problem+json') && res.body?.status === res.status;
        outcomes.push(`${caller}: ${res.status}${res.status === expected ? '' : ` (expected ${expected}) ${res.text.slice(0, 160)}`}${problem ? '' : ' (not a problem document)'}${leaked.length ? ` LEAKS ${leaked.join(', ')}` : ''}`);
      }
      await p.settle();
      const after = await snapshotTables(p);
      expect(outcomes).toEqual(strangers.map((caller) => `${caller}: ${(route.auth as readonly Role[]).includes(ROLE_OF[caller]) ? 404 : 403}`));
      expect(after, `${route.id}: a refused call wrote`).toEqual(before);
    });
  }
});

const listRoutes = routeList.filter((route) => route.method === 'GET' && !route.path.includes('{') && route.auth !== 'public');

describe('lists', () => {
  it('are every authenticated GET route without a parameter', () => {
    expect(listRoutes.length).toBeGreaterThan(10);
    expect(Object.keys(LIST_QUERY).filter((id) => !listRoutes.some((r) => r.id === id)), 'stale LIST_QUERY entries').toEqual([]);
    expect(Object.keys(LIST_CONTROL).filter((id) => !listRoutes.some((r) => r.id === id)), 'stale LIST_CONTROL entries').toEqual([]);
  });

  const strangers: Caller[] = ['hrB', 'employeeB', 'partnerB', 'otherEmployeeA'];
  for (const route of listRoutes) {
    it(`${route.id}: ${route.method} ${route.path} shows B and A's other employee nothing that is not theirs`, async () => {
      const path = route.path + (LIST_QUERY[route.id] ? `?${LIST_QUERY[route.id]}` : '');
      const control = LIST_CONTROL[route.id];
      if (control) {
        const [owner, value] = control;
        const res = await p.call('GET', path, { token: tokens[owner] });
        expect(res.status, `${owner} on ${path}: ${res.text.slice(0, 200)}`).toBe(200);
        expect(res.text, `${owner} sees A's ${value(world)} in ${path}`).toContain(value(world));
      }
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const caller of strangers) {
        const allowed = (route.auth as readonly Role[]).includes(ROLE_OF[caller]);
        const res = await p.call('GET', path, { token: tokens[caller] });
        // Company B's callers may see nothing of A; A's other employee nothing personal of employee A.
        const secrets = caller === 'otherEmployeeA' ? personalOfEmployeeA : secretsOfA;
        const leaked = secrets.filter((secret) => secret && res.text.includes(secret));
        outcomes.push(`${caller}: ${res.status}${res.status === (allowed ? 200 : 403) ? '' : ` ${res.text.slice(0, 160)}`}${leaked.length ? ` LEAKS ${leaked.join(', ')}` : ''}`);
        expected.push(`${caller}: ${allowed ? 200 : 403}`);
      }
      expect(outcomes).toEqual(expected);
    });
  }
});
