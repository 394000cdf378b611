/**
 * The local Stripe stand-in, driven only through the official SDK (as the platform's adapter
 * uses it) and received by a webhook endpoint that verifies every signature with the SDK.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startStripeStandIn, type DeliveredEvent, type StripeStandIn } from '../../local/stripe/stand-in.js';

const WEBHOOK_SECRET = 'whsec_local_development';

/** A webhook endpoint that accepts only events whose signature verifies, and can be told to fail. */
interface WebhookReceiver {
  url: string;
  verified: Map<string, Stripe.Event>;
  attempts: Map<string, number>;
  rejected: string[];
  /** Answer this many next deliveries with 500. */
  failNext: number;
  stop(): Promise<void>;
}

async function startReceiver(stripe: Stripe): Promise<WebhookReceiver> {
  const receiver: Omit<WebhookReceiver, 'url' | 'stop'> = { verified: new Map(), attempts: new Map(), rejected: [], failNext: 0 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let event: Stripe.Event;
      try {
        event = stripe.webhooks.constructEvent(raw, req.headers['stripe-signature'] ?? '', WEBHOOK_SECRET);
      } catch (error) {
        receiver.rejected.push(String(error));
        res.writeHead(400).end('bad signature');
        return;
      }
      receiver.attempts.set(event.id, (receiver.attempts.get(event.id) ?? 0) + 1);
      if (receiver.failNext > 0) {
        receiver.failNext--;
        res.writeHead(500).end('try again');
        return;
      }
      receiver.verified.set(event.id, event);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/v1/webhooks/stripe`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

let standIn: StripeStandIn;
let stripe: Stripe;
let receiver: WebhookReceiver;

beforeAll(async () => {
  let webhookUrl = '';
  standIn = await startStripeStandIn({ webhookUrl: () => webhookUrl, webhookSecret: WEBHOOK_SECRET });
  stripe = new Stripe('sk_test_local', { host: standIn.host, port: standIn.port, protocol: standIn.protocol });
  receiver = await startReceiver(stripe);
  webhookUrl = receiver.url;
});
afterAll(async () => {
  await standIn.stop();
  await receiver.stop();
});
beforeEach(() => {
  receiver.failNext = 0;
});

/** The event as the receiver verified it; fails unless the delivery was accepted. */
function verified<T extends Stripe.Event>(delivery: DeliveredEvent | undefined, type: T['type']): T {
  expect(delivery?.status).toBe(200);
  const event = receiver.verified.get(delivery!.event.id as string);
  expect(event?.type).toBe(type);
  return event as T;
}

function topUpSession(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}) {
  return stripe.checkout.sessions.create({
    mode: 'payment',
    client_reference_id: 'topup-1',
    metadata: { topUpId: 'topup-1', companyId: 'company-1' },
    line_items: [{ price_data: { currency: 'EUR', unit_amount: 1250, product_data: { name: 'Points top-up' } }, quantity: 2 }],
    payment_intent_data: { metadata: { topUpId: 'topup-1' } },
    success_url: 'https://portal.example/top-ups/done?session={CHECKOUT_SESSION_ID}',
    cancel_url: 'https://portal.example/top-ups/cancelled',
    ...overrides,
  });
}

describe('customers', () => {
  it('creates a test-mode customer with name, email and metadata', async () => {
    const customer = await stripe.customers.create({ name: 'Acme GmbH', email: 'billing@acme.example', metadata: { companyId: 'company-1' } });

    expect(customer).toMatchObject({ object: 'customer', name: 'Acme GmbH', email: 'billing@acme.example', metadata: { companyId: 'company-1' }, livemode: false });
    expect(customer.id).toMatch(/^cus_/);
    expect(Math.abs(customer.created - Date.now() / 1000)).toBeLessThan(60);
    expect(await stripe.customers.retrieve(customer.id)).toEqual(customer);
  });

  it('records each request with its Idempotency-Key and the parsed bracket-notation body', async () => {
    await stripe.customers.create({ name: 'Recorded', metadata: { companyId: 'company-2' } }, { idempotencyKey: 'customer-recorded' });

    expect(standIn.requests.at(-1)).toEqual({
      method: 'POST',
      path: '/v1/customers',
      idempotencyKey: 'customer-recorded',
      body: { name: 'Recorded', metadata: { companyId: 'company-2' } },
    });
  });

  it('replays the first response for a repeated Idempotency-Key, marked Idempotent-Replayed', async () => {
    const params = { name: 'Once Ltd', email: 'once@example.test' };
    const first = await stripe.customers.create(params, { idempotencyKey: 'customer-once' });
    const again = await stripe.customers.create(params, { idempotencyKey: 'customer-once' });

    expect(again).toEqual(first);
    expect(again.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(first.lastResponse.headers['idempotent-replayed']).toBeUndefined();
  });

  it('rejects a repeated Idempotency-Key with other parameters as an idempotency error', async () => {
    await stripe.customers.create({ name: 'First' }, { idempotencyKey: 'customer-mismatch' });

    const attempt = stripe.customers.create({ name: 'Second' }, { idempotencyKey: 'customer-mismatch' });

    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 400, rawType: 'idempotency_error', message: expect.stringContaining('same parameters') });
  });
});

describe('checkout sessions', () => {
  it('creates an open, unpaid session totalling unit_amount × quantity, with a url to its checkout page', async () => {
    const customer = await stripe.customers.create({ name: 'Acme GmbH' });

    const session = await topUpSession({ customer: customer.id });

    expect(session.id).toMatch(/^cs_test_/);
    expect(session).toMatchObject({
      object: 'checkout.session',
      mode: 'payment',
      amount_total: 2500,
      currency: 'eur',
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: null,
      customer: customer.id,
      client_reference_id: 'topup-1',
      metadata: { topUpId: 'topup-1', companyId: 'company-1' },
      success_url: 'https://portal.example/top-ups/done?session={CHECKOUT_SESSION_ID}',
      cancel_url: 'https://portal.example/top-ups/cancelled',
      livemode: false,
    });
    expect(session.url).toBe(`${standIn.url}/checkout/${session.id}`);
    expect(standIn.requests.at(-1)?.body).toMatchObject({
      line_items: [{ price_data: { currency: 'EUR', unit_amount: '1250', product_data: { name: 'Points top-up' } }, quantity: '2' }],
    });
  });

  it('retrieves a session as it is now', async () => {
    const session = await topUpSession();
    await standIn.pay(session.id);

    const now = await stripe.checkout.sessions.retrieve(session.id);

    expect(now).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid', url: null });
    expect(now.payment_intent).toMatch(/^pi_/);
  });

  it('answers an unknown session with 404 resource_missing', async () => {
    const attempt = stripe.checkout.sessions.retrieve('cs_test_missing');

    await expect(attempt).rejects.toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 404, code: 'resource_missing' });
  });

  it('rejects a session for a customer that does not exist', async () => {
    await expect(topUpSession({ customer: 'cus_missing' })).rejects.toMatchObject({ statusCode: 400, param: 'customer', code: 'resource_missing' });
  });

  it('rejects a total below Stripe\'s minimum charge, as production would', async () => {
    const tooSmall = topUpSession({ line_items: [{ price_data: { currency: 'eur', unit_amount: 10, product_data: { name: 'Tiny' } }, quantity: 1 }] });

    await expect(tooSmall).rejects.toMatchObject({ statusCode: 400, param: 'line_items' });
  });

  it('rejects parameters it does not implement instead of ignoring them', async () => {
    await expect(topUpSession({ allow_promotion_codes: true })).rejects.toMatchObject({ statusCode: 400, param: 'allow_promotion_codes' });
  });

  it('answers an unknown path with 404 in Stripe\'s error format', async () => {
    const res = await fetch(`${standIn.url}/v1/subscriptions`, { headers: { authorization: 'Bearer sk_test_local' } });

    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { type: 'invalid_request_error', message: expect.stringContaining('Unrecognized request URL') } });
  });
});

describe('webhook events', () => {
  it('card payment: checkout.session.completed with payment_status paid and a payment intent', async () => {
    const session = await topUpSession();

    const delivered = await standIn.pay(session.id);

    expect(delivered).toHaveLength(1);
    const event = verified<Stripe.CheckoutSessionCompletedEvent>(delivered[0], 'checkout.session.completed');
    expect(event).toMatchObject({ object: 'event', livemode: false, api_version: Stripe.API_VERSION, pending_webhooks: 1 });
    expect(event.id).toMatch(/^evt_/);
    expect(event.data.object).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid', metadata: { topUpId: 'topup-1' } });
    const intent = await stripe.paymentIntents.retrieve(event.data.object.payment_intent as string);
    expect(intent).toMatchObject({ status: 'succeeded', amount: 2500, amount_received: 2500, currency: 'eur', metadata: { topUpId: 'topup-1' } });
    expect(intent.latest_charge).toMatch(/^ch_/);
  });

  it('card payment with invoice_creation: completed, then invoice.paid carrying the invoice metadata', async () => {
    const customer = await stripe.customers.create({ name: 'Invoiced AG', email: 'ap@invoiced.example' });
    const session = await topUpSession({
      customer: customer.id,
      invoice_creation: { enabled: true, invoice_data: { metadata: { topUpId: 'topup-1' } } },
    });

    const [completed, invoicePaid, ...rest] = await standIn.pay(session.id);

    expect(rest).toEqual([]);
    const completedEvent = verified<Stripe.CheckoutSessionCompletedEvent>(completed, 'checkout.session.completed');
    const invoice = verified<Stripe.InvoicePaidEvent>(invoicePaid, 'invoice.paid').data.object;
    expect(invoice.id).toMatch(/^in_/);
    expect(invoice).toMatchObject({ status: 'paid', amount_paid: 2500, currency: 'eur', customer: customer.id, metadata: { topUpId: 'topup-1' } });
    expect(completedEvent.data.object.invoice).toBe(invoice.id);
  });

  it('bank transfer: completed unpaid first, then async_payment_succeeded on settlement', async () => {
    const session = await topUpSession({ invoice_creation: { enabled: true } });

    const started = await standIn.pay(session.id, { method: 'bank_transfer' });

    expect(started).toHaveLength(1);
    const completed = verified<Stripe.CheckoutSessionCompletedEvent>(started[0], 'checkout.session.completed');
    expect(completed.data.object).toMatchObject({ status: 'complete', payment_status: 'unpaid' });
    expect(completed.data.object.payment_intent).toMatch(/^pi_/);

    const [succeeded, invoicePaid] = await standIn.settle(session.id);

    const event = verified<Stripe.CheckoutSessionAsyncPaymentSucceededEvent>(succeeded, 'checkout.session.async_payment_succeeded');
    expect(event.data.object).toMatchObject({ id: session.id, status: 'complete', payment_status: 'paid' });
    verified<Stripe.InvoicePaidEvent>(invoicePaid, 'invoice.paid');
    await expect(standIn.settle(session.id)).rejects.toThrow(/no bank transfer awaiting settlement/);
  });

  it('bank transfer that fails: async_payment_failed, session complete but unpaid', async () => {
    const session = await topUpSession();
    await standIn.pay(session.id, { method: 'bank_transfer' });

    const [failed, ...rest] = await standIn.failAsyncPayment(session.id);

    expect(rest).toEqual([]);
    const event = verified<Stripe.CheckoutSessionAsyncPaymentFailedEvent>(failed, 'checkout.session.async_payment_failed');
    expect(event.data.object).toMatchObject({ id: session.id, status: 'complete', payment_status: 'unpaid' });
    await expect(standIn.refund(session.id)).rejects.toThrow(/no successful payment/);
  });

  it('expire: checkout.session.expired, and an expired session can be neither expired again nor paid', async () => {
    const session = await topUpSession();

    const [expired] = await standIn.expire(session.id);

    expect(verified<Stripe.CheckoutSessionExpiredEvent>(expired, 'checkout.session.expired').data.object).toMatchObject({ id: session.id, status: 'expired' });
    await expect(standIn.expire(session.id)).rejects.toThrow(/only an open session can be expired/);
    await expect(standIn.pay(session.id)).rejects.toThrow(/cannot be paid/);
  });

  it('refunds part, then the rest, with a cumulative amount_refunded; refunding more is refused', async () => {
    const customer = await stripe.customers.create({ name: 'Refunded SA' });
    const session = await topUpSession({ customer: customer.id });
    await standIn.pay(session.id);
    await expect(standIn.refund(session.id, 2501)).rejects.toThrow(/greater than unrefunded amount/);

    const [partial] = await standIn.refund(session.id, 1000);
    const [rest] = await standIn.refund(session.id);

    const first = verified<Stripe.ChargeRefundedEvent>(partial, 'charge.refunded').data.object;
    const second = verified<Stripe.ChargeRefundedEvent>(rest, 'charge.refunded').data.object;
    expect(first.id).toMatch(/^ch_/);
    expect(first).toMatchObject({ object: 'charge', amount: 2500, amount_refunded: 1000, refunded: false, currency: 'eur', customer: customer.id, metadata: { topUpId: 'topup-1' } });
    expect(first.payment_intent).toMatch(/^pi_/);
    expect(second).toMatchObject({ id: first.id, amount_refunded: 2500, refunded: true });
    await expect(standIn.refund(session.id, 1)).rejects.toThrow(/already been refunded/);
  });

  it('refuses a refund before payment', async () => {
    const session = await topUpSession();

    await expect(standIn.refund(session.id)).rejects.toThrow(/no successful payment/);
  });

  it('retries a delivery the receiver answered with 500 and reports the final 200', async () => {
    const session = await topUpSession();
    receiver.failNext = 2;

    const [delivered] = await standIn.pay(session.id);

    verified(delivered, 'checkout.session.completed');
    expect(receiver.attempts.get(delivered!.event.id as string)).toBe(3);
  });

  it('reports the last status when every attempt fails', async () => {
    const session = await topUpSession();
    receiver.failNext = 100;

    const [delivered] = await standIn.pay(session.id);

    expect(delivered?.status).toBe(500);
    expect(receiver.attempts.get(delivered!.event.id as string)).toBe(4);
  });

  it('signs with the configured secret: a receiver expecting another secret rejects the event', async () => {
    const other = await startStripeStandIn({ webhookUrl: () => receiver.url, webhookSecret: 'whsec_someone_else' });
    try {
      const otherStripe = new Stripe('sk_test_local', { host: other.host, port: other.port, protocol: other.protocol });
      const session = await otherStripe.checkout.sessions.create({
        mode: 'payment',
        line_items: [{ price_data: { currency: 'eur', unit_amount: 500, product_data: { name: 'Top-up' } }, quantity: 1 }],
      });
      const rejectedBefore = receiver.rejected.length;

      const [delivered] = await other.pay(session.id);

      expect(delivered?.status).toBe(400);
      expect(receiver.rejected.length - rejectedBefore).toBe(4);
    } finally {
      await other.stop();
    }
  });
});

describe('checkout page', () => {
  it('serves an accessible HTML page with the amount, the product and the pay buttons', async () => {
    const session = await topUpSession();

    const res = await fetch(session.url!);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<title>Pay €25\.00: Points top-up/);
    expect(html).toContain('Points top-up');
    for (const label of ['Pay with card', 'Pay by bank transfer (settles later)', 'Cancel']) expect(html).toContain(`>${label}</button>`);
  });

  it('pays by card from the form: 303 to success_url with the session id filled in, completed event delivered', async () => {
    const session = await topUpSession();
    const verifiedBefore = receiver.verified.size;

    const res = await fetch(`${session.url}/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'method=card',
      redirect: 'manual',
    });

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`https://portal.example/top-ups/done?session=${session.id}`);
    expect(receiver.verified.size - verifiedBefore).toBe(1);
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_status).toBe('paid');
  });

  it('once paid, offers a refund and a link back to success_url instead of the pay buttons', async () => {
    const session = await topUpSession();
    await standIn.pay(session.id);

    const html = await (await fetch(`${standIn.url}/checkout/${session.id}`)).text();

    expect(html).toContain('>Refund</button>');
    expect(html).toContain(`href="https://portal.example/top-ups/done?session=${session.id}"`);
    expect(html).not.toContain('Pay with card');
    expect(html).toContain('checkout.session.completed');
  });

  it('starts a bank transfer from the form, then offers to settle it or let it fail', async () => {
    const session = await topUpSession();

    const res = await fetch(`${session.url}/pay`, { method: 'POST', body: new URLSearchParams({ method: 'bank_transfer' }), redirect: 'manual' });
    const html = await (await fetch(`${standIn.url}/checkout/${session.id}`)).text();

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${standIn.url}/checkout/${session.id}`);
    expect(html).toContain('>Settle the bank transfer</button>');
    expect(html).toContain('>Bank transfer fails</button>');
  });

  it('cancels to cancel_url and answers a second cancel with 400', async () => {
    const session = await topUpSession();
    const page = session.url!;

    const cancelled = await fetch(`${page}/expire`, { method: 'POST', redirect: 'manual' });
    const again = await fetch(`${page}/expire`, { method: 'POST', redirect: 'manual' });

    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get('location')).toBe('https://portal.example/top-ups/cancelled');
    expect(again.status).toBe(400);
    expect(await again.text()).toContain('only an open session can be expired');
  });
});
