import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_WEBHOOK_SECRET } from '../../../local/platform.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let key = 0;
let n = 0;
const idem = () => ({ 'idempotency-key': `t-${++key}-${Math.random().toString(36).slice(2)}` });

beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p.queue.idle();
  await p.conserved();
  await p.stop();
});

const budget = async (hr: string) => (await p.call('GET', '/v1/budget', { token: hr })).body;

async function topUp(hr: string, points: number) {
  const res = await p.call('POST', '/v1/budget/top-ups', { token: hr, headers: idem(), body: { points } });
  if (res.status !== 201) throw new Error(res.text);
  return res.body as { topUpId: string; checkoutSessionId: string; checkoutUrl: string; amount: { amountMinor: number; currency: string } };
}

function signed(payload: object, options: { secret?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(payload);
  const header = Stripe.webhooks.generateTestHeaderString({
    payload: body, secret: options.secret ?? LOCAL_WEBHOOK_SECRET, ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  return { body, header };
}

function deliver(payload: object, options: { secret?: string; timestamp?: number; tamper?: (body: string) => string; header?: string | null } = {}) {
  const { body, header } = signed(payload, options);
  const headers: Record<string, string> = {};
  if (options.header !== null) headers['stripe-signature'] = options.header ?? header;
  return p.call('POST', '/v1/webhooks/stripe', { body: options.tamper ? options.tamper(body) : body, headers });
}

const event = (type: string, object: object) => ({
  id: `evt_test_${++n}_${Math.random().toString(36).slice(2)}`, object: 'event', api_version: Stripe.API_VERSION,
  created: Math.floor(Date.now() / 1000), livemode: false, type, data: { object }, pending_webhooks: 1, request: { id: null, idempotency_key: null },
});

const completed = (companyId: string, t: Awaited<ReturnType<typeof topUp>>, over: Record<string, unknown> = {}) =>
  event('checkout.session.completed', {
    id: t.checkoutSessionId, object: 'checkout.session', client_reference_id: t.topUpId, metadata: { topUpId: t.topUpId, companyId },
    amount_total: t.amount.amountMinor, currency: t.amount.currency.toLowerCase(), payment_status: 'paid', status: 'complete',
    payment_intent: `pi_${t.topUpId}`, mode: 'payment', ...over,
  });

const refunded = (pi: string, amountRefunded: number, amount: number, metadata: Record<string, string> = {}) =>
  event('charge.refunded', {
    id: `ch_${pi}`, object: 'charge', amount, amount_refunded: amountRefunded, currency: 'eur', payment_intent: pi,
    refunded: amountRefunded === amount, metadata,
  });

describe('top-ups through Stripe Checkout', () => {
  it('records a pending top-up with a Checkout Session, replays it per key and reuses the company\'s customer', async () => {
    const { hr } = await p.newCompany();
    const headers = idem();
    const first = await p.call('POST', '/v1/budget/top-ups', { token: hr, headers, body: { points: 1000 } });
    const again = await p.call('POST', '/v1/budget/top-ups', { token: hr, headers, body: { points: 1000 } });
    const second = await topUp(hr, 500);

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ points: 1000, amount: { amountMinor: 1000, currency: 'EUR' }, status: 'pending' });
    expect(first.body.checkoutUrl).toBe(`${p.stripe!.url}/checkout/${first.body.checkoutSessionId}`);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.topUpId).toBe(first.body.topUpId);
    const sessions = p.stripe!.requests.filter((r) => r.path === '/v1/checkout/sessions' && r.body.client_reference_id === first.body.topUpId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.idempotencyKey).toBe(`gifting-checkout-${first.body.topUpId}`);
    const customers = new Set(p.stripe!.requests.filter((r) => r.path === '/v1/checkout/sessions' && [first.body.topUpId, second.topUpId].includes(r.body.client_reference_id as string)).map((r) => r.body.customer));
    expect(customers.size).toBe(1);
    expect(await budget(hr)).toMatchObject({ balancePoints: 0, pendingTopUpPoints: 1500 });
    const listed = await p.call('GET', '/v1/budget/top-ups', { token: hr });
    expect(listed.body.items.map((t: { topUpId: string }) => t.topUpId).sort()).toEqual([first.body.topUpId, second.topUpId].sort());
  });

  it('credits the budget once when the person pays on the checkout page (completed, then invoice.paid)', async () => {
    const { hr } = await p.newCompany();
    const t = await topUp(hr, 2500);

    const delivered = await p.stripe!.pay(t.checkoutSessionId);

    expect(delivered.map((d) => [d.event.type, d.status])).toEqual([['checkout.session.completed', 200], ['invoice.paid', 200]]);
    expect(await budget(hr)).toMatchObject({ balancePoints: 2500, pendingTopUpPoints: 0, fundedPoints: 2500 });
    expect((await p.call('GET', `/v1/budget/top-ups/${t.topUpId}`, { token: hr })).body).toMatchObject({ status: 'credited', creditedAt: expect.any(String) });
    const ledger = await p.call('GET', '/v1/budget/ledger', { token: hr });
    expect(ledger.body.items).toEqual([expect.objectContaining({ kind: 'top-up', deltaPoints: 2500, balanceAfter: 2500, reference: t.topUpId })]);
  });

  it('credits once when the same event arrives 10 times, also concurrently', async () => {
    const { companyId, hr } = await p.newCompany();
    const t = await topUp(hr, 700);
    const e = completed(companyId, t);

    const first = await Promise.all(Array.from({ length: 5 }, () => deliver(e)));
    const later = [];
    for (let i = 0; i < 5; i++) later.push(await deliver(e));

    expect([...first, ...later].every((r) => r.status === 200)).toBe(true);
    expect(later.every((r) => r.body.outcome === 'duplicate')).toBe(true);
    expect(await budget(hr)).toMatchObject({ balancePoints: 700, fundedPoints: 700 });
  });

  it('rejects a tampered body, a wrong secret, a missing header and a stale timestamp with 400, changing nothing', async () => {
    const { companyId, hr } = await p.newCompany();
    const t = await topUp(hr, 300);
    const e = completed(companyId, t);

    const tampered = await deliver(e, { tamper: (b) => b.replace('"amount_total":300', '"amount_total":3000') });
    const wrongSecret = await deliver(e, { secret: 'whsec_someone_else' });
    const missing = await deliver(e, { header: null });
    const stale = await deliver(e, { timestamp: Math.floor(Date.now() / 1000) - 301 });
    const garbage = await deliver(e, { header: 't=1,v1=deadbeef' });

    for (const res of [tampered, wrongSecret, missing, stale, garbage]) {
      expect(res.status).toBe(400);
      expect(res.body.type).toMatch(/invalid-signature$/);
    }
    expect(await budget(hr)).toMatchObject({ balancePoints: 0, pendingTopUpPoints: 300 });
    // The genuine event still works afterwards: nothing was marked as seen.
    expect((await deliver(e)).body.outcome).toBe('credited');
  });

  it('does not credit a payment whose amount or currency differs from the top-up', async () => {
    const { companyId, hr } = await p.newCompany();
    const t = await topUp(hr, 400);
    const cheaper = await deliver(completed(companyId, t, { amount_total: 1 }));
    const dollars = await deliver(completed(companyId, t, { currency: 'usd' }));
    expect(cheaper.status).toBe(200);
    expect(cheaper.body.outcome).toMatch(/^rejected/);
    expect(dollars.body.outcome).toMatch(/^rejected/);
    expect(await budget(hr)).toMatchObject({ balancePoints: 0, pendingTopUpPoints: 400 });
  });

  it('waits for a bank transfer to settle, and stops counting a failed or expired one as pending', async () => {
    const { hr } = await p.newCompany();
    const settles = await topUp(hr, 100);
    const fails = await topUp(hr, 200);
    const expires = await topUp(hr, 300);

    await p.stripe!.pay(settles.checkoutSessionId, { method: 'bank_transfer' });
    expect((await p.call('GET', `/v1/budget/top-ups/${settles.topUpId}`, { token: hr })).body.status).toBe('awaiting_payment');
    await p.stripe!.settle(settles.checkoutSessionId);
    await p.stripe!.pay(fails.checkoutSessionId, { method: 'bank_transfer' });
    await p.stripe!.failAsyncPayment(fails.checkoutSessionId);
    await p.stripe!.expire(expires.checkoutSessionId);

    const status = async (id: string) => (await p.call('GET', `/v1/budget/top-ups/${id}`, { token: hr })).body.status;
    expect([await status(settles.topUpId), await status(fails.topUpId), await status(expires.topUpId)]).toEqual(['credited', 'failed', 'expired']);
    expect(await budget(hr)).toMatchObject({ balancePoints: 100, pendingTopUpPoints: 0, fundedPoints: 100 });
  });
});

describe('refunds', () => {
  it('takes back what the budget still holds and reports the rest', async () => {
    const { companyId, hr } = await p.newCompany();
    const t = await topUp(hr, 1000);
    await p.stripe!.pay(t.checkoutSessionId);
    const [e] = await p.addEmployees(companyId, 1);
    await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 700, reason: 'Bonus', recipients: { employeeIds: [e!.employeeId] } } });

    const partial = await p.stripe!.refund(t.checkoutSessionId, 200);
    const rest = await p.stripe!.refund(t.checkoutSessionId);

    expect(partial[0]!.event.type).toBe('charge.refunded');
    expect(rest[0]!.status).toBe(200);
    expect((await p.call('GET', `/v1/budget/top-ups/${t.topUpId}`, { token: hr })).body).toMatchObject({
      refundedPoints: 1000, clawedBackPoints: 300, unrecoveredPoints: 700,
    });
    expect(await budget(hr)).toMatchObject({ balancePoints: 0, fundedPoints: 1000, refundedPoints: 300 });
    expect((await p.call('GET', '/v1/me', { token: e!.token })).body.balancePoints).toBe(700);
  });

  it('ends right when the refund arrives before the payment, and the payment arrives twice', async () => {
    const { companyId, hr } = await p.newCompany();
    const t = await topUp(hr, 600);
    const pi = `pi_${t.topUpId}`;

    const early = await deliver(refunded(pi, 600, 600));
    const paid = completed(companyId, t);
    const one = await deliver(paid);
    const two = await deliver({ ...paid, id: `${paid.id}_redelivered` });

    expect(early.body.outcome).toMatch(/kept/);
    expect(one.body.outcome).toBe('credited');
    expect(two.body.outcome).toBe('already credited');
    expect((await p.call('GET', `/v1/budget/top-ups/${t.topUpId}`, { token: hr })).body).toMatchObject({
      status: 'credited', refundedPoints: 600, clawedBackPoints: 600, unrecoveredPoints: 0,
    });
    expect(await budget(hr)).toMatchObject({ balancePoints: 0, fundedPoints: 600, refundedPoints: 600, pendingTopUpPoints: 0 });
  });

  it('ends right when invoice.paid credits first, a refund without metadata is kept, and the Checkout completion links it', async () => {
    const { companyId, hr } = await p.newCompany();
    const t = await topUp(hr, 900);
    const pi = `pi_${t.topUpId}`;

    await deliver(event('invoice.paid', { id: `in_${t.topUpId}`, object: 'invoice', metadata: { topUpId: t.topUpId, companyId }, amount_paid: 900, currency: 'eur' }));
    const kept = await deliver(refunded(pi, 900, 900));
    await deliver(completed(companyId, t));

    expect(kept.body.outcome).toMatch(/kept/);
    expect((await p.call('GET', `/v1/budget/top-ups/${t.topUpId}`, { token: hr })).body).toMatchObject({ status: 'credited', refundedPoints: 900, clawedBackPoints: 900 });
    expect(await budget(hr)).toMatchObject({ balancePoints: 0, refundedPoints: 900 });
  });

  it('refuses a top-up below the smallest card payment with 422, recording nothing', async () => {
    const { hr } = await p.newCompany();
    const res = await p.call('POST', '/v1/budget/top-ups', { token: hr, headers: idem(), body: { points: 10 } });
    expect(res.status).toBe(422);
    expect(await budget(hr)).toMatchObject({ pendingTopUpPoints: 0 });
    expect((await p.call('GET', '/v1/budget/top-ups', { token: hr })).body.items).toEqual([]);
  });

  it('asks Stripe for the same Checkout Session when a top-up is retried (stable parameters under one idempotency key)', async () => {
    const { StripePaymentGateway, stripeClient } = await import('../../../shared/adapters/stripe/stripe-payments.js');
    const gateway = new StripePaymentGateway(stripeClient({ secretKey: 'sk_test_x', apiUrl: p.stripe!.url }), p.url);
    const customerId = await gateway.createCustomer({ companyId: 'c-retry', name: 'Retry GmbH', country: 'DE', currency: 'EUR', pointPrice: { amountMinor: 1, currency: 'EUR' }, createdAt: new Date().toISOString() });
    const input = { topUpId: 'retried-top-up', companyId: 'c-retry', customerId, points: 100, amount: { amountMinor: 100, currency: 'EUR' }, expiresAt: new Date(Date.now() + 3600_000) };
    const first = await gateway.createCheckout(input);
    await new Promise((r) => setTimeout(r, 1100));
    const again = await gateway.createCheckout(input);
    expect(again.sessionId).toBe(first.sessionId);
  });

  it('answers 200 to event types it does not handle, without effect', async () => {
    const res = await deliver(event('customer.created', { id: 'cus_x', object: 'customer' }));
    expect(res.status).toBe(200);
    expect(res.body.outcome).toBe('ignored customer.created');
  });
});
