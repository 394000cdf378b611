import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { stripeClient, verifyStripeEvent } from '../../../shared/adapters/stripe/stripe-payments.js';
import { InvalidSignatureError, UnavailableError } from '../../../shared/domain/errors.js';

const stripe = stripeClient({ secretKey: 'sk_test_unit' });
const secret = 'whsec_unit';
const sign = (body: string, s = secret) => Stripe.webhooks.generateTestHeaderString({ payload: body, secret: s });
const body = (type: string, object: object) => JSON.stringify({ id: 'evt_1', object: 'event', type, data: { object } });

describe('Stripe webhook verification', () => {
  it('fails closed when no webhook secret is configured, even for a well-signed event', () => {
    const raw = body('checkout.session.expired', { id: 'cs_1', metadata: {} });
    expect(() => verifyStripeEvent(stripe, raw, sign(raw), undefined)).toThrow(UnavailableError);
  });

  it('refuses a missing or foreign signature', () => {
    const raw = body('checkout.session.expired', { id: 'cs_1', metadata: {} });
    expect(() => verifyStripeEvent(stripe, raw, undefined, secret)).toThrow(InvalidSignatureError);
    expect(() => verifyStripeEvent(stripe, raw, sign(raw, 'whsec_other'), secret)).toThrow(InvalidSignatureError);
  });

  it('maps Checkout, invoice and refund events to payment events', () => {
    const verify = (type: string, object: object) => {
      const raw = body(type, object);
      return verifyStripeEvent(stripe, raw, sign(raw), secret);
    };
    const session = { id: 'cs_1', client_reference_id: 'T1', metadata: { topUpId: 'T1', companyId: 'C1' }, amount_total: 500, currency: 'eur', payment_intent: 'pi_1' };
    expect(verify('checkout.session.completed', { ...session, payment_status: 'paid' })).toMatchObject({ type: 'payment-succeeded', topUpId: 'T1', companyId: 'C1', paymentIntentId: 'pi_1', amountMinor: 500 });
    expect(verify('checkout.session.completed', { ...session, payment_status: 'unpaid' })).toMatchObject({ type: 'payment-processing' });
    expect(verify('checkout.session.async_payment_failed', session)).toMatchObject({ type: 'payment-failed' });
    expect(verify('checkout.session.expired', session)).toMatchObject({ type: 'checkout-expired' });
    expect(verify('invoice.paid', { id: 'in_1', metadata: { topUpId: 'T1', companyId: 'C1' }, amount_paid: 500, currency: 'eur' })).toMatchObject({ type: 'payment-succeeded', amountMinor: 500 });
    expect(verify('invoice.paid', { id: 'in_2', metadata: {}, amount_paid: 5, currency: 'eur' })).toMatchObject({ type: 'ignored' });
    expect(verify('charge.refunded', { id: 'ch_1', payment_intent: 'pi_1', amount_refunded: 200, currency: 'eur', metadata: {} })).toMatchObject({ type: 'refunded', refundedMinor: 200, paymentIntentId: 'pi_1', topUpId: null });
  });
});
