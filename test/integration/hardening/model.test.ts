/**
 * Property-based model test (issue 8): random sequences of top-ups (Stripe and bank credits),
 * refunds, allocations with and without expiry, orders, cancels, the passing of time, the expiry
 * job and shipment events run against the API, and against an in-memory model written from
 * ../shared/API.md. After every step the budget, every wallet (balance and what expires when),
 * the stock of every variant and every order's and shipment's status must match the model; every
 * run ends with the ledger's conservation check.
 *
 * Time is the platform's clock (shared/adapters/clock.ts), moved forward by the test: a second per
 * step, hours or days when a step says so. Each run gets its own company, employees and product.
 *
 * The seed is printed; `MODEL_SEED=<n> npx vitest run test/integration/hardening/model.test.ts`
 * replays a run (fast-check also prints the seed and the shrunk sequence of a failure);
 * MODEL_RUNS sets how many runs (default 20).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useClock } from '../../../shared/adapters/clock.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

const SEED = process.env.MODEL_SEED ? Number(process.env.MODEL_SEED) : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.MODEL_RUNS ?? 20);
const EMPLOYEES = 3;
const VARIANTS = [{ points: 40, stock: 4 }, { points: 90, stock: 2 }] as const;
const HOUR = 3_600_000;
const address = { name: 'Ayşe Yılmaz', line1: 'Bağdat Caddesi 1', city: 'İstanbul', postalCode: '34710', country: 'TR' };
const FORWARD = ['pending', 'label_created', 'shipped', 'in_transit', 'out_for_delivery', 'delivered'] as const;
type Forward = (typeof FORWARD)[number];
type ShipmentStatus = Forward | 'exception' | 'cancelled';
const rank = (s: ShipmentStatus) => FORWARD.indexOf(s as Forward);

// --- The model -------------------------------------------------------------------------------

interface Lot { id: number; expiresAt: string | null; grantedAt: string; remaining: number }
interface ModelOrder {
  orderId: string;
  employee: number;
  variant: number;
  quantity: number;
  totalPoints: number;
  status: 'processing' | 'shipped' | 'delivered' | 'cancelled';
  draws: { lot: Lot; take: number }[];
  shipment: { status: ShipmentStatus; furthest: Forward; latestAt: string | null; lastEvent: object | null };
}
interface ModelTopUp { topUpId: string; sessionId: string; points: number; state: 'pending' | 'paid' | 'expired' | 'refunded' }
interface Model {
  now: number;
  budget: { balancePoints: number; pendingTopUpPoints: number; fundedPoints: number; refundedPoints: number; allocatedPoints: number; redeemedPoints: number; expiredPoints: number };
  wallets: Lot[][];
  stock: number[];
  orders: ModelOrder[];
  topUps: ModelTopUp[];
  lots: number;
}

const iso = (ms: number) => new Date(ms).toISOString();
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const alive = (lot: Lot, now: string) => lot.expiresAt === null || lot.expiresAt > now;
/** Earliest-expiring points first (API.md, Employee wallet); among equals the older grant. */
const spendOrder = (a: Lot, b: Lot) => cmp(a.expiresAt ?? '~', b.expiresAt ?? '~') || cmp(a.grantedAt, b.grantedAt);
const spendable = (m: Model, employee: number) => m.wallets[employee]!.filter((l) => l.remaining > 0 && alive(l, iso(m.now)));
const balanceOf = (m: Model, employee: number) => spendable(m, employee).reduce((s, l) => s + l.remaining, 0);

function expiringOf(m: Model, employee: number) {
  const byInstant = new Map<string, number>();
  for (const l of spendable(m, employee)) if (l.expiresAt) byInstant.set(l.expiresAt, (byInstant.get(l.expiresAt) ?? 0) + l.remaining);
  return [...byInstant].sort(([a], [b]) => cmp(a, b)).map(([expiresAt, points]) => ({ points, expiresAt }));
}

/** A newer event moves a shipment forward only; an exception stands aside the path; delivered and cancelled are final. */
function applyEvent(s: ModelOrder['shipment'], status: Forward | 'exception', occurredAt: string) {
  const forward = status !== 'exception';
  const furthest = forward && rank(status) > rank(s.furthest) ? (status as Forward) : s.furthest;
  if (s.status === 'delivered' || s.status === 'cancelled') return;
  if (s.latestAt === null || occurredAt >= s.latestAt) {
    if (status === 'exception') s.status = 'exception';
    else if (rank(status) > rank(s.furthest) || (s.status === 'exception' && rank(status) >= rank(s.furthest))) s.status = status;
    s.latestAt = occurredAt;
  } else if (forward && s.status !== 'exception' && rank(status) > rank(s.furthest)) {
    s.status = status; // a late scan can only carry the shipment further
  }
  s.furthest = furthest;
}

function followShipment(o: ModelOrder) {
  if (o.status === 'cancelled') return;
  if (o.shipment.status === 'delivered') o.status = 'delivered';
  else if (rank(o.shipment.furthest) >= rank('shipped') && o.status === 'processing') o.status = 'shipped';
}

// --- The system under test -------------------------------------------------------------------

interface Real {
  companyId: string;
  hr: string;
  employees: { employeeId: string; token: string }[];
  productId: string;
  variantIds: string[];
}

let p: TestPlatform;
let operator: string;
let partnerId: string;
let partner: string;
let key = 0;
let clockNow = Date.now();
const idem = () => ({ 'idempotency-key': `model-${++key}` });

beforeAll(async () => {
  p = await startTestPlatform();
  useClock({ now: () => new Date(clockNow) });
  operator = await p.token({ role: 'platform_admin', sub: 'model-operator' });
  partnerId = (await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Model Kargo', countries: ['TR'] } })).body.partnerId;
  partner = await p.token({ role: 'partner', sub: `partner-${partnerId}`, partnerId });
});
afterAll(async () => {
  useClock(undefined);
  await p?.stop();
});

async function setup(): Promise<{ model: Model; real: Real }> {
  // Never back: the expiry job remembers the last day it finished.
  clockNow = Math.max(clockNow, Date.now());
  const { companyId, hr } = await p.newCompany('Model Co');
  const employees = await p.addEmployees(companyId, EMPLOYEES);
  const res = await p.call('POST', '/v1/products', {
    token: operator,
    body: {
      name: 'Çay seti', description: 'Tea glasses', category: 'kitchen', kind: 'physical', partnerId, shipsTo: ['TR'],
      variants: VARIANTS.map((v, i) => ({ sku: `M-${++key}-${i}`, name: `V${i}`, points: v.points, stock: v.stock })),
    },
  });
  expect(res.status, res.text).toBe(201);
  // Funds to start from, so that early allocations and orders can succeed.
  await p.fund(companyId, 2000);
  await p.settle();
  return {
    model: {
      now: clockNow,
      budget: { balancePoints: 2000, pendingTopUpPoints: 0, fundedPoints: 2000, refundedPoints: 0, allocatedPoints: 0, redeemedPoints: 0, expiredPoints: 0 },
      wallets: employees.map(() => []),
      stock: VARIANTS.map((v) => v.stock),
      orders: [],
      topUps: [],
      lots: 0,
    },
    real: { companyId, hr, employees, productId: res.body.productId, variantIds: res.body.variants.map((v: { variantId: string }) => v.variantId) },
  };
}

/** Every observable the model predicts, after the stream and queues have settled. */
async function verify(m: Model, r: Real) {
  await p.settle();
  const budget = await p.call('GET', '/v1/budget', { token: r.hr });
  expect(budget.body, 'budget').toEqual(m.budget);
  for (const [i, e] of r.employees.entries()) {
    const me = await p.call('GET', '/v1/me', { token: e.token });
    expect({ balancePoints: me.body.balancePoints, expiring: me.body.expiring }, `wallet of employee ${i}`).toEqual({ balancePoints: balanceOf(m, i), expiring: expiringOf(m, i) });
  }
  const product = await p.call('GET', `/v1/products/${r.productId}`, { token: operator });
  expect(product.body.variants.map((v: { stock: number }) => v.stock), 'stock').toEqual(m.stock);
  for (const o of m.orders) {
    const order = await p.call('GET', `/v1/orders/${o.orderId}`, { token: r.hr });
    const expectedShipments = o.shipment.status === 'cancelled' && order.body.shipments.length === 0 ? [] : [o.shipment.status];
    expect({ status: order.body.status, shipments: order.body.shipments.map((s: { status: string }) => s.status) }, `order ${o.orderId}`)
      .toEqual({ status: o.status, shipments: expectedShipments });
  }
}

/** How often each kind of step ended which way, printed after the runs (a model test that never cancels an expired draw proves little). */
const outcomes = new Map<string, number>();
const saw = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);

type Step = fc.AsyncCommand<Model, Real>;
/** Each step happens a second after the last one (grants and events get distinct times). */
function step(name: string, check: (m: Model) => boolean, run: (m: Model, r: Real) => Promise<void>): Step {
  return {
    check,
    run: async (m, r) => {
      saw('step');
      m.now += 1000;
      clockNow = m.now;
      await run(m, r);
      await verify(m, r);
    },
    toString: () => name,
  };
}

function expectProblem(res: { status: number; body: { type?: string } }, status: number, code: string) {
  saw(code);
  expect({ status: res.status, type: res.body?.type }).toEqual({ status, type: expect.stringMatching(new RegExp(`/${code}$`)) });
}

// --- Steps -----------------------------------------------------------------------------------

const credit = (points: number) => step(`credit(${points})`, () => true, async (m, r) => {
  const res = await p.call('POST', `/v1/companies/${r.companyId}/budget/credits`, { token: operator, headers: idem(), body: { points, reference: `INV-${key}` } });
  expect(res.status, res.text).toBe(201);
  m.budget.balancePoints += points;
  m.budget.fundedPoints += points;
  saw('credit');
});

const topUp = (points: number, pay: boolean) => step(`topUp(${points}, ${pay ? 'paid' : 'pending'})`, (m) => m.topUps.length < 6, async (m, r) => {
  const res = await p.call('POST', '/v1/budget/top-ups', { token: r.hr, headers: idem(), body: { points } });
  expect(res.status, res.text).toBe(201);
  const t: ModelTopUp = { topUpId: res.body.topUpId, sessionId: res.body.checkoutSessionId, points, state: 'pending' };
  m.topUps.push(t);
  m.budget.pendingTopUpPoints += points;
  saw('top-up');
  if (pay) await payTopUp(m, t);
});

async function payTopUp(m: Model, t: ModelTopUp) {
  await p.stripe!.pay(t.sessionId);
  t.state = 'paid';
  saw('top-up paid');
  m.budget.pendingTopUpPoints -= t.points;
  m.budget.balancePoints += t.points;
  m.budget.fundedPoints += t.points;
}

const pending = (m: Model) => m.topUps.filter((t) => t.state === 'pending');
const payLater = (i: number) => step(`pay(topUp ${i})`, (m) => pending(m).length > 0, async (m) => {
  await payTopUp(m, pending(m)[i % pending(m).length]!);
});

const expireSession = (i: number) => step(`expire(topUp ${i})`, (m) => pending(m).length > 0, async (m) => {
  const t = pending(m)[i % pending(m).length]!;
  await p.stripe!.expire(t.sessionId);
  t.state = 'expired';
  saw('checkout expired');
  m.budget.pendingTopUpPoints -= t.points;
});

const paid = (m: Model) => m.topUps.filter((t) => t.state === 'paid');
const refund = (i: number) => step(`refund(topUp ${i})`, (m) => paid(m).length > 0, async (m) => {
  const t = paid(m)[i % paid(m).length]!;
  await p.stripe!.refund(t.sessionId);
  t.state = 'refunded';
  // API.md: a refund takes the points back as far as the budget still holds them.
  const clawed = Math.min(t.points, m.budget.balancePoints);
  saw(clawed < t.points ? 'refund, partly recovered' : 'refund');
  m.budget.balancePoints -= clawed;
  m.budget.refundedPoints += clawed;
});

const allocate = (points: number, who: boolean[], expiryHours: number | null) =>
  step(`allocate(${points} to [${who.map(Number).join('')}], expiry ${expiryHours ?? 'none'})`, () => who.some(Boolean), async (m, r) => {
    const recipients = who.flatMap((on, i) => (on ? [i] : []));
    const expiresAt = expiryHours === null ? null : iso(m.now + expiryHours * HOUR + 500);
    const res = await p.call('POST', '/v1/allocations', {
      token: r.hr, headers: idem(),
      body: { points, reason: 'Model', recipients: { employeeIds: recipients.map((i) => r.employees[i]!.employeeId) }, ...(expiresAt ? { expiresAt } : {}) },
    });
    const total = points * recipients.length;
    if (total > m.budget.balancePoints) {
      expectProblem(res, 409, 'insufficient-budget');
      return;
    }
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', totalPoints: total });
    m.budget.balancePoints -= total;
    m.budget.allocatedPoints += total;
    saw(expiresAt ? 'allocation with expiry' : 'allocation');
    for (const i of recipients) m.wallets[i]!.push({ id: ++m.lots, expiresAt, grantedAt: iso(m.now), remaining: points });
  });

/** `employee` null: the employee with the most spendable points (most random employees have too few). */
const order = (who: number | null, variant: number, quantity: number) =>
  step(`order(employee ${who ?? 'richest'}, variant ${variant} × ${quantity})`, () => true, async (m, r) => {
    const employee = who ?? [...m.wallets.keys()].reduce((best, i) => (balanceOf(m, i) > balanceOf(m, best) ? i : best), 0);
    const res = await p.call('POST', '/v1/orders', {
      token: r.employees[employee]!.token, headers: idem(),
      body: { items: [{ productId: r.productId, variantId: r.variantIds[variant]!, quantity }], shippingAddress: address },
    });
    const cost = VARIANTS[variant]!.points * quantity;
    if (balanceOf(m, employee) < cost) return expectProblem(res, 409, 'insufficient-points');
    if (m.stock[variant]! < quantity) return expectProblem(res, 409, 'out-of-stock');
    expect(res.status, res.text).toBe(201);
    expect(res.body.totalPoints).toBe(cost);
    const draws: ModelOrder['draws'] = [];
    let owed = cost;
    for (const lot of spendable(m, employee).sort(spendOrder)) {
      const take = Math.min(owed, lot.remaining);
      if (take === 0) break;
      lot.remaining -= take;
      owed -= take;
      draws.push({ lot, take });
    }
    m.stock[variant]! -= quantity;
    m.budget.redeemedPoints += cost;
    saw(draws.some((d) => d.lot.expiresAt) ? 'order from expiring points' : 'order');
    m.orders.push({
      orderId: res.body.orderId, employee, variant, quantity, totalPoints: cost, status: 'processing', draws,
      shipment: { status: 'pending', furthest: 'pending', latestAt: null, lastEvent: null },
    });
  });

const pick = (m: Model, i: number) => m.orders[i % m.orders.length]!;

const cancel = (i: number, byHr: boolean) => step(`cancel(order ${i}, by ${byHr ? 'HR' : 'employee'})`, (m) => m.orders.length > 0, async (m, r) => {
  const o = pick(m, i);
  const res = await p.call('POST', `/v1/orders/${o.orderId}/cancel`, { token: byHr ? r.hr : r.employees[o.employee]!.token, headers: idem() });
  if (o.status === 'cancelled') {
    expect(res.status, res.text).toBe(200);
    saw('cancel again');
    return;
  }
  if (!['pending', 'label_created'].includes(o.shipment.status)) return expectProblem(res, 409, 'invalid-state');
  expect(res.status, res.text).toBe(200);
  expect(res.body.status).toBe('cancelled');
  const now = iso(m.now);
  for (const d of o.draws) {
    if (alive(d.lot, now)) d.lot.remaining += d.take;
    else {
      saw('cancel returning expired points to the budget');
      // The lot expired since: its points go back to the budget as expired.
      m.budget.balancePoints += d.take;
      m.budget.expiredPoints += d.take;
    }
  }
  m.budget.redeemedPoints -= o.totalPoints;
  m.stock[o.variant]! += o.quantity;
  o.status = 'cancelled';
  o.shipment.status = 'cancelled';
  saw('cancel');
});

const shipmentEvent = (i: number, status: Forward | 'exception', timing: 'now' | 'late' | 'duplicate') =>
  step(`event(order ${i}: ${timing === 'duplicate' ? 'the last event again' : `${status}, ${timing}`})`, (m) => m.orders.length > 0 && (timing !== 'duplicate' || m.orders.some((o) => o.shipment.lastEvent)), async (m, r) => {
    const o = timing === 'duplicate' ? m.orders.filter((x) => x.shipment.lastEvent)[i % m.orders.filter((x) => x.shipment.lastEvent).length]! : pick(m, i);
    const order = await p.call('GET', `/v1/orders/${o.orderId}`, { token: r.hr });
    const shipmentId = order.body.shipments[0]?.shipmentId;
    expect(shipmentId, 'the order has its shipment').toBeTruthy();
    const occurredAt = timing === 'late' && o.shipment.latestAt ? iso(Date.parse(o.shipment.latestAt) - HOUR) : iso(m.now);
    const body = timing === 'duplicate' ? o.shipment.lastEvent! : { status, occurredAt, location: 'İstanbul' };
    const res = await p.call('POST', `/v1/partner/shipments/${shipmentId}/events`, { token: partner, body });
    if (o.shipment.status === 'cancelled') return expectProblem(res, 409, 'invalid-state');
    expect(res.status, res.text).toBe(201);
    if (timing === 'duplicate') {
      expect(res.body.duplicate).toBe(true);
      saw('duplicate event');
      return;
    }
    expect(res.body.duplicate).toBe(false);
    o.shipment.lastEvent = body;
    const before = o.shipment.status;
    applyEvent(o.shipment, status, occurredAt);
    followShipment(o);
    saw(`${timing} event ${before === o.shipment.status ? 'changing nothing' : `→ ${o.shipment.status}`}`);
  });

const passTime = (hours: number) => step(`time passes (${hours} h)`, () => true, async (m) => {
  m.now += hours * HOUR;
  clockNow = m.now;
});

const upcoming = (m: Model) => m.wallets.flat().filter((l) => l.remaining > 0 && l.expiresAt && alive(l, iso(m.now)));
/** Time runs to just past the next expiry: the moment spending, cancelling and the job treat differently. */
const passNextExpiry = () => step('time passes the next expiry', (m) => upcoming(m).length > 0, async (m) => {
  m.now = Math.min(...upcoming(m).map((l) => Date.parse(l.expiresAt!))) + 1000;
  clockNow = m.now;
});

const runExpiry = () => step('expiry job', () => true, async (m) => {
  const res = await fetch(`${p.url}/_local/schedules/expirePoints`, { method: 'POST' });
  expect(res.status).toBe(200);
  const now = iso(m.now);
  for (const wallet of m.wallets) {
    for (const lot of wallet) {
      if (!alive(lot, now) && lot.remaining > 0) {
        saw('lot expired');
        m.budget.balancePoints += lot.remaining;
        m.budget.expiredPoints += lot.remaining;
        lot.remaining = 0;
      }
    }
  }
});

/** Each kind of step with its weight: value must flow in (credits, allocations) before orders can succeed and ship. */
const weighted: [fc.Arbitrary<Step>, number][] = [
  [fc.integer({ min: 1, max: 2000 }).map(credit), 2],
  [fc.tuple(fc.integer({ min: 50, max: 1500 }), fc.boolean()).map(([points, pay]) => topUp(points, pay)), 1],
  [fc.nat(5).map(payLater), 1],
  [fc.nat(5).map(expireSession), 1],
  [fc.nat(5).map(refund), 1],
  [fc.tuple(fc.integer({ min: 20, max: 300 }), fc.array(fc.boolean(), { minLength: EMPLOYEES, maxLength: EMPLOYEES }), fc.option(fc.integer({ min: 1, max: 48 }), { nil: null }))
    .map(([points, who, hours]) => allocate(points, who, hours)), 4],
  [fc.tuple(fc.nat(EMPLOYEES - 1), fc.nat(VARIANTS.length - 1), fc.integer({ min: 1, max: 3 })).map(([e, v, q]) => order(e, v, q)), 3],
  [fc.tuple(fc.nat(VARIANTS.length - 1), fc.integer({ min: 1, max: 2 })).map(([v, q]) => order(null, v, q)), 3],
  [fc.tuple(fc.nat(20), fc.boolean()).map(([i, byHr]) => cancel(i, byHr)), 4],
  [fc.tuple(fc.nat(20), fc.constantFrom(...FORWARD.slice(1), 'exception' as const), fc.constantFrom('now' as const, 'late' as const, 'duplicate' as const))
    .map(([i, status, timing]) => shipmentEvent(i, status, timing)), 4],
  [fc.integer({ min: 1, max: 36 }).map(passTime), 2],
  [fc.constant(null).map(passNextExpiry), 2],
  [fc.constant(null).map(runExpiry), 2],
];
const steps = weighted.flatMap(([arbitrary, weight]) => Array.from({ length: weight }, () => arbitrary));

describe('the API against its model', () => {
  it('keeps budgets, wallets, stock and statuses equal to the model after every step', async () => {
    console.info(`model test: seed ${SEED}, ${RUNS} runs (replay with MODEL_SEED=${SEED})`);
    await fc.assert(
      fc.asyncProperty(fc.commands(steps, { size: 'large', maxCommands: 40 }), async (commands) => {
        const { model, real } = await setup();
        await fc.asyncModelRun(() => ({ model, real }), commands);
        await p.conserved();
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.info(`model test outcomes: ${[...outcomes].sort(([a], [b]) => cmp(a, b)).map(([k, n]) => `${k} ${n}`).join(', ')}`);
  }, 900_000);
});
