import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deps } from '../../../shared/composition.js';
import {
  AcknowledgeOrdersResponse,
  SalesOrdersExportResponse,
  ShipmentNotificationResponse,
} from '../../../shared/domain/fulfilment/order-source-schemas.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let operator: string;
let key = 0;
const idem = () => ({ 'idempotency-key': `os-${++key}-${Math.random().toString(36).slice(2)}` });
const address = { name: 'Ayşe Yılmaz', line1: 'Bağdat Caddesi 1', line2: 'Daire 4', city: 'İstanbul', postalCode: '34710', country: 'TR', phone: '+905321234567' };
const tick = () => new Promise((r) => setTimeout(r, 5));

beforeAll(async () => {
  p = await startTestPlatform();
  operator = await p.token({ role: 'platform_admin', sub: 'order-source-operator' });
});
afterAll(() => p.stop());

async function product(partnerId: string) {
  const res = await p.call('POST', '/v1/products', {
    token: operator,
    body: {
      name: `Mug ${++key}`, description: 'A mug', category: 'home', kind: 'physical', partnerId, shipsTo: ['TR'],
      variants: [{ sku: `OS-${key}`, name: 'Blue', points: 100, stock: 50 }],
    },
  });
  if (res.status !== 201) throw new Error(res.text);
  return { productId: res.body.productId as string, variantId: res.body.variants[0].variantId as string, sku: `OS-${key}`, name: `Mug ${key}` };
}

/** Places an order of one item and waits until it is split into its shipment. */
async function shipmentOf(employeeToken: string, item: { productId: string; variantId: string }, quantity = 1) {
  const res = await p.call('POST', '/v1/orders', { token: employeeToken, headers: idem(), body: { items: [{ productId: item.productId, variantId: item.variantId, quantity }], shippingAddress: address } });
  if (res.status !== 201) throw new Error(res.text);
  await p.settle();
  const order = (await p.call('GET', `/v1/orders/${res.body.orderId}`, { token: employeeToken })).body;
  return { orderId: order.orderId as string, shipmentId: order.shipments[0].shipmentId as string };
}

const exportOrders = (token: string, body: object) => p.call('POST', '/v1/partner/order-source/sales-orders-export', { token, body });
const acknowledge = (token: string, body: object) => p.call('POST', '/v1/partner/order-source/acknowledge-orders', { token, body });
const notify = (token: string, body: object) => p.call('POST', '/v1/partner/order-source/shipment-notification', { token, body });
const partnerShipment = async (token: string, shipmentId: string) => (await p.call('GET', `/v1/partner/shipments/${shipmentId}`, { token })).body;
const getOrder = async (token: string, orderId: string) => (await p.call('GET', `/v1/orders/${orderId}`, { token })).body;
/** What ShipEngine Connect sends besides the fields we use: accepted and ignored. */
const connect = { transaction_id: 'f8a3a4e6-0000-4000-8000-000000000001', auth: { order_source_api_code: 'gifting', api_key: 'ignored' } };

describe('SalesOrdersExport', () => {
  it('exports only the partner\'s shipments changed in the window, as gift sales orders of the documented shape', async () => {
    const [a, b] = [await p.newPartner(), await p.newPartner()];
    const [mug, other] = [await product(a.partnerId), await product(b.partnerId)];
    const { employee } = await p.shopper(2000);
    const t0 = new Date().toISOString();
    const first = await shipmentOf(employee.token, mug, 2);
    await tick();
    const t1 = new Date().toISOString();
    await tick();
    const second = await shipmentOf(employee.token, mug);
    const foreign = await shipmentOf(employee.token, other);

    const early = await exportOrders(a.token, { ...connect, criteria: { from_date_time: t0, to_date_time: t1 } });
    const all = await exportOrders(a.token, { ...connect, criteria: { from_date_time: t0 } });

    expect(early.status).toBe(200);
    const page = SalesOrdersExportResponse.parse(early.body);
    expect(page.sales_orders.map((o) => o.order_id)).toEqual([first.shipmentId]);
    expect(page.cursor).toBeUndefined();
    expect(SalesOrdersExportResponse.parse(all.body).sales_orders.map((o) => o.order_id)).toEqual([first.shipmentId, second.shipmentId]);
    expect(all.text).not.toContain(foreign.shipmentId);

    const view = await partnerShipment(a.token, first.shipmentId);
    expect(page.sales_orders[0]).toEqual({
      order_id: first.shipmentId,
      order_number: first.orderId,
      status: 'AwaitingShipment',
      requested_fulfillments: [{
        requested_fulfillment_id: first.shipmentId,
        ship_to: {
          name: address.name, phone: address.phone, address_line_1: address.line1, address_line_2: address.line2,
          city: address.city, postal_code: address.postalCode, country_code: 'TR',
        },
        items: [{
          line_item_id: `1-${mug.variantId}`,
          description: `${mug.name} — Blue`,
          product: { product_id: mug.productId, name: mug.name, identifiers: { sku: mug.sku }, details: [{ name: 'Variant', value: 'Blue' }] },
          quantity: 2,
          unit_price: 0,
        }],
        shipping_preferences: { gift: true },
      }],
      notes: [{ type: 'GiftMessage', text: 'A gift for you' }],
      created_date_time: view.createdAt,
      modified_date_time: view.updatedAt,
    });
    for (const secret of [employee.employeeId, 'companyId', 'employeeId', 'trackingToken']) expect(all.text).not.toContain(secret);

    const bs = SalesOrdersExportResponse.parse((await exportOrders(b.token, {})).body);
    expect(bs.sales_orders.map((o) => o.order_id)).toEqual([foreign.shipmentId]);
  });

  it('filters by the time of the last change: a shipment changed later leaves the earlier window', async () => {
    const a = await p.newPartner();
    const { employee } = await p.shopper(2000);
    const t0 = new Date().toISOString();
    const { shipmentId } = await shipmentOf(employee.token, await product(a.partnerId));
    await tick();
    const t1 = new Date().toISOString();
    await tick();

    const event = await p.call('POST', `/v1/partner/shipments/${shipmentId}/events`, { token: a.token, body: { status: 'label_created', occurredAt: new Date().toISOString() } });
    expect(event.status).toBe(201);

    const before = SalesOrdersExportResponse.parse((await exportOrders(a.token, { criteria: { from_date_time: t0, to_date_time: t1 } })).body);
    const after = SalesOrdersExportResponse.parse((await exportOrders(a.token, { criteria: { from_date_time: t1 } })).body);
    expect(before.sales_orders).toEqual([]);
    expect(after.sales_orders.map((o) => [o.order_id, o.modified_date_time])).toEqual([[shipmentId, event.body.updatedAt]]);
  });

  it('pages with an opaque cursor that keeps its window, exactly page_size per page, no cursor on the last page', async () => {
    const [a, b] = [await p.newPartner(), await p.newPartner()];
    const mug = await product(a.partnerId);
    const { employee } = await p.shopper(2000);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await shipmentOf(employee.token, mug)).shipmentId);

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      // Criteria that would match nothing: ignored once a cursor is given.
      const body = cursor ? { cursor, page_size: 2, criteria: { to_date_time: '2000-01-01T00:00:00Z' } } : { page_size: 2 };
      const res = await exportOrders(a.token, body);
      expect(res.status).toBe(200);
      const page = SalesOrdersExportResponse.parse(res.body);
      pages.push(page.sales_orders.map((o) => o.order_id));
      cursor = page.cursor;
    } while (cursor && pages.length < 10);

    expect(pages.map((ids) => ids.length)).toEqual([2, 2, 1]);
    expect(pages.flat()).toEqual(ids);

    const first = SalesOrdersExportResponse.parse((await exportOrders(a.token, { page_size: 2 })).body).cursor!;
    expect((await exportOrders(b.token, { cursor: first })).status).toBe(422);
    expect((await exportOrders(a.token, { cursor: `${first.slice(0, -4)}AAAA` })).status).toBe(422);
    expect((await exportOrders(a.token, { cursor: 'not-a-cursor' })).status).toBe(422);
    expect((await exportOrders(a.token, { page_size: 101 })).status).toBe(422);
    expect((await exportOrders(a.token, { criteria: { from_date_time: '2026-02-01T00:00:00Z', to_date_time: '2026-01-01T00:00:00Z' } })).status).toBe(422);
  });

  it('is for partners only', async () => {
    const { employee, hr } = await p.shopper(100);
    expect((await exportOrders(employee.token, {})).status).toBe(403);
    expect((await exportOrders(hr, {})).status).toBe(403);
    expect((await p.call('POST', '/v1/partner/order-source/sales-orders-export', { body: {} })).status).toBe(401);
  });
});

describe('AcknowledgeOrders', () => {
  it('acknowledges the partner\'s own orders once, repeats succeed, and others\' ids fail like unknown ones', async () => {
    const [a, b] = [await p.newPartner(), await p.newPartner()];
    const { employee } = await p.shopper(2000);
    const mine = await shipmentOf(employee.token, await product(a.partnerId));
    const theirs = await shipmentOf(employee.token, await product(b.partnerId));
    const orders = [
      { order_id: mine.shipmentId, order_number: mine.orderId, imported_date: '2026-03-01T10:00:00Z' },
      { order_id: theirs.shipmentId, imported_date: '2026-03-01T10:00:00Z' },
      { order_id: 'NO-SUCH-SHIPMENT', imported_date: '2026-03-01T10:00:00Z' },
    ];

    const first = await acknowledge(a.token, { ...connect, orders });
    const again = await acknowledge(a.token, { ...connect, orders: [{ ...orders[0], imported_date: '2026-03-02T10:00:00Z' }] });

    expect(first.status).toBe(200);
    const { responses } = AcknowledgeOrdersResponse.parse(first.body);
    expect(responses.map((r) => [r.order_id, r.succeeded])).toEqual([[mine.shipmentId, true], [theirs.shipmentId, false], ['NO-SUCH-SHIPMENT', false]]);
    expect(responses[1]!.failure_reason).toBe(responses[2]!.failure_reason);
    expect(AcknowledgeOrdersResponse.parse(again.body).responses).toEqual([{ order_id: mine.shipmentId, succeeded: true }]);
    expect(await deps().orderSource.acknowledgementOf(mine.shipmentId)).toMatchObject({ partnerId: a.partnerId, importedDate: '2026-03-01T10:00:00.000Z' });
    expect(await deps().orderSource.acknowledgementOf(theirs.shipmentId)).toBeUndefined();
    expect((await acknowledge(a.token, { orders: [] })).status).toBe(422);
  });
});

describe('ShipmentNotification', () => {
  it('ships the shipment and its order; the same notification again changes nothing', async () => {
    const a = await p.newPartner();
    const { employee } = await p.shopper(2000);
    const { shipmentId, orderId } = await shipmentOf(employee.token, await product(a.partnerId));
    // No ship_date: the event's time is the notification's arrival, fixed by the first one.
    const body = {
      ...connect,
      notifications: [{
        notification_id: 'b3d8aae5-7fe0-4064-9900-8d3e962ef618', order_id: shipmentId, tracking_number: '1Z999AA10123456784', carrier_code: 'ups',
        items: [{ line_item_id: 'x', description: 'Mug', quantity: 1 }], integration_context: null,
      }],
    };

    const res = await notify(a.token, body);

    expect(res.status).toBe(200);
    expect(ShipmentNotificationResponse.parse(res.body)).toEqual({ notification_results: [{ notification_id: body.notifications[0]!.notification_id, status: 'success' }] });
    const shipped = await partnerShipment(a.token, shipmentId);
    expect(shipped).toMatchObject({ status: 'shipped', carrierCode: 'ups', trackingNumber: '1Z999AA10123456784' });
    expect(shipped.events).toHaveLength(1);
    const order = await getOrder(employee.token, orderId);
    expect(order.status).toBe('shipped');
    const exported = SalesOrdersExportResponse.parse((await exportOrders(a.token, {})).body).sales_orders[0]!;
    expect(exported).toMatchObject({ order_id: shipmentId, status: 'Completed', fulfilled_date: shipped.events[0].occurredAt });

    await tick();
    const repeat = await notify(a.token, body);
    const twins = await Promise.all([notify(a.token, body), notify(a.token, body)]);

    for (const r of [repeat, ...twins]) expect(ShipmentNotificationResponse.parse(r.body).notification_results[0]!.status).toBe('success');
    const after = await partnerShipment(a.token, shipmentId);
    expect(after.events).toEqual(shipped.events);
    expect(after.updatedAt).toBe(shipped.updatedAt);
    expect((await getOrder(employee.token, orderId)).history).toEqual(order.history);
  });

  it('fails per notification: another partner\'s order like an unknown one, a cancelled order, a reused notification id', async () => {
    const [a, b] = [await p.newPartner(), await p.newPartner()];
    const { employee } = await p.shopper(2000);
    const mine = await shipmentOf(employee.token, await product(a.partnerId));
    const theirs = await shipmentOf(employee.token, await product(b.partnerId));
    const cancelled = await shipmentOf(employee.token, await product(a.partnerId));
    expect((await p.call('POST', `/v1/orders/${cancelled.orderId}/cancel`, { token: employee.token, headers: idem() })).status).toBe(200);
    await p.settle();
    const n = (id: string, order_id: string, extra: object = {}) => ({ notification_id: id, order_id, items: [{ description: 'Mug', quantity: 1 }], ...extra });

    const res = await notify(a.token, {
      notifications: [
        n('n-theirs', theirs.shipmentId, { carrier_code: 'ups', tracking_number: '1ZTHEIRS0001' }),
        n('n-unknown', 'NO-SUCH-SHIPMENT'),
        n('n-cancelled', cancelled.shipmentId),
        n('n-mine', mine.shipmentId, { carrier_code: 'yurtici', tracking_number: 'YK123456789', ship_date: '2026-03-01T09:00:00+03:00' }),
        n('n-mine', theirs.shipmentId),
        n('n-half', mine.shipmentId, { tracking_number: 'YK1' }),
      ],
    });

    expect(res.status).toBe(200);
    const results = ShipmentNotificationResponse.parse(res.body).notification_results;
    expect(results.map((r) => [r.notification_id, r.status])).toEqual([
      ['n-theirs', 'failure'], ['n-unknown', 'failure'], ['n-cancelled', 'failure'], ['n-mine', 'success'], ['n-mine', 'failure'], ['n-half', 'failure'],
    ]);
    expect(results[0]!.failure_reason).toBe(results[1]!.failure_reason);
    expect(results[2]!.failure_reason).toMatch(/cancelled/);
    expect(results[5]!.failure_reason).toMatch(/come together/);

    const untouched = await partnerShipment(b.token, theirs.shipmentId);
    expect(untouched).toMatchObject({ status: 'pending', trackingNumber: null, events: [] });
    expect((await partnerShipment(a.token, cancelled.shipmentId)).status).toBe('cancelled');
    const shipped = await partnerShipment(a.token, mine.shipmentId);
    expect(shipped).toMatchObject({ status: 'shipped', carrierCode: 'yurtici', trackingNumber: 'YK123456789' });
    expect(shipped.events.map((e: { occurredAt: string }) => e.occurredAt)).toEqual(['2026-03-01T06:00:00.000Z']);
  });

  it('rejects a body that is not a shipment notification request with 422', async () => {
    const a = await p.newPartner();
    for (const body of [{}, { notifications: [] }, { notifications: [{ notification_id: 'n', order_id: 'o' }] }, { notifications: [{ notification_id: 'n', order_id: 'o', items: [], ship_date: 'yesterday' }] }]) {
      expect((await notify(a.token, body)).status).toBe(422);
    }
  });
});
