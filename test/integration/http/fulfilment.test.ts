import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let operator: string;
let key = 0;
const idem = () => ({ 'idempotency-key': `f-${++key}-${Math.random().toString(36).slice(2)}` });
const address = { name: 'Ayşe Yılmaz', line1: 'Bağdat Caddesi 1', city: 'İstanbul', postalCode: '34710', country: 'TR', phone: '+905321234567' };

beforeAll(async () => {
  p = await startTestPlatform();
  operator = await p.token({ role: 'platform_admin', sub: 'fulfilment-operator' });
});
afterAll(() => p.stop());

async function product(partnerId: string, kind = 'physical') {
  const res = await p.call('POST', '/v1/products', {
    token: operator,
    body: {
      name: `Gift ${++key}`, description: 'A gift', category: 'home', kind, partnerId, shipsTo: ['TR'],
      variants: [{ sku: `F-${key}`, name: 'Standard', points: 100, stock: kind === 'gift_card_digital' ? 0 : 20 }],
    },
  });
  if (res.status !== 201) throw new Error(res.text);
  const ids = { productId: res.body.productId as string, variantId: res.body.variants[0].variantId as string };
  if (kind === 'gift_card_digital') {
    const codes = Array.from({ length: 5 }, (_, i) => `CODE-${key}-${i}-${Math.random().toString(36).slice(2)}`);
    await p.call('POST', `/v1/products/${ids.productId}/variants/${ids.variantId}/codes`, { token: operator, body: { codes } });
  }
  return ids;
}

async function placeOrder(token: string, items: object[]) {
  const res = await p.call('POST', '/v1/orders', { token, headers: idem(), body: { items, shippingAddress: address } });
  if (res.status !== 201) throw new Error(res.text);
  await p.settle();
  return res.body.orderId as string;
}

const getOrder = async (token: string, orderId: string) => (await p.call('GET', `/v1/orders/${orderId}`, { token })).body;
const post = (token: string, shipmentId: string, body: object) => p.call('POST', `/v1/partner/shipments/${shipmentId}/events`, { token, body });
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 20, 9, minutes)).toISOString();

describe('from order to shipments', () => {
  it('splits an order into one shipment per partner, with only what a label needs', async () => {
    const [a, b] = [await p.newPartner('Kargo A'), await p.newPartner('Kargo B')];
    const [g1, g2, g3] = [await product(a.partnerId), await product(a.partnerId), await product(b.partnerId)];
    const { employee } = await p.shopper(1000);

    const orderId = await placeOrder(employee.token, [{ ...g1, quantity: 1 }, { ...g2, quantity: 2 }, { ...g3, quantity: 1 }]);

    const order = await getOrder(employee.token, orderId);
    expect(order.status).toBe('processing');
    expect(order.history.map((h: { status: string }) => h.status)).toEqual(['placed', 'processing']);
    expect(order.shipments.map((s: { partnerId: string }) => s.partnerId).sort()).toEqual([a.partnerId, b.partnerId].sort());
    expect(order.shipments.every((s: { status: string; trackingUrl: string }) => s.status === 'pending' && s.trackingUrl.includes('/track/'))).toBe(true);

    const listA = await p.call('GET', '/v1/partner/shipments?status=pending', { token: a.token });
    const mine = listA.body.items.find((s: { orderId: string }) => s.orderId === orderId);
    expect(mine.items.map((i: { productId: string; quantity: number }) => [i.productId, i.quantity])).toEqual([[g1.productId, 1], [g2.productId, 2]]);
    expect(mine.shippingAddress).toEqual(address);
    expect(Object.keys(mine)).not.toContain('employeeId');
    expect(Object.keys(mine)).not.toContain('companyId');
    expect(JSON.stringify(listA.body)).not.toContain(employee.employeeId);
  });

  it('delivers an order of digital gift cards at once, without a shipment', async () => {
    const a = await p.newPartner('Digital');
    const card = await product(a.partnerId, 'gift_card_digital');
    const { employee } = await p.shopper(1000);
    const orderId = await placeOrder(employee.token, [{ ...card, quantity: 1 }]);
    const order = await getOrder(employee.token, orderId);
    expect(order).toMatchObject({ status: 'delivered', shipments: [] });
  });

  it('gives a partner 404 for another partner\'s shipment, on read and on events, and changes nothing', async () => {
    const [a, b] = [await p.newPartner('Own'), await p.newPartner('Other')];
    const { employee } = await p.shopper(1000);
    const orderId = await placeOrder(employee.token, [{ ...(await product(a.partnerId)), quantity: 1 }]);
    const [shipment] = (await getOrder(employee.token, orderId)).shipments;

    const read = await p.call('GET', `/v1/partner/shipments/${shipment.shipmentId}`, { token: b.token });
    const write = await post(b.token, shipment.shipmentId, { status: 'shipped', occurredAt: at(1) });
    const list = await p.call('GET', '/v1/partner/shipments', { token: b.token });

    expect([read.status, write.status]).toEqual([404, 404]);
    expect(list.body.items.map((s: { shipmentId: string }) => s.shipmentId)).not.toContain(shipment.shipmentId);
    expect((await p.call('GET', `/v1/partner/shipments/${shipment.shipmentId}`, { token: a.token })).body.status).toBe('pending');
    const employeeToken = await p.call('GET', '/v1/partner/shipments', { token: employee.token });
    expect(employeeToken.status).toBe(403);
  });
});

describe('shipment events', () => {
  async function oneShipment() {
    const partner = await p.newPartner(`P${++key}`);
    const { employee, hr } = await p.shopper(1000);
    const orderId = await placeOrder(employee.token, [{ ...(await product(partner.partnerId)), quantity: 1 }]);
    const [shipment] = (await getOrder(employee.token, orderId)).shipments;
    return { partner, employee, hr, orderId, shipmentId: shipment.shipmentId as string };
  }

  it('moves shipment and order forward, ignores duplicates, and never moves back on a late event', async () => {
    const { partner, employee, orderId, shipmentId } = await oneShipment();

    const label = await post(partner.token, shipmentId, { status: 'label_created', occurredAt: at(0), carrierCode: 'yurtici', trackingNumber: 'YK123456789' });
    expect(label.status).toBe(201);
    expect(label.body).toMatchObject({ status: 'label_created', carrierCode: 'yurtici', trackingNumber: 'YK123456789', duplicate: false });
    expect((await getOrder(employee.token, orderId)).status).toBe('processing');

    expect((await post(partner.token, shipmentId, { status: 'shipped', occurredAt: at(10) })).body.status).toBe('shipped');
    expect((await getOrder(employee.token, orderId)).status).toBe('shipped');

    const inTransit = { status: 'in_transit', occurredAt: at(30), location: 'Ankara', description: 'At the hub' };
    expect((await post(partner.token, shipmentId, inTransit)).body.status).toBe('in_transit');
    // The same event again: ignored.
    const again = await post(partner.token, shipmentId, inTransit);
    expect(again.body).toMatchObject({ status: 'in_transit', duplicate: true });
    // An older event arriving late: recorded, but the status stays.
    const late = await post(partner.token, shipmentId, { status: 'shipped', occurredAt: at(5), description: 'late scan' });
    expect(late.body.status).toBe('in_transit');
    expect(late.body.events.map((e: { status: string }) => e.status)).toEqual(['label_created', 'shipped', 'shipped', 'in_transit']);

    expect((await post(partner.token, shipmentId, { status: 'delivered', occurredAt: at(90) })).body.status).toBe('delivered');
    // A newer exception after delivery does not reopen it.
    expect((await post(partner.token, shipmentId, { status: 'exception', occurredAt: at(95) })).body.status).toBe('delivered');

    const order = await getOrder(employee.token, orderId);
    expect(order.status).toBe('delivered');
    expect(order.history.map((h: { status: string }) => h.status)).toEqual(['placed', 'processing', 'shipped', 'delivered']);
    expect(order.shipments[0]).toMatchObject({ status: 'delivered', carrierCode: 'yurtici', trackingNumber: 'YK123456789' });
  });

  it('applies events sent out of order and concurrently to the right final status', async () => {
    const { partner, employee, orderId, shipmentId } = await oneShipment();
    const events = [
      { status: 'out_for_delivery', occurredAt: at(60) },
      { status: 'label_created', occurredAt: at(0), carrierCode: 'ups', trackingNumber: '1Z999AA10123456784' },
      { status: 'in_transit', occurredAt: at(30) },
      { status: 'shipped', occurredAt: at(10) },
    ];
    const results = await Promise.all([...events, ...events].map((e) => post(partner.token, shipmentId, e)));
    expect(results.every((r) => r.status === 201)).toBe(true);

    const shipment = (await p.call('GET', `/v1/partner/shipments/${shipmentId}`, { token: partner.token })).body;
    expect(shipment.status).toBe('out_for_delivery');
    expect(shipment.events).toHaveLength(4);
    expect((await getOrder(employee.token, orderId)).status).toBe('shipped');
  });

  it('keeps an exception until a newer scan, and shows it to the partner by status', async () => {
    const { partner, shipmentId } = await oneShipment();
    await post(partner.token, shipmentId, { status: 'shipped', occurredAt: at(10) });
    await post(partner.token, shipmentId, { status: 'exception', occurredAt: at(20), description: 'Address not found' });
    const exceptions = await p.call('GET', '/v1/partner/shipments?status=exception', { token: partner.token });
    expect(exceptions.body.items.map((s: { shipmentId: string }) => s.shipmentId)).toEqual([shipmentId]);
    expect((await post(partner.token, shipmentId, { status: 'in_transit', occurredAt: at(15) })).body.status).toBe('exception');
    expect((await post(partner.token, shipmentId, { status: 'in_transit', occurredAt: at(25) })).body.status).toBe('in_transit');
  });

  it('refuses bad events with 422', async () => {
    const { partner, shipmentId } = await oneShipment();
    const cases = [
      { status: 'teleported', occurredAt: at(1) },
      { status: 'shipped', occurredAt: 'yesterday' },
      { status: 'shipped', occurredAt: at(1), trackingNumber: 'ABC12345' },
      { status: 'pending', occurredAt: at(1) },
      { status: 'cancelled', occurredAt: at(1) },
      { status: 'shipped', occurredAt: new Date(Date.now() + 3 * 86400_000).toISOString() },
    ];
    for (const body of cases) expect((await post(partner.token, shipmentId, body)).status).toBe(422);
  });

  it('cancelling before shipping voids the shipment for its partner; after shipping, cancel is refused', async () => {
    const first = await oneShipment();
    await post(first.partner.token, first.shipmentId, { status: 'label_created', occurredAt: at(0), carrierCode: 'ups', trackingNumber: '1ZCANCEL0001' });
    const cancel = await p.call('POST', `/v1/orders/${first.orderId}/cancel`, { token: first.employee.token, headers: idem() });
    expect(cancel.status).toBe(200);
    await p.settle();
    const voided = await p.call('GET', `/v1/partner/shipments/${first.shipmentId}`, { token: first.partner.token });
    expect(voided.body.status).toBe('cancelled');
    const tooLate = await post(first.partner.token, first.shipmentId, { status: 'shipped', occurredAt: at(10) });
    expect(tooLate.status).toBe(409);
    expect((await getOrder(first.employee.token, first.orderId)).shipments[0].status).toBe('cancelled');

    const second = await oneShipment();
    await post(second.partner.token, second.shipmentId, { status: 'shipped', occurredAt: at(10) });
    const refused = await p.call('POST', `/v1/orders/${second.orderId}/cancel`, { token: second.employee.token, headers: idem() });
    expect(refused.status).toBe(409);
    expect(refused.body.type).toMatch(/invalid-state$/);
  });
});

describe('the recipient\'s tracking page', () => {
  it('shows status and events by an unguessable token, and nothing personal', async () => {
    const { partner, employee, orderId, shipmentId } = await oneShipmentFor();
    await post(partner.token, shipmentId, { status: 'label_created', occurredAt: at(0), carrierCode: 'yurtici', trackingNumber: 'YK999' + key });
    await post(partner.token, shipmentId, { status: 'in_transit', occurredAt: at(30), location: 'Ankara' });
    const { trackingUrl } = (await getOrder(employee.token, orderId)).shipments[0];
    const token = new URL(trackingUrl).pathname.split('/').pop()!;
    expect(token.length).toBeGreaterThanOrEqual(32);

    const res = await p.call('GET', `/v1/tracking/${token}`);

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'in_transit', carrierCode: 'yurtici', events: [{ status: 'label_created' }, { status: 'in_transit', location: 'Ankara' }] });
    for (const secret of [address.name, address.line1, address.postalCode, address.phone, employee.employeeId, orderId, shipmentId]) {
      expect(res.text).not.toContain(secret);
    }
    expect((await p.call('GET', `/v1/tracking/${token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await p.call('GET', '/v1/tracking/short')).status).toBe(422);
  });

  async function oneShipmentFor() {
    const partner = await p.newPartner(`T${++key}`);
    const { employee } = await p.shopper(1000);
    const orderId = await placeOrder(employee.token, [{ ...(await product(partner.partnerId)), quantity: 1 }]);
    const [shipment] = (await getOrder(employee.token, orderId)).shipments;
    return { partner, employee, orderId, shipmentId: shipment.shipmentId as string };
  }
});
