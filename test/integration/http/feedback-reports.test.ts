import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deps } from '../../../shared/composition.js';
import { allocatePoints, processAllocation } from '../../../shared/domain/allocations/use-cases.js';
import { recordCredit } from '../../../shared/domain/budget/use-cases.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let operator: string;
let partner: { partnerId: string; token: string };
let key = 0;
const idem = () => ({ 'idempotency-key': `fr-${++key}-${Math.random().toString(36).slice(2)}` });
const address = { name: 'Ayşe Yılmaz', line1: 'Bağdat Caddesi 1', city: 'İstanbul', postalCode: '34710', country: 'TR' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  p = await startTestPlatform();
  operator = await p.token({ role: 'platform_admin', sub: 'reports-operator' });
  const partnerId = (await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Kargo', countries: ['TR'] } })).body.partnerId as string;
  partner = { partnerId, token: await p.token({ role: 'partner', sub: `partner-${partnerId}`, partnerId }) };
});
afterAll(() => p.stop());

async function product(points = 100) {
  const res = await p.call('POST', '/v1/products', {
    token: operator,
    body: {
      name: 'Cezve', description: 'Copper coffee pot', category: 'kitchen', kind: 'physical', partnerId: partner.partnerId, shipsTo: ['TR'],
      variants: [{ sku: `FR-${++key}`, name: 'Standard', points, stock: 50 }],
    },
  });
  if (res.status !== 201) throw new Error(res.text);
  return { productId: res.body.productId as string, variantId: res.body.variants[0].variantId as string };
}

async function allocate(hr: string, employeeIds: string[], points: number, extra: Record<string, unknown> = {}) {
  const res = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points, reason: 'Thanks', recipients: { employeeIds }, ...extra } });
  if (res.status !== 201) throw new Error(res.text);
  return res.body;
}

/** Places an order and lets fulfilment take it (one shipment with the test partner). */
async function order(token: string, gift: { productId: string; variantId: string }, quantity: number) {
  const res = await p.call('POST', '/v1/orders', { token, headers: idem(), body: { items: [{ ...gift, quantity }], shippingAddress: address } });
  if (res.status !== 201) throw new Error(res.text);
  await p.settle();
  return res.body.orderId as string;
}

/** The partner reports the order's shipment at `status`: the order follows (fulfilment). */
async function ship(employeeToken: string, orderId: string, status: 'shipped' | 'delivered') {
  const [shipment] = (await p.call('GET', `/v1/orders/${orderId}`, { token: employeeToken })).body.shipments as { shipmentId: string }[];
  const res = await p.call('POST', `/v1/partner/shipments/${shipment!.shipmentId}/events`, {
    token: partner.token, body: { status, occurredAt: new Date().toISOString() },
  });
  if (res.status !== 201) throw new Error(res.text);
  await p.settle();
  const now = (await p.call('GET', `/v1/orders/${orderId}`, { token: employeeToken })).body.status;
  if (now !== status) throw new Error(`order ${orderId} is ${now}, not ${status}`);
}

const feedback = (token: string, orderId: string, body: unknown) => p.call('POST', `/v1/orders/${orderId}/feedback`, { token, body });
const problem = (res: { status: number; body: { type?: string } }) => [res.status, res.body.type?.split('/').pop()];

describe('POST /v1/orders/{orderId}/feedback', () => {
  it('opens once the order is delivered, takes one rating per order, and only from the employee who ordered', async () => {
    const gift = await product();
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const [mine, colleague] = await p.addEmployees(companyId, 2);
    await allocate(hr, [mine!.employeeId, colleague!.employeeId], 300);
    const orderId = await order(mine!.token, gift, 1);
    const stranger = await p.newCompany();
    const [outsider] = await p.addEmployees(stranger.companyId, 1);

    const early = await feedback(mine!.token, orderId, { score: 9 });
    await ship(mine!.token, orderId, 'delivered');
    const first = await feedback(mine!.token, orderId, { score: 9, comment: '  Lovely pot,\nfast delivery  ' });
    const again = await feedback(mine!.token, orderId, { score: 3 });
    const notTheirs = await feedback(colleague!.token, orderId, { score: 0 });
    const otherCompany = await feedback(outsider!.token, orderId, { score: 0 });
    const unknown = await feedback(mine!.token, 'NOSUCHORDER', { score: 5 });

    expect(problem(early)).toEqual([409, 'invalid-state']);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({ orderId, score: 9, comment: 'Lovely pot,\nfast delivery', createdAt: expect.any(String) });
    expect(Date.parse(first.body.createdAt)).toBeGreaterThan(Date.now() - 60_000);
    expect(problem(again)).toEqual([409, 'conflict']);
    expect(problem(notTheirs)).toEqual([404, 'not-found']);
    expect(problem(otherCompany)).toEqual([404, 'not-found']);
    expect(problem(unknown)).toEqual([404, 'not-found']);
    const nps = (await p.call('GET', '/v1/reports/summary', { token: hr })).body.nps;
    expect(nps).toEqual({ score: 100, responses: 1, promoters: 1, passives: 0, detractors: 0 });
  });

  it('records exactly one of concurrent ratings of one order', async () => {
    const gift = await product();
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const [e] = await p.addEmployees(companyId, 1);
    await allocate(hr, [e!.employeeId], 100);
    const orderId = await order(e!.token, gift, 1);
    await ship(e!.token, orderId, 'delivered');

    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => feedback(e!.token, orderId, { score: i })));

    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status !== 201).map(problem)).toEqual(Array(7).fill([409, 'conflict']));
    expect((await p.call('GET', '/v1/reports/summary', { token: hr })).body.nps.responses).toBe(1);
  });

  it('validates the score and the comment, and is for employees only', async () => {
    const { companyId, hr } = await p.newCompany();
    const [e] = await p.addEmployees(companyId, 1);
    const cases = [{ score: 11 }, { score: -1 }, { score: 7.5 }, { score: '9' }, {}, { score: 5, comment: 'bell\u0007' }, { score: 5, comment: 'x'.repeat(1001) }, { score: 5, comment: '   ' }, { score: 5, extra: 1 }];
    for (const body of cases) expect(problem(await feedback(e!.token, 'ANYORDER', body)), JSON.stringify(body)).toEqual([422, 'validation-failed']);
    expect(problem(await feedback(hr, 'ANYORDER', { score: 5 }))).toEqual([403, 'forbidden']);
  });
});

describe('GET /v1/reports/summary', () => {
  it('adds up a known scenario: period figures from its ledger entries, orders and feedback; current budget and wallets', async () => {
    const gift = await product(100);
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 10_000);
    const [a, b, c] = await p.addEmployees(companyId, 3);
    await allocate(hr, [a!.employeeId, b!.employeeId, c!.employeeId], 1000); // budget 7000, wallets 3 × 1000
    await allocate(hr, [c!.employeeId], 50, { expiresAt: new Date(Date.now() + 86_400_000).toISOString() }); // budget 6950, c 1050
    const placed = await order(a!.token, gift, 2); // a: 800; redeemed 200
    const cancelled = await order(a!.token, gift, 1); // a: 700, then back to 800
    const delivered1 = await order(b!.token, gift, 3); // b: 700; redeemed 500
    const delivered2 = await order(c!.token, gift, 1); // c: 950 (the expiring 50 spent first); redeemed 600
    const shipped = await order(c!.token, gift, 4); // c: 550; redeemed 1000
    expect((await p.call('POST', `/v1/orders/${cancelled}/cancel`, { token: a!.token, headers: idem() })).status).toBe(200);
    await ship(b!.token, delivered1, 'delivered');
    await ship(c!.token, delivered2, 'delivered');
    await ship(c!.token, shipped, 'shipped');
    expect((await feedback(b!.token, delivered1, { score: 10 })).status).toBe(201);
    expect((await feedback(c!.token, delivered2, { score: 4, comment: 'Dented' })).status).toBe(201);
    // A grant that expires unspent.
    await allocate(hr, [c!.employeeId], 30, { expiresAt: new Date(Date.now() + 1500).toISOString() }); // budget 6920, c: 580
    await sleep(1700);
    await p.scheduler.run('expirePoints'); // 30 back to the budget: 6950, c: 550

    const res = await p.call('GET', '/v1/reports/summary', { token: hr });

    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      from: expect.any(String), to: expect.any(String), generatedAt: expect.any(String),
      budget: { balancePoints: 6950 },
      fundedPoints: 10_000,
      refundedPoints: 0,
      allocatedPoints: 3080,
      redeemedPoints: 1000,
      expiredPoints: 30,
      // a 800 + b 700 + c 550
      outstandingPoints: 2050,
      // Fulfilment took the untouched order (processing); the others moved on or were cancelled.
      orders: { placed: 5, byStatus: { placed: 0, processing: 1, shipped: 1, delivered: 2, cancelled: 1 } },
      nps: { score: 0, responses: 2, promoters: 1, passives: 0, detractors: 1 },
    });
    expect(Date.parse(res.body.to) - Date.parse(res.body.from)).toBe(30 * 86_400_000);
    expect(placed).toBeTruthy();
    // The conservation identity the outstanding figure relies on, checked independently.
    const totals = (await p.conserved()).find((t) => t.companyId === companyId)!;
    expect(totals.wallets).toBe(res.body.outstandingPoints);
  });

  it('counts only what happened in the period, while the budget and the points in wallets stay current', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 500);
    const [e] = await p.addEmployees(companyId, 1);
    await allocate(hr, [e!.employeeId], 200);

    const past = await p.call('GET', '/v1/reports/summary?from=2025-01-01&to=2025-02-01', { token: hr });
    const future = await p.call('GET', `/v1/reports/summary?from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 30 * 86_400_000).toISOString())}`, { token: hr });

    for (const res of [past, future]) {
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        budget: { balancePoints: 300 }, outstandingPoints: 200,
        fundedPoints: 0, allocatedPoints: 0, redeemedPoints: 0, expiredPoints: 0,
        orders: { placed: 0, byStatus: { placed: 0, processing: 0, shipped: 0, delivered: 0, cancelled: 0 } },
        nps: { score: null, responses: 0, promoters: 0, passives: 0, detractors: 0 },
      });
    }
    expect(past.body).toMatchObject({ from: '2025-01-01T00:00:00.000Z', to: '2025-02-01T00:00:00.000Z' });
  });

  it('leaves the points a bulk allocation has reserved but not yet credited out of the points in wallets', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 10_000);
    const people = await p.addEmployees(companyId, 40);
    // Allocated without its queue message, so the reservation stays in flight until processed below.
    const d = { ...deps(), queue: { send: async () => {} } };
    const { allocation, background } = await allocatePoints(d, companyId, { sub: `hr-${companyId}`, idempotencyKey: 'bulk-1' }, {
      points: 100, reason: 'Bulk', recipients: { employeeIds: people.map((e) => e.employeeId) },
    });
    expect(background).toBe(true);

    const during = (await p.call('GET', '/v1/reports/summary', { token: hr })).body;
    await processAllocation(deps(), { companyId, allocationId: allocation.allocationId });
    const after = (await p.call('GET', '/v1/reports/summary', { token: hr })).body;

    expect(during).toMatchObject({ budget: { balancePoints: 6000 }, allocatedPoints: 4000, outstandingPoints: 0 });
    expect(after).toMatchObject({ budget: { balancePoints: 6000 }, allocatedPoints: 4000, outstandingPoints: 4000 });
  });

  it('refuses a reversed, empty or over-long period and a malformed date with 422, and other roles with 403', async () => {
    const { companyId, hr } = await p.newCompany();
    const [e] = await p.addEmployees(companyId, 1);
    for (const query of ['from=2026-02-01&to=2026-01-01', 'from=2026-01-01&to=2026-01-01', 'from=2024-01-01&to=2025-01-02', 'from=yesterday', 'to=2026-13-01']) {
      for (const path of ['/v1/reports/summary', '/v1/reports/ledger.csv']) {
        const res = await p.call('GET', `${path}?${query}`, { token: hr });
        expect(problem(res), `${path}?${query}`).toEqual([422, 'validation-failed']);
        expect(res.body.errors[0].path).toMatch(/^query\.(from|to)$/);
      }
    }
    expect((await p.call('GET', '/v1/reports/summary?from=2024-01-01&to=2025-01-01', { token: hr })).status).toBe(200);
    expect(problem(await p.call('GET', '/v1/reports/summary', { token: e!.token }))).toEqual([403, 'forbidden']);
    expect(problem(await p.call('GET', '/v1/reports/ledger.csv', { token: operator }))).toEqual([403, 'forbidden']);
  });
});

describe('GET /v1/reports/ledger.csv', () => {
  it('exports the budget ledger of the period oldest first, CSV-escaped and safe to open in a spreadsheet', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const [e] = await p.addEmployees(companyId, 1);
    const reason = '=HYPERLINK("http://evil.example","click"), then\nsecond line';
    await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 250, reason, recipients: { employeeIds: [e!.employeeId] } } });
    const ledger = (await p.call('GET', '/v1/budget/ledger', { token: hr })).body.items as { entryId: string; at: string; reference: string }[];
    const [allocation, credit] = ledger;

    const res = await p.call('GET', '/v1/reports/ledger.csv', { token: hr });

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="ledger-\d{4}-\d\d-\d\d-\d{4}-\d\d-\d\d\.csv"$/);
    expect(res.headers.get('x-export-truncated')).toBe('false');
    expect(res.text).toBe(
      'entryId,at,kind,deltaPoints,balanceAfter,reference,note\r\n' +
      `${credit!.entryId},${credit!.at},credit,1000,1000,${credit!.reference},INV-TEST\r\n` +
      `${allocation!.entryId},${allocation!.at},allocation,-250,750,${allocation!.reference},` +
      '"\'=HYPERLINK(""http://evil.example"",""click""), then\nsecond line"\r\n',
    );
  });

  it('holds only the header for a period without entries', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const res = await p.call('GET', '/v1/reports/ledger.csv?from=2025-01-01&to=2025-12-31', { token: hr });
    expect(res.status).toBe(200);
    expect(res.text).toBe('entryId,at,kind,deltaPoints,balanceAfter,reference,note\r\n');
    expect(res.headers.get('x-export-rows')).toBe('0');
  });

  it('finds the entries of a period inside a longer ledger by time, though times may be a little out of ledger order', async () => {
    const { companyId, hr } = await p.newCompany();
    // Credits stamped on chosen days (the ledger is keyed by version; `at` is when the posting was stamped).
    const days = ['2026-01-05', '2026-01-20', '2026-02-03', '2026-02-10T10:00:00Z', '2026-02-10T09:50:00Z', '2026-02-27', '2026-03-01', '2026-03-15', '2026-04-02'];
    for (const [i, day] of days.entries()) {
      const clock = { now: () => new Date(day) };
      await recordCredit({ ...deps(), clock }, companyId, { sub: 'report-test', idempotencyKey: `credit-${i}` }, { points: 100 + i, reference: `INV-${i}` });
    }

    const feb = await p.call('GET', '/v1/reports/ledger.csv?from=2026-02-01&to=2026-03-01', { token: hr });
    const summary = await p.call('GET', '/v1/reports/summary?from=2026-02-01&to=2026-03-01', { token: hr });

    const rows = feb.text.trim().split('\r\n').slice(1).map((line) => line.split(','));
    // Ledger order (versions 3..6), including the 09:50 entry posted after the 10:00 one.
    expect(rows.map((r) => [r[1], r[3], r[6]])).toEqual([
      ['2026-02-03T00:00:00.000Z', '102', 'INV-2'],
      ['2026-02-10T10:00:00.000Z', '103', 'INV-3'],
      ['2026-02-10T09:50:00.000Z', '104', 'INV-4'],
      ['2026-02-27T00:00:00.000Z', '105', 'INV-5'],
    ]);
    expect(rows.map((r) => r[4])).toEqual(['303', '406', '510', '615']);
    expect(summary.body.fundedPoints).toBe(102 + 103 + 104 + 105);
    // From 09:55: the 10:00 entry is in, though the entry after it in the ledger is at 09:50.
    const narrow = await p.call('GET', '/v1/reports/ledger.csv?from=2026-02-10T09:55:00Z&to=2026-02-11', { token: hr });
    expect(narrow.text.trim().split('\r\n').slice(1).map((line) => line.split(',')[6])).toEqual(['INV-3']);
  });
});
