/**
 * Carrier tracking through ShipEngine (its REST API and signed webhooks, played by the local
 * stand-in with its own key pair) and the email outbox, end to end through the local platform.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShipEngineStandIn, type ShipEngineStandIn } from '../../../local/shipengine/stand-in.js';
import { deps, useMailer } from '../../../shared/composition.js';
import { reconcileQuietShipments } from '../../../shared/domain/fulfilment/use-cases.js';
import type { EmailMessage, Mailer } from '../../../shared/domain/notifications/ports.js';
import { deriveId } from '../../../shared/domain/ledger/rules.js';
import { outboxKeys } from '../../../shared/adapters/dynamodb/keys.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let shipEngine: ShipEngineStandIn;
let operator: string;
let key = 0;
const idem = () => ({ 'idempotency-key': `t-${++key}-${Math.random().toString(36).slice(2)}` });
const address = { name: 'Ayşe Yılmaz', line1: 'Bağdat Caddesi 1', city: 'İstanbul', postalCode: '34710', country: 'TR' };
const ENV = ['SHIPENGINE_API_KEY', 'SHIPENGINE_API_URL', 'SHIPENGINE_JWKS_URL'] as const;

beforeAll(async () => {
  shipEngine = await startShipEngineStandIn({ webhookUrl: () => `${p.url}/v1/webhooks/shipengine` });
  Object.assign(process.env, { SHIPENGINE_API_KEY: shipEngine.apiKey, SHIPENGINE_API_URL: shipEngine.url, SHIPENGINE_JWKS_URL: shipEngine.jwksUrl });
  p = await startTestPlatform();
  operator = await p.token({ role: 'platform_admin', sub: 'tracking-operator' });
});
afterAll(async () => {
  useMailer(undefined);
  await p.stop();
  await shipEngine.stop();
  for (const name of ENV) delete process.env[name];
});

async function shipment() {
  const partnerId = (await p.call('POST', '/v1/partners', { token: operator, body: { name: `Kargo ${++key}`, countries: ['TR'] } })).body.partnerId as string;
  const partner = await p.token({ role: 'partner', sub: `partner-${partnerId}`, partnerId });
  const product = await p.call('POST', '/v1/products', {
    token: operator,
    body: { name: 'Çay seti', description: 'Tea set', category: 'kitchen', kind: 'physical', partnerId, shipsTo: ['TR'], variants: [{ sku: `T-${key}`, name: 'Standard', points: 100, stock: 10 }] },
  });
  const { companyId, hr } = await p.newCompany();
  await p.fund(companyId, 1000);
  const [employee] = await p.addEmployees(companyId, 1);
  await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 500, reason: 'Yıl sonu', recipients: { employeeIds: [employee!.employeeId] } } });
  const order = await p.call('POST', '/v1/orders', {
    token: employee!.token, headers: idem(),
    body: { items: [{ productId: product.body.productId, variantId: product.body.variants[0].variantId, quantity: 1 }], shippingAddress: address },
  });
  expect(order.status).toBe(201);
  await p.settle();
  const placed = (await p.call('GET', `/v1/orders/${order.body.orderId}`, { token: employee!.token })).body;
  return { companyId, employee: employee!, partner, orderId: placed.orderId as string, shipmentId: placed.shipments[0].shipmentId as string };
}

const label = (partner: string, shipmentId: string, trackingNumber: string) => p.call('POST', `/v1/partner/shipments/${shipmentId}/events`, {
  token: partner, body: { status: 'label_created', occurredAt: new Date(Date.now() - 3600_000).toISOString(), carrierCode: 'ups', trackingNumber },
});
const statusOf = async (partner: string, shipmentId: string) => (await p.call('GET', `/v1/partner/shipments/${shipmentId}`, { token: partner })).body;
const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

describe('ShipEngine tracking', () => {
  it('starts tracking when a tracking number is known, and applies a signed API_TRACK webhook', async () => {
    const s = await shipment();
    const trackingNumber = `1Z${Date.now()}${key}`;
    await label(s.partner, s.shipmentId, trackingNumber);
    await p.settle();
    expect(shipEngine.started).toContainEqual({ carrierCode: 'ups', trackingNumber });

    shipEngine.setTracking('ups', trackingNumber, {
      status_code: 'DE', status_description: 'Delivered',
      events: [
        { occurred_at: minutesAgo(50), status_code: 'AC', description: 'Picked up', city_locality: 'Istanbul', country_code: 'TR' },
        { occurred_at: minutesAgo(30), status_code: 'IT', description: 'Departed facility', city_locality: 'Ankara', country_code: 'TR' },
        { occurred_at: minutesAgo(5), status_code: 'DE', description: 'Delivered', city_locality: 'Ankara', country_code: 'TR' },
      ],
    });
    const delivered = await shipEngine.deliverWebhook('ups', trackingNumber);
    expect(delivered.status).toBe(200);
    expect(JSON.parse(delivered.body)).toMatchObject({ outcome: 'applied', shipments: 1 });

    const after = await statusOf(s.partner, s.shipmentId);
    expect(after.status).toBe('delivered');
    expect(after.events.filter((e: { source: string }) => e.source === 'carrier').map((e: { status: string }) => e.status)).toEqual(['shipped', 'in_transit', 'delivered']);
    expect((await p.call('GET', `/v1/orders/${s.orderId}`, { token: s.employee.token })).body.status).toBe('delivered');

    // The same webhook again (ShipEngine retries): nothing changes.
    const replay = await shipEngine.deliverWebhook('ups', trackingNumber);
    expect(JSON.parse(replay.body)).toMatchObject({ outcome: 'unchanged' });
    expect((await statusOf(s.partner, s.shipmentId)).events).toHaveLength(after.events.length);
  });

  it('accepts the v2 TRACK_EVENT_V2 shape too', async () => {
    const s = await shipment();
    const trackingNumber = `1ZV2${Date.now()}${key}`;
    await label(s.partner, s.shipmentId, trackingNumber);
    shipEngine.setTracking('ups', trackingNumber, { status_code: 'IT', events: [{ occurred_at: minutesAgo(20), status_code: 'IT', description: 'In transit' }] });
    const res = await shipEngine.deliverWebhook('ups', trackingNumber, { v2: true });
    expect(res.status).toBe(200);
    expect((await statusOf(s.partner, s.shipmentId)).status).toBe('in_transit');
  });

  it('rejects a tampered, stale, unsigned or unknown-key webhook with 400 and changes nothing', async () => {
    const s = await shipment();
    const trackingNumber = `1ZBAD${Date.now()}${key}`;
    await label(s.partner, s.shipmentId, trackingNumber);
    shipEngine.setTracking('ups', trackingNumber, { status_code: 'DE', events: [{ occurred_at: minutesAgo(1), status_code: 'DE' }] });

    const attempts = [
      await shipEngine.deliverWebhook('ups', trackingNumber, { tamper: true }),
      await shipEngine.deliverWebhook('ups', trackingNumber, { timestamp: Date.now() - 10 * 60_000 }),
      await shipEngine.deliverWebhook('ups', trackingNumber, { keyId: 'not-a-key' }),
      await fetch(`${p.url}/v1/webhooks/shipengine`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ resource_type: 'API_TRACK', data: { tracking_number: trackingNumber, status_code: 'DE' } }) })
        .then(async (r) => ({ status: r.status, body: await r.text() })),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(400);
      expect(JSON.parse(attempt.body).type).toMatch(/invalid-signature$/);
    }
    expect((await statusOf(s.partner, s.shipmentId)).status).toBe('label_created');
  });

  it('reconciliation asks the carrier about quiet shipments and applies what it missed', async () => {
    const s = await shipment();
    const trackingNumber = `1ZQ${Date.now()}${key}`;
    await label(s.partner, s.shipmentId, trackingNumber);
    shipEngine.setTracking('ups', trackingNumber, { status_code: 'AT', events: [{ occurred_at: minutesAgo(10), status_code: 'AT', description: 'Out for delivery' }] });

    // Quiet for 0 hours: every tracked, unfinished shipment qualifies (the schedule uses 24).
    const result = await reconcileQuietShipments(deps(), { quietHours: 0, limit: 500 });

    expect(result.changed).toBeGreaterThanOrEqual(1);
    expect((await statusOf(s.partner, s.shipmentId)).status).toBe('out_for_delivery');
  });
});

describe('emails', () => {
  it('sends points-received and order emails once, in the employee\'s language, from the outbox', async () => {
    const s = await shipment();
    await p.settle();
    const mine = (await p.mailbox.list()).filter((m) => m.to === `${s.employee.employeeId}@example.com`);
    expect(mine.map((m) => m.kind).sort()).toEqual(['order-confirmed', 'points-received']);
    expect(mine.every((m) => m.locale === 'tr')).toBe(true);
    const confirmed = await p.mailbox.get(mine.find((m) => m.kind === 'order-confirmed')!.id);
    expect(confirmed!.html).toContain('Çay seti');
  });

  it('an email failure does not fail the order, and the email is retried until sent, once', async () => {
    const sent: EmailMessage[] = [];
    let failures = 0;
    const flaky: Mailer = {
      async send(message) {
        if (message.kind === 'order-confirmed' && failures < 2) {
          failures++;
          throw new Error('SES throttled');
        }
        sent.push(message);
        await p.mailbox.send(message);
      },
    };
    useMailer(flaky);
    try {
      const s = await shipment(); // asserts the order was 201 while the mailer was failing
      const confirmations = sent.filter((m) => m.kind === 'order-confirmed' && m.html.includes('Çay seti') && m.to === `${s.employee.employeeId}@example.com`);
      expect(failures).toBe(2);
      expect(confirmations).toHaveLength(1);
      const outbox = await p.engine.documentClient().send(new GetCommand({
        TableName: p.tables.Main!, Key: outboxKeys.email(deriveId('email', 'order-confirmed', s.companyId, s.orderId)),
      }));
      expect(outbox.Item).toMatchObject({ status: 'sent', attempts: 3, lastError: 'SES throttled' });
      expect(p.queue.deadLetters.filter((d) => d.queue === 'notifications')).toHaveLength(0);
    } finally {
      useMailer(undefined);
    }
  });

  it('never sends an email twice when its event is delivered again (at-least-once queues)', async () => {
    const s = await shipment();
    const sent: EmailMessage[] = [];
    useMailer({ send: async (m) => void sent.push(m) });
    try {
      const event = { type: 'OrderPlaced', companyId: s.companyId, orderId: s.orderId, employeeId: s.employee.employeeId };
      await p.queue.send('notifications', [event, event, event]);
      await p.settle();
      expect(sent).toHaveLength(0);
    } finally {
      useMailer(undefined);
    }
  });

  it('reminds employees of points expiring in 14 days, once per employee and day', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const [soon, later] = await p.addEmployees(companyId, 2);
    const day = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    const grant = (employeeId: string, points: number, expiresAt: string) => p.call('POST', '/v1/allocations', {
      token: hr, headers: idem(), body: { points, reason: 'Bayram', recipients: { employeeIds: [employeeId] }, expiresAt },
    });
    await grant(soon!.employeeId, 120, `${day}T22:00:00.000Z`);
    await grant(soon!.employeeId, 30, `${day}T23:30:00.000Z`);
    await grant(later!.employeeId, 200, new Date(Date.now() + 40 * 86_400_000).toISOString().replace(/\.\d+Z$/, '.000Z'));
    await p.settle();
    const sent: EmailMessage[] = [];
    useMailer({ send: async (m) => void sent.push(m) });
    try {
      const { remindExpiringPoints } = await import('../../../shared/domain/wallet/expiry.js');
      const first = await remindExpiringPoints(deps());
      await p.settle();
      await remindExpiringPoints(deps());
      await p.settle();

      expect(first.day).toBe(day);
      const mine = sent.filter((m) => m.kind === 'points-expiring');
      expect(mine.map((m) => m.to)).toEqual([`${soon!.employeeId}@example.com`]);
      expect(mine[0]!.text).toContain('150');
    } finally {
      useMailer(undefined);
    }
  });

  it('tells the employee when the order ships (tracking link) and is delivered (feedback link)', async () => {
    const s = await shipment();
    const post = (body: object) => p.call('POST', `/v1/partner/shipments/${s.shipmentId}/events`, { token: s.partner, body });
    await post({ status: 'shipped', occurredAt: minutesAgo(30), carrierCode: 'yurtici', trackingNumber: `YK${Date.now()}` });
    await post({ status: 'delivered', occurredAt: minutesAgo(1) });
    await p.settle();
    const mine = (await p.mailbox.list()).filter((m) => m.to === `${s.employee.employeeId}@example.com`);
    const shipped = await p.mailbox.get(mine.find((m) => m.kind === 'order-shipped')!.id);
    const delivered = await p.mailbox.get(mine.find((m) => m.kind === 'order-delivered')!.id);
    expect(shipped!.html).toContain('/track/');
    expect(delivered!.html).toContain(`/orders/${s.orderId}#feedback`);
  });
});
