/**
 * Stripe behind the PaymentGateway port, and Stripe webhooks verified and translated into
 * PaymentEvents. Every call carries an idempotency key derived from our own ids, so a retried
 * request reuses the customer and the Checkout Session Stripe made the first time.
 */
import Stripe from 'stripe';
import type { Company } from '../../domain/companies/schemas.js';
import type { Money } from '../../domain/common/schemas.js';
import type { PaymentEvent, PaymentGateway } from '../../domain/budget/top-ups.js';
import { InvalidSignatureError, UnavailableError, ValidationFailedError } from '../../domain/errors.js';

/** Stripe's own default: a signature older than this is refused (replay protection). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export interface StripeSettings {
  secretKey: string;
  /** A stand-in's base URL (local runtime, tests); unset in AWS. */
  apiUrl?: string | undefined;
}

export function stripeClient(settings: StripeSettings): Stripe {
  const target = settings.apiUrl ? new URL(settings.apiUrl) : undefined;
  return new Stripe(settings.secretKey, {
    maxNetworkRetries: 2,
    timeout: 10_000,
    ...(target ? { host: target.hostname, port: target.port, protocol: target.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
}

/** A failed Stripe call is a 503 for our caller: retrying with the same Idempotency-Key is safe. */
async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof Stripe.errors.StripeInvalidRequestError && !(err instanceof Stripe.errors.StripeIdempotencyError)) {
      throw new ValidationFailedError([{ path: 'body', message: `Stripe refused to ${what}: ${err.message}` }], 'The payment provider refused the request');
    }
    if (err instanceof Stripe.errors.StripeError) {
      throw new UnavailableError(`Stripe could not ${what} (${err.type}); retry with the same Idempotency-Key`, { cause: err });
    }
    throw err;
  }
}

export class StripePaymentGateway implements PaymentGateway {
  constructor(private readonly stripe: Stripe, private readonly publicBaseUrl: string) {}

  async createCustomer(company: Company): Promise<string> {
    const customer = await callStripe('create the customer', () => this.stripe.customers.create(
      { name: company.name, metadata: { companyId: company.companyId } },
      { idempotencyKey: `gifting-customer-${company.companyId}` },
    ));
    return customer.id;
  }

  async createCheckout(input: { topUpId: string; companyId: string; customerId: string; points: number; amount: Money; expiresAt: Date }) {
    const metadata = { topUpId: input.topUpId, companyId: input.companyId };
    // Back to the HR console's budget page (same origin as the API), which shows the outcome.
    const back = `${this.publicBaseUrl}/hr/budget?topUp=${encodeURIComponent(input.topUpId)}`;
    const session = await callStripe('create the Checkout Session', () => this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer: input.customerId,
        client_reference_id: input.topUpId,
        metadata,
        line_items: [{
          quantity: 1,
          price_data: {
            currency: input.amount.currency.toLowerCase(),
            unit_amount: input.amount.amountMinor,
            product_data: { name: `${input.points} gifting points` },
          },
        }],
        payment_intent_data: { metadata },
        invoice_creation: { enabled: true, invoice_data: { metadata } },
        expires_at: Math.floor(input.expiresAt.getTime() / 1000),
        success_url: `${back}&checkout=success`,
        cancel_url: `${back}&checkout=cancelled`,
      },
      { idempotencyKey: `gifting-checkout-${input.topUpId}` },
    ));
    if (!session.url) throw new UnavailableError('Stripe returned a Checkout Session without a URL');
    return { sessionId: session.id, url: session.url };
  }
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === 'string' ? value : (value?.id ?? null));
const meta = (m: Stripe.Metadata | null | undefined) => ({ topUpId: m?.topUpId ?? null, companyId: m?.companyId ?? null });

/**
 * Verifies the Stripe-Signature header on the raw body (fails closed without a secret) and
 * translates the event.
 * @throws InvalidSignatureError for a missing or bad signature or a stale timestamp.
 * @throws UnavailableError when no webhook secret is configured.
 */
export function verifyStripeEvent(stripe: Stripe, rawBody: string, signature: string | undefined, secret: string | undefined): PaymentEvent {
  if (!secret) throw new UnavailableError('The Stripe webhook secret is not configured; no event is accepted');
  if (!signature) throw new InvalidSignatureError('The Stripe-Signature header is missing');
  let event: Stripe.Event;
  try {
    event = stripe.webhooks.constructEvent(rawBody, signature, secret, WEBHOOK_TOLERANCE_SECONDS);
  } catch (err) {
    throw new InvalidSignatureError('The Stripe-Signature does not verify for this body', { cause: err });
  }
  const eventId = event.id;
  switch (event.type) {
    case 'checkout.session.completed':
    case 'checkout.session.async_payment_succeeded':
    case 'checkout.session.async_payment_failed':
    case 'checkout.session.expired': {
      const session = event.data.object;
      const type =
        event.type === 'checkout.session.expired' ? 'checkout-expired'
          : event.type === 'checkout.session.async_payment_failed' ? 'payment-failed'
            : event.type === 'checkout.session.async_payment_succeeded' || session.payment_status === 'paid' ? 'payment-succeeded'
              : session.payment_status === 'unpaid' ? 'payment-processing' : undefined;
      if (!type) return { type: 'ignored', eventId, providerType: `${event.type} (${session.payment_status})` };
      const m = meta(session.metadata);
      return {
        type, eventId, topUpId: m.topUpId ?? session.client_reference_id ?? null, companyId: m.companyId,
        paymentIntentId: idOf(session.payment_intent), amountMinor: session.amount_total ?? null, currency: session.currency ?? null,
      };
    }
    case 'invoice.paid': {
      const invoice = event.data.object;
      const m = meta(invoice.metadata);
      if (!m.topUpId) return { type: 'ignored', eventId, providerType: 'invoice.paid (not a top-up)' };
      return {
        type: 'payment-succeeded', eventId, topUpId: m.topUpId, companyId: m.companyId, paymentIntentId: null,
        amountMinor: invoice.amount_paid, currency: invoice.currency,
      };
    }
    case 'charge.refunded': {
      const charge = event.data.object;
      const m = meta(charge.metadata);
      return {
        type: 'refunded', eventId, topUpId: m.topUpId, companyId: m.companyId, paymentIntentId: idOf(charge.payment_intent),
        refundedMinor: charge.amount_refunded, currency: charge.currency,
      };
    }
    default:
      return { type: 'ignored', eventId, providerType: event.type };
  }
}
