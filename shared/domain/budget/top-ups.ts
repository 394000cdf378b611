/**
 * Top-ups: a company buys points through Stripe Checkout.
 *
 * Creating one records it (pending, counted in pendingTopUpPoints) BEFORE asking Stripe for a
 * Checkout Session, so a webhook can never arrive for a top-up we do not know. The top-up id
 * derives from (company, caller, Idempotency-Key), and every Stripe call carries an idempotency
 * key derived from it: a retried request reuses the same customer and session.
 *
 * Payment events credit a top-up exactly once whatever their number and order: the credit is
 * the transfer `top-up:<id>` (its guard item stops a second posting), and each state change is
 * conditional on the state it was decided from. A refund is converted to points in proportion
 * to the amount paid; what the budget still holds is taken back, the rest is reported as
 * unrecovered. A refund seen before its payment is kept and applied when the payment arrives.
 */
import type { Company } from '../companies/schemas.js';
import type { CompanyRepository } from '../companies/ports.js';
import type { Money, Page } from '../common/schemas.js';
import { NotFoundError, ValidationFailedError } from '../errors.js';
import type { Effect, LedgerStore } from '../ledger/ports.js';
import { deriveId } from '../ledger/rules.js';
import type { Clock, ListOptions } from '../ports.js';
import type { CreateTopUpBody, TopUp, TopUpStatus } from './schemas.js';
import type { RequestKey } from './use-cases.js';

/** Stripe's largest amount for one Checkout Session in most currencies. */
export const MAX_CHECKOUT_MINOR = 99_999_999;
/** Stripe's smallest charge (minor units) by currency; 50 (e.g. €0.50) where not listed. */
const MIN_CHECKOUT_MINOR: Record<string, number> = { GBP: 30, JPY: 50, HKD: 400, DKK: 250, NOK: 300, SEK: 300, TRY: 2000, MXN: 1000 };
/** A Checkout Session stays open this long after the top-up was recorded (Stripe allows 30 min to 24 h). */
const CHECKOUT_OPEN_MS = 23 * 3600 * 1000;

export interface StoredTopUp extends TopUp {
  companyId: string;
  /** Cumulative amount Stripe reports as refunded, in minor units. */
  refundedMinor: number;
  paymentIntentId: string | null;
}

export interface PaymentGateway {
  /** Creates the company's customer at the provider (idempotent per company). */
  createCustomer(company: Company): Promise<string>;
  createCheckout(input: {
    topUpId: string;
    companyId: string;
    customerId: string;
    points: number;
    amount: Money;
    /** Derived from the top-up, so a retried call is the same request to the provider. */
    expiresAt: Date;
  }): Promise<{ sessionId: string; url: string }>;
}

export interface TopUpRepository {
  /** Records a new top-up and adds it to the budget's pending points; false when it exists. */
  create(topUp: StoredTopUp): Promise<boolean>;
  get(companyId: string, topUpId: string): Promise<StoredTopUp | undefined>;
  attachCheckout(companyId: string, topUpId: string, sessionId: string, url: string): Promise<void>;
  list(companyId: string, options: ListOptions): Promise<Page<TopUp>>;
  /** By a lookup item written when the payment was linked (strongly consistent). */
  findByPaymentIntent(paymentIntentId: string): Promise<StoredTopUp | undefined>;
  recordPaymentIntent(companyId: string, topUpId: string, paymentIntentId: string): Promise<void>;
  /** Sets fields while the top-up is in one of `from`; false when it is not. */
  update(companyId: string, topUpId: string, from: TopUpStatus[], set: Partial<StoredTopUp>): Promise<boolean>;
  /** A refund of a payment we cannot match yet (keeps the largest cumulative amount). */
  savePendingRefund(paymentIntentId: string, refundedMinor: number, currency: string): Promise<void>;
  pendingRefund(paymentIntentId: string): Promise<number | undefined>;
  customerOf(companyId: string): Promise<string | undefined>;
  /** Keeps the first customer saved for the company and returns it. */
  saveCustomer(companyId: string, customerId: string): Promise<string>;
}

/** What a verified payment-provider event means for us (the adapter maps Stripe's types). */
export type PaymentEvent =
  | {
      type: 'payment-succeeded' | 'payment-processing' | 'payment-failed' | 'checkout-expired';
      eventId: string;
      topUpId: string | null;
      companyId: string | null;
      paymentIntentId: string | null;
      amountMinor: number | null;
      currency: string | null;
    }
  | {
      type: 'refunded';
      eventId: string;
      topUpId: string | null;
      companyId: string | null;
      paymentIntentId: string | null;
      /** Cumulative, as Stripe reports it on the charge. */
      refundedMinor: number;
      currency: string;
    }
  | { type: 'ignored'; eventId: string; providerType: string };

export interface WebhookEventStore {
  seen(provider: string, eventId: string): Promise<boolean>;
  markSeen(provider: string, eventId: string, outcome: string): Promise<void>;
}

export interface TopUpDeps {
  ledger: LedgerStore;
  companies: CompanyRepository;
  topUps: TopUpRepository;
  payments: PaymentGateway;
  webhookEvents: WebhookEventStore;
  clock: Clock;
}

const PENDING: TopUpStatus[] = ['pending', 'awaiting_payment'];

function publicView(stored: StoredTopUp): TopUp {
  const { companyId: _c, refundedMinor: _r, paymentIntentId: _p, ...topUp } = stored;
  return topUp;
}

/**
 * Starts a top-up: records it, then creates the Checkout Session.
 * @throws NotFoundError when the company does not exist.
 * @throws ValidationFailedError when the amount is beyond what one Checkout can charge.
 */
export async function createTopUp(deps: TopUpDeps, companyId: string, request: RequestKey, body: CreateTopUpBody): Promise<TopUp> {
  const company = await deps.companies.get(companyId);
  if (!company) throw new NotFoundError('company');
  const amountMinor = body.points * company.pointPrice.amountMinor;
  const minimum = MIN_CHECKOUT_MINOR[company.pointPrice.currency] ?? 50;
  if (amountMinor < minimum) {
    throw new ValidationFailedError([{
      path: 'body.points',
      message: `${body.points} points cost ${amountMinor} minor units of ${company.pointPrice.currency}; a card payment must be at least ${minimum}`,
    }]);
  }
  if (amountMinor > MAX_CHECKOUT_MINOR) {
    throw new ValidationFailedError([{
      path: 'body.points',
      message: `${body.points} points cost ${amountMinor} minor units of ${company.pointPrice.currency}; one checkout can charge at most ${MAX_CHECKOUT_MINOR}`,
    }]);
  }
  const topUpId = deriveId('top-up', companyId, request.sub, request.idempotencyKey);
  let topUp = await deps.topUps.get(companyId, topUpId);
  if (!topUp) {
    const fresh: StoredTopUp = {
      topUpId, companyId, points: body.points, amount: { amountMinor, currency: company.pointPrice.currency },
      status: 'pending', checkoutSessionId: null, checkoutUrl: null, refundedPoints: 0, clawedBackPoints: 0,
      unrecoveredPoints: 0, createdAt: deps.clock.now().toISOString(), creditedAt: null, refundedMinor: 0, paymentIntentId: null,
    };
    await deps.topUps.create(fresh);
    topUp = (await deps.topUps.get(companyId, topUpId))!;
  }
  if (!topUp.checkoutSessionId) {
    const customerId = (await deps.topUps.customerOf(companyId)) ??
      (await deps.topUps.saveCustomer(companyId, await deps.payments.createCustomer(company)));
    const expiresAt = new Date(Date.parse(topUp.createdAt) + CHECKOUT_OPEN_MS);
    let session: { sessionId: string; url: string };
    try {
      session = await deps.payments.createCheckout({ topUpId, companyId, customerId, points: topUp.points, amount: topUp.amount, expiresAt });
    } catch (err) {
      // The provider refused the request itself (not an outage): this top-up can never be paid.
      if (err instanceof ValidationFailedError) await closePending(deps, topUp, 'failed');
      throw err;
    }
    await deps.topUps.attachCheckout(companyId, topUpId, session.sessionId, session.url);
    topUp = { ...topUp, checkoutSessionId: session.sessionId, checkoutUrl: session.url };
  }
  return publicView(topUp);
}

/** @throws NotFoundError for an unknown id or another company's. */
export async function getTopUp(deps: Pick<TopUpDeps, 'topUps'>, companyId: string, topUpId: string): Promise<TopUp> {
  const topUp = await deps.topUps.get(companyId, topUpId);
  if (!topUp) throw new NotFoundError('top-up');
  return publicView(topUp);
}

export function listTopUps(deps: Pick<TopUpDeps, 'topUps'>, companyId: string, options: ListOptions) {
  return deps.topUps.list(companyId, options);
}

/**
 * Applies a verified payment event once. Returns what happened, for the webhook's answer and
 * the log. Never throws for an event that is merely unexpected (unknown top-up, wrong amount):
 * those are recorded and answered 200, so the provider stops retrying; infrastructure errors
 * are thrown, so the provider retries.
 */
export async function handlePaymentEvent(deps: TopUpDeps, provider: string, event: PaymentEvent): Promise<string> {
  if (await deps.webhookEvents.seen(provider, event.eventId)) return 'duplicate';
  const outcome = await applyEvent(deps, event);
  await deps.webhookEvents.markSeen(provider, event.eventId, outcome);
  return outcome;
}

/** Ends a pending top-up (failed or expired): it no longer counts as pending. False when it moved meanwhile. */
async function closePending(deps: Pick<TopUpDeps, 'ledger' | 'clock'>, topUp: StoredTopUp, status: 'failed' | 'expired'): Promise<boolean> {
  const posted = await deps.ledger.post(topUp.companyId, { accounts: [] }, () => ({
    transfer: { transferId: `top-up:${topUp.topUpId}:${status}`, kind: 'top-up', reference: topUp.topUpId, note: status, at: deps.clock.now().toISOString(), legs: [] },
    effects: [
      { type: 'budget.count', counters: { pendingTopUpPoints: -topUp.points } },
      { type: 'record.update', record: { entity: 'topUp', topUpId: topUp.topUpId, expectStatus: [topUp.status], set: { status } } },
    ],
  }));
  return posted.outcome !== 'record-changed';
}

async function findTopUp(deps: TopUpDeps, event: { topUpId: string | null; companyId: string | null; paymentIntentId: string | null }) {
  if (event.topUpId && event.companyId) return deps.topUps.get(event.companyId, event.topUpId);
  return event.paymentIntentId ? deps.topUps.findByPaymentIntent(event.paymentIntentId) : undefined;
}

async function applyEvent(deps: TopUpDeps, event: PaymentEvent): Promise<string> {
  if (event.type === 'ignored') return `ignored ${event.providerType}`;
  if (event.type === 'refunded') return refund(deps, event);
  for (let attempt = 0; attempt < 5; attempt++) {
    const topUp = await findTopUp(deps, event);
    if (!topUp) return 'unknown top-up';
    if (event.type === 'payment-processing') {
      if (!PENDING.includes(topUp.status)) return `already ${topUp.status}`;
      if (await deps.topUps.update(topUp.companyId, topUp.topUpId, PENDING, { status: 'awaiting_payment' })) return 'awaiting payment';
      continue;
    }
    if (event.type === 'payment-failed' || event.type === 'checkout-expired') {
      if (!PENDING.includes(topUp.status)) return `already ${topUp.status}`;
      const status: TopUpStatus = event.type === 'payment-failed' ? 'failed' : 'expired';
      if (!(await closePending(deps, topUp, status))) continue;
      return status;
    }
    // payment-succeeded
    if (topUp.status === 'credited') {
      await reconcileRefunds(deps, topUp, event.paymentIntentId);
      return 'already credited';
    }
    if (event.amountMinor !== topUp.amount.amountMinor || event.currency?.toUpperCase() !== topUp.amount.currency) {
      return `rejected: paid ${event.amountMinor} ${event.currency} for a top-up of ${topUp.amount.amountMinor} ${topUp.amount.currency}`;
    }
    const at = deps.clock.now().toISOString();
    const wasPending = PENDING.includes(topUp.status);
    const posted = await deps.ledger.post(topUp.companyId, { accounts: [{ kind: 'budget' }] }, () => ({
      transfer: {
        transferId: `top-up:${topUp.topUpId}`, kind: 'top-up', reference: topUp.topUpId, note: null, at,
        legs: [{ account: { kind: 'external' }, delta: -topUp.points }, { account: { kind: 'budget' }, delta: topUp.points }],
      },
      effects: [
        { type: 'budget.count', counters: { fundedPoints: topUp.points, ...(wasPending ? { pendingTopUpPoints: -topUp.points } : {}) } },
        {
          type: 'record.update',
          record: {
            // A refund noted meanwhile changes refundedMinor: then this re-reads and the refund is applied after.
            entity: 'topUp', topUpId: topUp.topUpId, expectStatus: [topUp.status], expect: { refundedMinor: topUp.refundedMinor },
            set: { status: 'credited', creditedAt: at },
          },
        },
      ],
    }));
    if (posted.outcome === 'record-changed') continue;
    await reconcileRefunds(deps, topUp, event.paymentIntentId);
    return posted.outcome === 'duplicate' ? 'already credited' : 'credited';
  }
  throw new Error('The top-up kept changing while the event was applied');
}

/**
 * After a credit: links the payment intent to the top-up, then applies any refund that arrived
 * first (noted on the top-up, or kept by payment intent). A refund handler does the mirror
 * image (keeps the refund, then looks the payment intent up again), and both use consistent
 * reads, so whichever runs second sees the other's write.
 */
async function reconcileRefunds(deps: TopUpDeps, topUp: StoredTopUp, paymentIntentId: string | null) {
  if (paymentIntentId) await deps.topUps.recordPaymentIntent(topUp.companyId, topUp.topUpId, paymentIntentId);
  const pi = paymentIntentId ?? topUp.paymentIntentId;
  const early = pi ? await deps.topUps.pendingRefund(pi) : undefined;
  const current = await deps.topUps.get(topUp.companyId, topUp.topUpId);
  const refundedMinor = Math.max(current?.refundedMinor ?? 0, early ?? 0);
  // refund() is idempotent: it applies only what has not been applied yet.
  if (current && refundedMinor > 0) {
    await refund(deps, {
      type: 'refunded', eventId: 'reconcile', topUpId: topUp.topUpId, companyId: topUp.companyId,
      paymentIntentId: pi, refundedMinor, currency: topUp.amount.currency,
    });
  }
}

async function refund(deps: TopUpDeps, event: Extract<PaymentEvent, { type: 'refunded' }>): Promise<string> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const topUp = await findTopUp(deps, event);
    if (!topUp) {
      if (!event.paymentIntentId) return 'unknown top-up';
      await deps.topUps.savePendingRefund(event.paymentIntentId, event.refundedMinor, event.currency);
      // The payment may have been linked while this was kept: look again (see reconcileRefunds).
      if (await deps.topUps.findByPaymentIntent(event.paymentIntentId)) continue;
      return 'refund kept until its payment is known';
    }
    if (event.currency.toUpperCase() !== topUp.amount.currency) return `rejected: refund in ${event.currency}`;
    const refundedMinor = Math.min(Math.max(event.refundedMinor, topUp.refundedMinor), topUp.amount.amountMinor);
    if (topUp.status !== 'credited') {
      // Nothing to take back yet; the credit applies it.
      if (refundedMinor === topUp.refundedMinor) return 'refund already noted';
      if (await deps.topUps.update(topUp.companyId, topUp.topUpId, [topUp.status], { refundedMinor })) return 'refund noted before payment';
      continue;
    }
    // Points in proportion to the amount refunded; a full refund is every point.
    const refundedPoints = Math.floor((refundedMinor * topUp.points) / topUp.amount.amountMinor);
    const owed = refundedPoints - topUp.refundedPoints;
    if (owed <= 0 && refundedMinor === topUp.refundedMinor) return 'refund already applied';
    let clawed = 0;
    const posted = await deps.ledger.post(topUp.companyId, { accounts: [{ kind: 'budget' }] }, (state) => {
      clawed = Math.max(0, Math.min(owed, state.account({ kind: 'budget' }).balance));
      const effects: Effect[] = [
        ...(clawed ? [{ type: 'budget.count' as const, counters: { refundedPoints: clawed } }] : []),
        {
          type: 'record.update',
          record: {
            entity: 'topUp', topUpId: topUp.topUpId, expectStatus: ['credited'], expect: { refundedMinor: topUp.refundedMinor },
            set: {
              refundedMinor, refundedPoints: Math.max(refundedPoints, topUp.refundedPoints),
              clawedBackPoints: topUp.clawedBackPoints + clawed,
              unrecoveredPoints: topUp.unrecoveredPoints + Math.max(0, owed - clawed),
            },
          },
        },
      ];
      return {
        transfer: {
          transferId: `refund:${topUp.topUpId}:${refundedMinor}`, kind: 'refund', reference: topUp.topUpId,
          note: owed > clawed ? `${owed - clawed} refunded points were already allocated` : null, at: deps.clock.now().toISOString(),
          legs: clawed ? [{ account: { kind: 'budget' }, delta: -clawed }, { account: { kind: 'external' }, delta: clawed }] : [],
        },
        effects,
      };
    });
    if (posted.outcome === 'record-changed') continue;
    if (posted.outcome === 'duplicate') return 'refund already applied';
    return owed > clawed ? `refund: took back ${clawed}, ${owed - clawed} unrecovered` : `refund: took back ${clawed}`;
  }
  throw new Error('The top-up kept changing while the refund was applied');
}
