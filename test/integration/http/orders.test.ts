import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let operator: string;
let partner: string;
let key = 0;
const idem = () => ({ 'idempotency-key': `o-${++key}-${Math.random().toString(36).slice(2)}` });
const address = { name: 'Ayşe Yılmaz', line1: 'Bağdat Caddesi 1', city: 'İstanbul', postalCode: '34710', country: 'TR', phone: '+905321234567' };

beforeAll(async () => {
  p = await startTestPlatform();
  operator = await p.token({ role: 'platform_admin', sub: 'orders-operator' });
  partner = (await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Kargo', countries: ['TR', 'DE'] } })).body.partnerId;
});
afterAll(() => p.stop());

async function product(over: Record<string, unknown> = {}) {
  const res = await p.call('POST', '/v1/products', {
    token: operator,
    body: {
      name: 'Cezve', description: 'Copper coffee pot', category: 'kitchen', kind: 'physical', partnerId: partner, shipsTo: ['TR'],
      variants: [{ sku: `S-${++key}`, name: 'Standard', points: 100, stock: 50 }], ...over,
    },
  });
  if (res.status !== 201) throw new Error(res.text);
  return { productId: res.body.productId as string, variantId: res.body.variants[0].variantId as string };
}

/** A company with `people` employees holding `points` each. */
async function shoppers(people: number, points: number, expiresAt?: string) {
  const { companyId, hr } = await p.newCompany();
  await p.fund(companyId, people * points + 1000);
  const employees = await p.addEmployees(companyId, people);
  for (let i = 0; i < employees.length; i += 30) {
    const res = await p.call('POST', '/v1/allocations', {
      token: hr, headers: idem(),
      body: { points, reason: 'Shopping', recipients: { employeeIds: employees.slice(i, i + 30).map((e) => e.employeeId) }, ...(expiresAt ? { expiresAt } : {}) },
    });
    if (res.status !== 201) throw new Error(res.text);
  }
  return { companyId, hr, employees };
}

const order = (token: string, items: object[], headers = idem(), shippingAddress: object = address) =>
  p.call('POST', '/v1/orders', { token, headers, body: { items, shippingAddress } });
const stockOf = async (productId: string) => (await p.call('GET', `/v1/products/${productId}`, { token: operator })).body.variants[0].stock as number;
const balanceOf = async (token: string) => (await p.call('GET', '/v1/me', { token })).body.balancePoints as number;

describe('placing an order', () => {
  it('debits the wallet, takes the stock and records the order with its history, all at once', async () => {
    const gift = await product();
    const { hr, employees: [e] } = await shoppers(1, 500);

    const res = await order(e!.token, [{ ...gift, quantity: 2 }]);

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'placed', totalPoints: 200, items: [{ ...gift, quantity: 2, pointsEach: 100 }], shippingAddress: address, shipments: [] });
    expect(res.body.history).toEqual([{ status: 'placed', at: expect.any(String) }]);
    expect(await balanceOf(e!.token)).toBe(300);
    expect(await stockOf(gift.productId)).toBe(48);
    expect((await p.call('GET', '/v1/budget', { token: hr })).body.redeemedPoints).toBe(200);
    expect((await p.call('GET', '/v1/me/ledger', { token: e!.token })).body.items[0]).toMatchObject({ kind: 'redemption', deltaPoints: -200, balanceAfter: 300, reference: res.body.orderId });
    expect((await p.call('GET', '/v1/orders', { token: e!.token })).body.items.map((o: { orderId: string }) => o.orderId)).toEqual([res.body.orderId]);
    expect((await p.call('GET', `/v1/orders/${res.body.orderId}`, { token: hr })).body.orderId).toBe(res.body.orderId);
    // Fulfilment takes the order from the change stream and moves it to processing (HR lists by status).
    await p.settle();
    expect((await p.call('GET', '/v1/orders?status=placed', { token: hr })).body.items).toHaveLength(0);
    expect((await p.call('GET', '/v1/orders?status=processing', { token: hr })).body.items.map((o: { orderId: string }) => o.orderId)).toEqual([res.body.orderId]);
    const asOperator = await p.call('GET', `/v1/orders/${res.body.orderId}`, { token: operator });
    expect(asOperator.body).toMatchObject({ orderId: res.body.orderId, employeeId: e!.employeeId });
    expect((await p.call('GET', '/v1/orders', { token: operator })).body.items.map((o: { orderId: string }) => o.orderId)).toContain(res.body.orderId);
  });

  it('answers insufficient-points, out-of-stock (naming the variant) and not-shippable with 409 and changes nothing', async () => {
    const gift = await product({ variants: [{ sku: `S-${++key}`, name: 'Only two', points: 50, stock: 2 }] });
    const germanOnly = await product({ shipsTo: ['DE'] });
    const { employees: [e] } = await shoppers(1, 250);

    const sold = await order(e!.token, [{ ...gift, quantity: 3 }]);
    const far = await order(e!.token, [{ ...germanOnly, quantity: 1 }]);
    const broke = await order(e!.token, [{ ...gift, quantity: 2 }, { ...(await product({ variants: [{ sku: `S-${++key}`, name: 'Dear', points: 200, stock: 5 }] })), quantity: 1 }]);

    expect(sold.body).toMatchObject({ status: 409, variantId: gift.variantId });
    expect(sold.body.type).toMatch(/out-of-stock$/);
    expect(far.status).toBe(409);
    expect(far.body.type).toMatch(/not-shippable$/);
    expect(broke.status).toBe(409);
    expect(broke.body.type).toMatch(/insufficient-points$/);
    expect(await balanceOf(e!.token)).toBe(250);
    expect(await stockOf(gift.productId)).toBe(2);
  });

  it('refuses an employee deactivated since their token was issued, in the same transaction', async () => {
    const gift = await product();
    const { hr, employees: [e] } = await shoppers(1, 500);
    await p.call('PATCH', `/v1/employees/${e!.employeeId}`, { token: hr, body: { status: 'inactive' } });
    const res = await order(e!.token, [{ ...gift, quantity: 1 }]);
    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/invalid-state$/);
    expect(await stockOf(gift.productId)).toBe(50);
  });

  it('validates the shipping address per country', async () => {
    const gift = await product();
    const { employees: [e] } = await shoppers(1, 500);
    const bad = await order(e!.token, [{ ...gift, quantity: 1 }], idem(), { ...address, postalCode: '1234', phone: '0532' });
    const us = await order(e!.token, [{ ...gift, quantity: 1 }], idem(), { ...address, country: 'US', postalCode: '94103' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((x: { path: string }) => x.path).sort()).toEqual(['body.shippingAddress.phone', 'body.shippingAddress.postalCode']);
    expect(us.status).toBe(422);
    expect(us.body.errors.map((x: { path: string }) => x.path)).toEqual(['body.shippingAddress.region']);
  });

  it('refuses an order that would need more than one transaction can hold with 422', async () => {
    const card = await product({ kind: 'gift_card_digital', variants: [{ sku: `D-${++key}`, name: '10 TL', points: 1, stock: 0 }] });
    await p.call('POST', `/v1/products/${card.productId}/variants/${card.variantId}/codes`, {
      token: operator, body: { codes: Array.from({ length: 300 }, (_, i) => `BIG-${key}-${i}`) },
    });
    const { employees: [e] } = await shoppers(1, 1000);
    const res = await order(e!.token, Array.from({ length: 20 }, () => ({ ...card, quantity: 10 })));
    expect(res.status).toBe(422);
    expect(await balanceOf(e!.token)).toBe(1000);
  });
});

describe('concurrency', () => {
  it('creates exactly 10 of 50 concurrent orders against a wallet that covers 10', async () => {
    const gift = await product({ variants: [{ sku: `S-${++key}`, name: 'Plenty', points: 100, stock: 1000 }] });
    const { employees: [e] } = await shoppers(1, 1000);

    const results = await Promise.all(Array.from({ length: 50 }, () => order(e!.token, [{ ...gift, quantity: 1 }])));

    expect(results.filter((r) => r.status === 201)).toHaveLength(10);
    expect(results.filter((r) => r.status === 409).every((r) => /insufficient-points$/.test(r.body.type))).toBe(true);
    expect(await balanceOf(e!.token)).toBe(0);
    expect(await stockOf(gift.productId)).toBe(990);
  }, 120_000);

  it('lets exactly one of 200 employees have the last unit', async () => {
    const gift = await product({ variants: [{ sku: `S-${++key}`, name: 'Last one', points: 10, stock: 1 }] });
    const { employees } = await shoppers(200, 10);

    const results = await Promise.all(employees.map((e) => order(e.token, [{ ...gift, quantity: 1 }])));

    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => /out-of-stock$/.test(r.body.type))).toBe(true);
    expect(await stockOf(gift.productId)).toBe(0);
  }, 180_000);

  it('replays an order for its Idempotency-Key even once the wallet is empty, and refuses the key with another body', async () => {
    const gift = await product();
    const { employees: [e] } = await shoppers(1, 100);
    const headers = idem();

    const first = await order(e!.token, [{ ...gift, quantity: 1 }], headers);
    const again = await order(e!.token, [{ ...gift, quantity: 1 }], headers);
    const other = await order(e!.token, [{ ...gift, quantity: 2 }], headers);

    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
    expect(await balanceOf(e!.token)).toBe(0);
    expect((await order(e!.token, [{ ...gift, quantity: 1 }])).status).toBe(409);
  });

  it('makes one order of 20 concurrent requests with one Idempotency-Key; the rest replay it or wait', async () => {
    const gift = await product();
    const { employees: [e] } = await shoppers(1, 1000);
    const headers = idem();

    const results = await Promise.all(Array.from({ length: 20 }, () => order(e!.token, [{ ...gift, quantity: 1 }], headers)));

    expect(results.every((r) => r.status === 201 || (r.status === 409 && /idempotency-key-in-use$/.test(r.body.type)))).toBe(true);
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.body.orderId)).size).toBe(1);
    expect((await p.call('GET', '/v1/orders', { token: e!.token })).body.items).toHaveLength(1);
    expect(await balanceOf(e!.token)).toBe(900);
  });
});

describe('review findings', () => {
  it('does not replay one order\'s cancellation for another that reuses the Idempotency-Key', async () => {
    const gift = await product();
    const { employees: [e] } = await shoppers(1, 500);
    const a = await order(e!.token, [{ ...gift, quantity: 1 }]);
    const b = await order(e!.token, [{ ...gift, quantity: 1 }]);
    const headers = idem();
    await p.call('POST', `/v1/orders/${a.body.orderId}/cancel`, { token: e!.token, headers });
    const second = await p.call('POST', `/v1/orders/${b.body.orderId}/cancel`, { token: e!.token, headers });
    expect(second.body).toMatchObject({ orderId: b.body.orderId, status: 'cancelled' });
    expect(await balanceOf(e!.token)).toBe(500);
  });

  it('answers forged cursors with 422, never 500', async () => {
    const { employees: [e] } = await shoppers(1, 10);
    const cursor = (key: object) => Buffer.from(JSON.stringify(key)).toString('base64url');
    const me = (await p.call('GET', '/v1/me', { token: e!.token })).body.employeeId as string;
    const partitionOnly = await p.call('GET', `/v1/me/ledger?cursor=${cursor({ pk: `C#x#E#${me}` })}`, { token: e!.token });
    const catalog = await p.call('GET', `/v1/catalog?category=kitchen&cursor=${cursor({ pk: 'PRODUCT#x', sk: 'LISTING#TR', gsi1pk: 'CATALOG#TR', gsi1sk: 'other#x' })}`, { token: e!.token });
    expect(partitionOnly.status).toBe(422);
    expect(catalog.status).toBe(422);
  });

  it('gives 25 concurrent buyers of one digital card a code each', async () => {
    const card = await product({ kind: 'gift_card_digital', variants: [{ sku: `D-${++key}`, name: '20 TL', points: 20, stock: 0 }] });
    await p.call('POST', `/v1/products/${card.productId}/variants/${card.variantId}/codes`, {
      token: operator, body: { codes: Array.from({ length: 200 }, (_, i) => `RACE-${key}-${String(i).padStart(3, '0')}`) },
    });
    const { employees } = await shoppers(25, 20);
    const results = await Promise.all(employees.map((e) => order(e.token, [{ ...card, quantity: 1 }])));
    expect(results.map((r) => r.status)).toEqual(Array(25).fill(201));
    const codes = results.map((r) => r.body.items[0].giftCodes[0]);
    expect(new Set(codes).size).toBe(25);
    expect(await stockOf(card.productId)).toBe(175);
  }, 120_000);
});

describe('tenancy', () => {
  it('keeps one company\'s orders and selection-only products from another company\'s people', async () => {
    const selected = await product({ name: 'For A only' });
    const other = await product({ name: 'For B' });
    const a = await shoppers(1, 500);
    const b = await shoppers(1, 500);
    await p.call('PUT', '/v1/catalog/selection', { token: a.hr, body: { productIds: [selected.productId] } });
    await p.call('PUT', '/v1/catalog/selection', { token: b.hr, body: { productIds: [other.productId] } });
    const placed = await order(a.employees[0]!.token, [{ ...selected, quantity: 1 }]);
    const [colleague] = await p.addEmployees(a.companyId, 1);

    const bToken = b.employees[0]!.token;
    expect((await p.call('GET', `/v1/orders/${placed.body.orderId}`, { token: bToken })).status).toBe(404);
    expect((await p.call('GET', `/v1/orders/${placed.body.orderId}`, { token: b.hr })).status).toBe(404);
    expect((await p.call('POST', `/v1/orders/${placed.body.orderId}/cancel`, { token: bToken, headers: idem() })).status).toBe(404);
    expect((await p.call('GET', `/v1/orders/${placed.body.orderId}`, { token: colleague!.token })).status).toBe(404);
    expect((await p.call('GET', '/v1/orders', { token: b.hr })).body.items).toEqual([]);
    const sneaky = await order(bToken, [{ ...selected, quantity: 1 }]);
    expect(sneaky.status).toBe(422);
    expect((await p.call('GET', `/v1/catalog/${selected.productId}`, { token: bToken })).status).toBe(404);
  });
});

describe('cancelling', () => {
  it('returns points to their lots and stock, once, for the employee or HR', async () => {
    const gift = await product();
    const { hr, employees: [e] } = await shoppers(1, 500);
    const placed = await order(e!.token, [{ ...gift, quantity: 3 }]);
    await p.settle(); // assigned to its partner: processing, its shipment pending

    const cancelled = await p.call('POST', `/v1/orders/${placed.body.orderId}/cancel`, { token: e!.token, headers: idem() });
    const again = await p.call('POST', `/v1/orders/${placed.body.orderId}/cancel`, { token: hr, headers: idem() });

    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.history.map((h: { status: string }) => h.status)).toEqual(['placed', 'processing', 'cancelled']);
    expect(again.body.status).toBe('cancelled');
    expect(await balanceOf(e!.token)).toBe(500);
    expect(await stockOf(gift.productId)).toBe(50);
    expect((await p.call('GET', '/v1/budget', { token: hr })).body.redeemedPoints).toBe(0);
  });

  it('sends points whose lot has expired since to the company budget', async () => {
    const gift = await product();
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { hr, employees: [e] } = await shoppers(1, 300, expiresAt);
    const placed = await order(e!.token, [{ ...gift, quantity: 1 }]);
    const before = (await p.call('GET', '/v1/budget', { token: hr })).body;
    await new Promise((r) => setTimeout(r, 1700));

    const res = await p.call('POST', `/v1/orders/${placed.body.orderId}/cancel`, { token: hr, headers: idem() });

    expect(res.body.status).toBe('cancelled');
    const after = (await p.call('GET', '/v1/budget', { token: hr })).body;
    expect(after.balancePoints).toBe(before.balancePoints + 100);
    expect(after.expiredPoints).toBe(before.expiredPoints + 100);
    await p.scheduler.run('expirePoints');
    expect(await balanceOf(e!.token)).toBe(0);
  });

  it('shows digital codes only to the employee who ordered them, and does not cancel a delivered code', async () => {
    const card = await product({ kind: 'gift_card_digital', variants: [{ sku: `D-${++key}`, name: '50 TL', points: 50, stock: 0 }] });
    await p.call('POST', `/v1/products/${card.productId}/variants/${card.variantId}/codes`, { token: operator, body: { codes: ['GIFT-0001-AAAA', 'GIFT-0002-BBBB'] } });
    const { hr, employees: [e] } = await shoppers(1, 500);

    const placed = await order(e!.token, [{ ...card, quantity: 1 }]);

    expect(placed.status).toBe(201);
    expect(placed.body.items[0].giftCodes).toEqual([expect.stringMatching(/^GIFT-000[12]-/)]);
    const seenByHr = await p.call('GET', `/v1/orders/${placed.body.orderId}`, { token: hr });
    expect(seenByHr.text).not.toContain('GIFT-');
    expect((await p.call('GET', '/v1/orders', { token: hr })).text).not.toContain('GIFT-');
    expect(await stockOf(card.productId)).toBe(1);
    expect((await p.call('POST', `/v1/orders/${placed.body.orderId}/cancel`, { token: e!.token, headers: idem() })).status).toBe(409);
  });
});
