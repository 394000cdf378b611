/**
 * A local stand-in for the few Stripe API endpoints the platform uses, so the official `stripe`
 * SDK can run the whole Checkout flow on a laptop without internet or Stripe keys:
 *
 *   new Stripe('sk_test_local', { host: '127.0.0.1', port: standIn.port, protocol: 'http' })
 *
 * It speaks Stripe's wire format (form-encoded bracket-notation bodies in, JSON objects and
 * `{ error: { type, message, param } }` out, Idempotency-Key replay) and serves a checkout page
 * in place of checkout.stripe.com. Paying, settling, failing, expiring and refunding there (or
 * through the methods of the returned handle) deliver webhook events signed with the SDK's own
 * helper, so the platform's webhook route verifies them exactly as it verifies Stripe's.
 *
 * Deliberately narrower than Stripe: only mode=payment with inline price_data; a session is not
 * expired on its own when expires_at passes (use expire()); parameters it does not implement
 * are rejected rather than ignored, so code that relies on them fails here instead of in
 * production.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Stripe from 'stripe';

export interface StripeStandInOptions {
  /** Where signed webhook events are POSTed (the local API's /v1/webhooks/stripe). A function because the API URL may be known only later. */
  webhookUrl: () => string;
  /** The endpoint secret the API verifies with, e.g. 'whsec_local_development'. */
  webhookSecret: string;
  /** Default 0: a free port. Always bound to 127.0.0.1. */
  port?: number;
  /** Public base URL used to build checkout page URLs; default the server's own http://127.0.0.1:<port> */
  publicUrl?: string;
  /** The time objects are created and judged by (ms); default the system's. The local platform passes its clock, which tests may move forward. */
  now?: () => number;
}

export interface StripeStandInRequest {
  method: string;
  path: string;
  idempotencyKey: string | undefined;
  /** The parsed form body of a POST, or the parsed query of a GET. */
  body: Record<string, unknown>;
}

export interface DeliveredEvent {
  event: Record<string, unknown>;
  /** The HTTP status of the last delivery attempt; 0 when no response came (refused, timed out, stopped). */
  status: number;
}

export interface StripeStandIn {
  url: string;
  host: string;
  port: number;
  protocol: 'http';
  /** API requests received (/v1/… only), for tests. */
  requests: StripeStandInRequest[];
  /**
   * Drives a session as a person would on the checkout page; resolves after the webhook(s) were
   * delivered. A card payment completes paid (then invoice.paid when invoice_creation is on); a
   * bank transfer completes unpaid and waits for settle() or failAsyncPayment().
   */
  pay(sessionId: string, options?: { method?: 'card' | 'bank_transfer' }): Promise<DeliveredEvent[]>;
  /** The pending bank transfer arrives: async_payment_succeeded (then invoice.paid). */
  settle(sessionId: string): Promise<DeliveredEvent[]>;
  /** The pending bank transfer fails: async_payment_failed. */
  failAsyncPayment(sessionId: string): Promise<DeliveredEvent[]>;
  /** Only while the session is open: checkout.session.expired. */
  expire(sessionId: string): Promise<DeliveredEvent[]>;
  /** Refunds `amountMinor` (default: all not yet refunded) of the session's charge: charge.refunded. */
  refund(sessionId: string, amountMinor?: number): Promise<DeliveredEvent[]>;
  stop(): Promise<void>;
}

type Metadata = Record<string, string>;

type Customer = {
  id: string;
  object: 'customer';
  address: null;
  balance: number;
  created: number;
  currency: null;
  default_source: null;
  delinquent: boolean;
  description: string | null;
  discount: null;
  email: string | null;
  invoice_prefix: string;
  invoice_settings: { custom_fields: null; default_payment_method: null; footer: null; rendering_options: null };
  livemode: false;
  metadata: Metadata;
  name: string | null;
  next_invoice_sequence: number;
  phone: string | null;
  preferred_locales: string[];
  shipping: null;
  tax_exempt: 'none';
  test_clock: null;
};

type CheckoutSession = {
  id: string;
  object: 'checkout.session';
  after_expiration: null;
  allow_promotion_codes: null;
  amount_subtotal: number;
  amount_total: number;
  automatic_tax: { enabled: false; liability: null; provider: null; status: null };
  billing_address_collection: null;
  cancel_url: string | null;
  client_reference_id: string | null;
  client_secret: null;
  created: number;
  currency: string;
  customer: string | null;
  customer_creation: 'if_required' | null;
  customer_details: { address: null; email: string | null; name: string | null; phone: null; tax_exempt: 'none'; tax_ids: [] } | null;
  customer_email: string | null;
  expires_at: number;
  invoice: string | null;
  invoice_creation: { enabled: boolean; invoice_data: InvoiceData };
  livemode: false;
  locale: null;
  metadata: Metadata;
  mode: 'payment';
  payment_intent: string | null;
  payment_link: null;
  payment_method_types: string[];
  payment_status: 'paid' | 'unpaid';
  setup_intent: null;
  shipping_address_collection: null;
  status: 'open' | 'complete' | 'expired';
  submit_type: null;
  subscription: null;
  success_url: string | null;
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  ui_mode: 'hosted';
  url: string | null;
};

type InvoiceData = {
  account_tax_ids: null;
  custom_fields: null;
  description: string | null;
  footer: null;
  issuer: null;
  metadata: Metadata;
  rendering_options: null;
};

type PaymentMethodKind = 'card' | 'bank_transfer';

type PaymentIntent = {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  canceled_at: null;
  capture_method: 'automatic';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: string | null;
  description: null;
  last_payment_error: null | { type: 'invalid_request_error'; code: string; message: string };
  latest_charge: string | null;
  livemode: false;
  metadata: Metadata;
  payment_method: string;
  payment_method_types: string[];
  status: 'succeeded' | 'processing' | 'requires_payment_method';
};

type Charge = {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: null;
  captured: true;
  created: number;
  currency: string;
  customer: string | null;
  description: null;
  livemode: false;
  metadata: Metadata;
  paid: true;
  payment_intent: string;
  payment_method: string;
  payment_method_details: Record<string, unknown>;
  refunded: boolean;
  status: 'succeeded';
};

type Invoice = {
  id: string;
  object: 'invoice';
  amount_due: number;
  amount_paid: number;
  amount_remaining: number;
  attempt_count: number;
  attempted: true;
  collection_method: 'charge_automatically';
  created: number;
  currency: string;
  customer: string | null;
  customer_email: string | null;
  customer_name: string | null;
  description: string | null;
  hosted_invoice_url: null;
  invoice_pdf: null;
  lines: { object: 'list'; data: InvoiceLine[]; has_more: false; total_count: number; url: string };
  livemode: false;
  metadata: Metadata;
  number: string;
  status: 'paid';
  status_transitions: { finalized_at: number; marked_uncollectible_at: null; paid_at: number; voided_at: null };
  subtotal: number;
  total: number;
};

type InvoiceLine = { id: string; object: 'line_item'; amount: number; currency: string; description: string; quantity: number };

type StripeEvent = {
  id: string;
  object: 'event';
  api_version: string;
  created: number;
  data: { object: unknown };
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: string;
};

interface LineItem {
  name: string;
  currency: string;
  unitAmount: number;
  quantity: number;
}

interface DeliveryLog {
  eventId: string;
  type: string;
  status: number;
  attempts: number;
  failure: string | undefined;
}

interface SessionState {
  session: CheckoutSession;
  lineItems: LineItem[];
  paymentIntentMetadata: Metadata;
  deliveries: DeliveryLog[];
}

/** Thrown for anything Stripe would answer with an error object; the page and the methods reuse it. */
class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly type: 'invalid_request_error' | 'idempotency_error' | 'api_error',
    message: string,
    readonly param?: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StripeApiError';
  }

  body() {
    return { error: { type: this.type, message: this.message, ...(this.param ? { param: this.param } : {}), ...(this.code ? { code: this.code } : {}) } };
  }
}

const invalid = (message: string, param?: string, code?: string) => new StripeApiError(400, 'invalid_request_error', message, param, code);

/** Stripe's retry schedule spans days; locally a few quick attempts show a flaky receiver without stalling the flow. */
const WEBHOOK_RETRIES = 3;
const WEBHOOK_RETRY_DELAY_MS = 100;
const WEBHOOK_TIMEOUT_MS = 10_000;
const MAX_BODY_BYTES = 1024 * 1024;

/** Stripe's per-charge ceiling (8 digits of minor units for most currencies). */
const MAX_AMOUNT_MINOR = 99_999_999;
/** Stripe's minimum charge for the currencies we price in; a smaller total fails in production, so it fails here. */
const MIN_AMOUNT_MINOR: Record<string, number> = { eur: 50, usd: 50, gbp: 30, chf: 50 };
/** Stripe accepts expires_at between 30 minutes and 24 hours after creation. */
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;

/** The session fields the stand-in can expand; anything else is refused rather than silently left as an id. */
const SESSION_EXPANDABLE = ['customer', 'payment_intent', 'invoice'];

const CURRENCIES = new Set(Intl.supportedValuesOf('currency').map((c) => c.toLowerCase()));

export async function startStripeStandIn(options: StripeStandInOptions): Promise<StripeStandIn> {
  const nowSeconds = () => Math.floor((options.now?.() ?? Date.now()) / 1000);
  const customers = new Map<string, Customer>();
  const sessions = new Map<string, SessionState>();
  const paymentIntents = new Map<string, PaymentIntent>();
  const charges = new Map<string, Charge>();
  const invoices = new Map<string, Invoice>();
  const events = new Map<string, StripeEvent>();
  const idempotency = new Map<string, { endpoint: string; fingerprint: string; status: number; body: string }>();
  const requests: StripeStandInRequest[] = [];
  const stopping = new AbortController();
  let invoiceCount = 0;
  let baseUrl = '';

  const pageUrl = (sessionId: string) => `${baseUrl}/checkout/${encodeURIComponent(sessionId)}`;

  function createCustomer(params: Record<string, unknown>): Customer {
    allowOnly(params, ['name', 'email', 'description', 'phone', 'metadata', 'expand'], '');
    const customer: Customer = {
      id: randomId('cus_', 14),
      object: 'customer',
      address: null,
      balance: 0,
      created: nowSeconds(),
      currency: null,
      default_source: null,
      delinquent: false,
      description: stringParam(params.description, 'description', { maxLength: 350 }) ?? null,
      discount: null,
      email: stringParam(params.email, 'email', { maxLength: 512 }) ?? null,
      invoice_prefix: randomId('', 8).toUpperCase(),
      invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
      livemode: false,
      metadata: metadataParam(params.metadata, 'metadata'),
      name: stringParam(params.name, 'name', { maxLength: 256 }) ?? null,
      next_invoice_sequence: 1,
      phone: stringParam(params.phone, 'phone', { maxLength: 20 }) ?? null,
      preferred_locales: [],
      shipping: null,
      tax_exempt: 'none',
      test_clock: null,
    };
    expandList(params.expand, []);
    customers.set(customer.id, customer);
    return customer;
  }

  function createSession(params: Record<string, unknown>): Record<string, unknown> {
    allowOnly(
      params,
      [
        'mode', 'line_items', 'success_url', 'cancel_url', 'client_reference_id', 'customer', 'customer_email',
        'metadata', 'payment_intent_data', 'invoice_creation', 'expires_at', 'expand',
      ],
      '',
    );
    const mode = stringParam(params.mode, 'mode', { required: true });
    if (mode !== 'payment') throw invalid(`The local Stripe stand-in implements only mode=payment, not mode=${mode}.`, 'mode');

    const lineItems = lineItemsParam(params.line_items);
    const currency = lineItems[0]!.currency;
    const amountTotal = lineItems.reduce((sum, item) => sum + item.unitAmount * item.quantity, 0);
    if (amountTotal > MAX_AMOUNT_MINOR) {
      throw invalid(`The Checkout Session's total amount due must be no more than ${formatAmount(MAX_AMOUNT_MINOR, currency)}.`, 'line_items');
    }
    const minimum = MIN_AMOUNT_MINOR[currency];
    if (minimum !== undefined && amountTotal < minimum) {
      throw invalid(`The Checkout Session's total amount due must add up to at least ${formatAmount(minimum, currency)} ${currency}.`, 'line_items');
    }

    const customerId = stringParam(params.customer, 'customer');
    if (customerId !== undefined && !customers.has(customerId)) {
      throw invalid(`No such customer: '${customerId}'`, 'customer', 'resource_missing');
    }
    const customerEmail = stringParam(params.customer_email, 'customer_email', { maxLength: 800 });
    if (customerId !== undefined && customerEmail !== undefined) {
      throw invalid('You may only specify one of these parameters: customer, customer_email.', 'customer_email');
    }

    const created = nowSeconds();
    const expiresAt = integerParam(params.expires_at, 'expires_at') ?? created + MAX_EXPIRY_SECONDS;
    if (expiresAt < created + MIN_EXPIRY_SECONDS) {
      throw invalid('The `expires_at` timestamp must be at least 30 minutes from Checkout Session creation.', 'expires_at');
    }
    if (expiresAt > created + MAX_EXPIRY_SECONDS) {
      throw invalid('The `expires_at` timestamp must be less than 24 hours from Checkout Session creation.', 'expires_at');
    }

    const paymentIntentData = hashParam(params.payment_intent_data, 'payment_intent_data', ['metadata']);
    const invoiceCreation = hashParam(params.invoice_creation, 'invoice_creation', ['enabled', 'invoice_data']);
    const invoiceData = hashParam(invoiceCreation?.invoice_data, 'invoice_creation[invoice_data]', ['metadata', 'description']);
    const invoiceEnabled = booleanParam(invoiceCreation?.enabled, 'invoice_creation[enabled]', { required: invoiceCreation !== undefined }) ?? false;
    if (invoiceData && !invoiceEnabled) {
      throw invalid('invoice_creation[invoice_data] can only be set when invoice_creation[enabled] is true.', 'invoice_creation[invoice_data]');
    }

    const id = randomId('cs_test_', 58);
    const session: CheckoutSession = {
      id,
      object: 'checkout.session',
      after_expiration: null,
      allow_promotion_codes: null,
      amount_subtotal: amountTotal,
      amount_total: amountTotal,
      automatic_tax: { enabled: false, liability: null, provider: null, status: null },
      billing_address_collection: null,
      cancel_url: urlParam(params.cancel_url, 'cancel_url') ?? null,
      client_reference_id: stringParam(params.client_reference_id, 'client_reference_id', { maxLength: 200 }) ?? null,
      client_secret: null,
      created,
      currency,
      customer: customerId ?? null,
      customer_creation: customerId ? null : 'if_required',
      customer_details: null,
      customer_email: customerEmail ?? null,
      expires_at: expiresAt,
      invoice: null,
      invoice_creation: {
        enabled: invoiceEnabled,
        invoice_data: {
          account_tax_ids: null,
          custom_fields: null,
          description: stringParam(invoiceData?.description, 'invoice_creation[invoice_data][description]', { maxLength: 1500 }) ?? null,
          footer: null,
          issuer: null,
          metadata: metadataParam(invoiceData?.metadata, 'invoice_creation[invoice_data][metadata]'),
          rendering_options: null,
        },
      },
      livemode: false,
      locale: null,
      metadata: metadataParam(params.metadata, 'metadata'),
      mode: 'payment',
      payment_intent: null,
      payment_link: null,
      payment_method_types: ['card', 'customer_balance'],
      payment_status: 'unpaid',
      setup_intent: null,
      shipping_address_collection: null,
      status: 'open',
      submit_type: null,
      subscription: null,
      success_url: urlParam(params.success_url, 'success_url') ?? null,
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: pageUrl(id),
    };
    const fields = expandList(params.expand, SESSION_EXPANDABLE);
    sessions.set(id, {
      session,
      lineItems,
      paymentIntentMetadata: metadataParam(paymentIntentData?.metadata, 'payment_intent_data[metadata]'),
      deliveries: [],
    });
    return expandSession(session, fields);
  }

  function expandSession(session: CheckoutSession, fields: string[]): Record<string, unknown> {
    const view: Record<string, unknown> = { ...session };
    if (fields.includes('customer') && session.customer) view.customer = customers.get(session.customer) ?? null;
    if (fields.includes('payment_intent') && session.payment_intent) view.payment_intent = paymentIntents.get(session.payment_intent) ?? null;
    if (fields.includes('invoice') && session.invoice) view.invoice = invoices.get(session.invoice) ?? null;
    return view;
  }

  function retrieve<T>(store: Map<string, T>, objectName: string, id: string, params: Record<string, unknown>): T {
    allowOnly(params, ['expand'], '');
    expandList(params.expand, []);
    const found = store.get(id);
    if (!found) throw new StripeApiError(404, 'invalid_request_error', `No such ${objectName}: '${id}'`, 'id', 'resource_missing');
    return found;
  }

  const apiRoutes: { method: string; pattern: RegExp; run: (params: Record<string, unknown>, id: string) => unknown }[] = [
    { method: 'POST', pattern: /^\/v1\/customers$/, run: (params) => createCustomer(params) },
    { method: 'GET', pattern: /^\/v1\/customers\/([^/]+)$/, run: (params, id) => retrieve(customers, 'customer', id, params) },
    { method: 'POST', pattern: /^\/v1\/checkout\/sessions$/, run: (params) => createSession(params) },
    {
      method: 'GET',
      pattern: /^\/v1\/checkout\/sessions\/([^/]+)$/,
      run: (params, id) => {
        allowOnly(params, ['expand'], '');
        const fields = expandList(params.expand, SESSION_EXPANDABLE);
        return expandSession(requireSession(id, 404).session, fields);
      },
    },
    { method: 'GET', pattern: /^\/v1\/payment_intents\/([^/]+)$/, run: (params, id) => retrieve(paymentIntents, 'payment_intent', id, params) },
    { method: 'GET', pattern: /^\/v1\/charges\/([^/]+)$/, run: (params, id) => retrieve(charges, 'charge', id, params) },
    { method: 'GET', pattern: /^\/v1\/invoices\/([^/]+)$/, run: (params, id) => retrieve(invoices, 'invoice', id, params) },
    { method: 'GET', pattern: /^\/v1\/events\/([^/]+)$/, run: (params, id) => retrieve(events, 'event', id, params) },
  ];

  function requireSession(id: string, status = 400): SessionState {
    const state = sessions.get(id);
    if (!state) throw new StripeApiError(status, 'invalid_request_error', `No such checkout.session: '${id}'`, 'id', 'resource_missing');
    return state;
  }

  function pendingTransferOf(state: SessionState): PaymentIntent {
    const intent = state.session.payment_intent ? paymentIntents.get(state.session.payment_intent) : undefined;
    if (!intent || intent.status !== 'processing') {
      throw invalid(`Checkout Session ${state.session.id} has no bank transfer awaiting settlement.`);
    }
    return intent;
  }

  function customerDetails(session: CheckoutSession): CheckoutSession['customer_details'] {
    const customer = session.customer ? customers.get(session.customer) : undefined;
    return { address: null, email: customer?.email ?? session.customer_email, name: customer?.name ?? null, phone: null, tax_exempt: 'none', tax_ids: [] };
  }

  /** The money arrived: a charge for the intent, the session paid, and the invoice when one was asked for. */
  function settlePayment(state: SessionState, intent: PaymentIntent, kind: PaymentMethodKind): StripeEvent[] {
    const { session } = state;
    const charge: Charge = {
      id: randomId('ch_', 24),
      object: 'charge',
      amount: intent.amount,
      amount_captured: intent.amount,
      amount_refunded: 0,
      balance_transaction: null,
      captured: true,
      created: nowSeconds(),
      currency: intent.currency,
      customer: intent.customer,
      description: null,
      livemode: false,
      metadata: { ...intent.metadata },
      paid: true,
      payment_intent: intent.id,
      payment_method: intent.payment_method,
      payment_method_details:
        kind === 'card'
          ? { type: 'card', card: { brand: 'visa', country: 'US', exp_month: 12, exp_year: new Date().getUTCFullYear() + 2, funding: 'credit', last4: '4242' } }
          : { type: 'customer_balance', customer_balance: {} },
      refunded: false,
      status: 'succeeded',
    };
    charges.set(charge.id, charge);
    intent.status = 'succeeded';
    intent.amount_received = intent.amount;
    intent.latest_charge = charge.id;
    session.payment_status = 'paid';
    if (!session.invoice_creation.enabled) return [];

    const paidAt = nowSeconds();
    const invoiceId = randomId('in_', 24);
    const customer = session.customer ? customers.get(session.customer) : undefined;
    const invoice: Invoice = {
      id: invoiceId,
      object: 'invoice',
      amount_due: session.amount_total,
      amount_paid: session.amount_total,
      amount_remaining: 0,
      attempt_count: 1,
      attempted: true,
      collection_method: 'charge_automatically',
      created: paidAt,
      currency: session.currency,
      customer: session.customer,
      customer_email: customer?.email ?? session.customer_email,
      customer_name: customer?.name ?? null,
      description: session.invoice_creation.invoice_data.description,
      hosted_invoice_url: null,
      invoice_pdf: null,
      lines: {
        object: 'list',
        data: state.lineItems.map((item) => ({
          id: randomId('il_', 24),
          object: 'line_item',
          amount: item.unitAmount * item.quantity,
          currency: item.currency,
          description: `${item.quantity} × ${item.name}`,
          quantity: item.quantity,
        })),
        has_more: false,
        total_count: state.lineItems.length,
        url: `/v1/invoices/${invoiceId}/lines`,
      },
      livemode: false,
      metadata: { ...session.invoice_creation.invoice_data.metadata },
      number: `${customer?.invoice_prefix ?? 'LOCAL'}-${String(++invoiceCount).padStart(4, '0')}`,
      status: 'paid',
      status_transitions: { finalized_at: paidAt, marked_uncollectible_at: null, paid_at: paidAt, voided_at: null },
      subtotal: session.amount_total,
      total: session.amount_total,
    };
    invoices.set(invoice.id, invoice);
    session.invoice = invoice.id;
    return [recordEvent('invoice.paid', invoice)];
  }

  function pay(sessionId: string, kind: PaymentMethodKind): StripeEvent[] {
    const state = requireSession(sessionId);
    const { session } = state;
    if (session.status !== 'open') throw invalid(`Checkout Session ${sessionId} is ${session.status}, not open, so it cannot be paid.`);
    const intentId = randomId('pi_', 24);
    const intent: PaymentIntent = {
      id: intentId,
      object: 'payment_intent',
      amount: session.amount_total,
      amount_capturable: 0,
      amount_received: 0,
      canceled_at: null,
      capture_method: 'automatic',
      client_secret: `${intentId}_secret_${randomId('', 25)}`,
      confirmation_method: 'automatic',
      created: nowSeconds(),
      currency: session.currency,
      customer: session.customer,
      description: null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: { ...state.paymentIntentMetadata },
      payment_method: randomId('pm_', 24),
      payment_method_types: [kind === 'card' ? 'card' : 'customer_balance'],
      status: 'processing',
    };
    paymentIntents.set(intent.id, intent);
    session.status = 'complete';
    session.payment_intent = intent.id;
    session.customer_details = customerDetails(session);
    // Stripe only shows the hosted page URL while the session is open.
    session.url = null;
    const invoiceEvents = kind === 'card' ? settlePayment(state, intent, kind) : [];
    return [recordEvent('checkout.session.completed', session), ...invoiceEvents];
  }

  function settle(sessionId: string): StripeEvent[] {
    const state = requireSession(sessionId);
    const intent = pendingTransferOf(state);
    const invoiceEvents = settlePayment(state, intent, 'bank_transfer');
    return [recordEvent('checkout.session.async_payment_succeeded', state.session), ...invoiceEvents];
  }

  function failTransfer(sessionId: string): StripeEvent[] {
    const state = requireSession(sessionId);
    const intent = pendingTransferOf(state);
    intent.status = 'requires_payment_method';
    intent.last_payment_error = { type: 'invalid_request_error', code: 'payment_method_customer_decline', message: 'The bank transfer was not received.' };
    return [recordEvent('checkout.session.async_payment_failed', state.session)];
  }

  function expire(sessionId: string): StripeEvent[] {
    const state = requireSession(sessionId);
    if (state.session.status !== 'open') {
      throw invalid(`Checkout Session ${sessionId} is ${state.session.status}; only an open session can be expired.`);
    }
    state.session.status = 'expired';
    state.session.url = null;
    return [recordEvent('checkout.session.expired', state.session)];
  }

  function refund(sessionId: string, amountMinor: number | undefined): StripeEvent[] {
    const state = requireSession(sessionId);
    const intent = state.session.payment_intent ? paymentIntents.get(state.session.payment_intent) : undefined;
    const charge = intent?.latest_charge ? charges.get(intent.latest_charge) : undefined;
    if (!charge) throw invalid(`Checkout Session ${sessionId} has no successful payment to refund.`);
    const refundable = charge.amount - charge.amount_refunded;
    if (refundable === 0) throw invalid(`Charge ${charge.id} has already been refunded.`, undefined, 'charge_already_refunded');
    const amount = amountMinor ?? refundable;
    if (!Number.isSafeInteger(amount) || amount <= 0) throw invalid('Refund amount must be a positive integer in minor units.', 'amount');
    if (amount > refundable) {
      throw invalid(
        `Refund amount (${formatAmount(amount, charge.currency)}) is greater than unrefunded amount on charge (${formatAmount(refundable, charge.currency)})`,
        'amount',
      );
    }
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    return [recordEvent('charge.refunded', charge)];
  }

  function recordEvent(type: string, object: unknown): StripeEvent {
    const event: StripeEvent = {
      id: randomId('evt_', 24),
      object: 'event',
      api_version: Stripe.API_VERSION,
      created: nowSeconds(),
      // A snapshot: later changes to the object must not rewrite what this event said.
      data: { object: structuredClone(object) },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    };
    events.set(event.id, event);
    return event;
  }

  async function deliver(event: StripeEvent, log: DeliveryLog[]): Promise<DeliveredEvent> {
    const payload = JSON.stringify(event);
    let status = 0;
    let failure: string | undefined;
    let attempts = 0;
    while (attempts <= WEBHOOK_RETRIES && !stopping.signal.aborted) {
      if (attempts > 0) await sleep(WEBHOOK_RETRY_DELAY_MS * attempts, undefined, { signal: stopping.signal }).catch(() => undefined);
      if (stopping.signal.aborted) break;
      attempts++;
      try {
        const response = await fetch(options.webhookUrl(), {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            // Signed per attempt, as Stripe does, so the timestamp stays within the receiver's tolerance.
            'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: options.webhookSecret }),
          },
          body: payload,
          signal: AbortSignal.any([stopping.signal, AbortSignal.timeout(WEBHOOK_TIMEOUT_MS)]),
        });
        status = response.status;
        if (response.ok) {
          failure = undefined;
          await response.body?.cancel();
          break;
        }
        failure = (await response.text()).slice(0, 300) || `HTTP ${status}`;
      } catch (error) {
        status = 0;
        failure = describeFailure(error);
      }
    }
    log.push({ eventId: event.id, type: event.type, status, attempts, failure });
    return { event: event as Record<string, unknown>, status };
  }

  /** Delivered one after another, as a receiver would see them from Stripe for one action. */
  async function act(sessionId: string, action: () => StripeEvent[]): Promise<DeliveredEvent[]> {
    const emitted = action();
    const log = sessions.get(sessionId)?.deliveries ?? [];
    const delivered: DeliveredEvent[] = [];
    for (const event of emitted) delivered.push(await deliver(event, log));
    return delivered;
  }

  const server = createServer((req, res) => {
    serve(req, res).catch((error: unknown) => {
      console.error('[stripe stand-in] failed to handle', req.method, req.url, error);
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, { error: { type: 'api_error', message: 'The local Stripe stand-in failed to handle the request.' } });
    });
  });

  async function serve(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const method = (req.method ?? 'GET').toUpperCase();
    if (url.pathname.startsWith('/v1/')) return serveApi(req, res, method, url);
    const page = /^\/checkout\/([^/]+)(?:\/(pay|settle|fail|expire|refund))?\/?$/.exec(url.pathname);
    if (page) return servePage(req, res, method, safeDecode(page[1]!), page[2]);
    sendJson(res, 404, unrecognizedUrl(method, url.pathname).body());
  }

  async function serveApi(req: IncomingMessage, res: ServerResponse, method: string, url: URL) {
    const raw = method === 'POST' ? await readBody(req) : url.search.slice(1);
    if (raw === undefined) return sendJson(res, 413, invalid('The request body is too large.').body());
    const params = parseStripeForm(raw);
    const idempotencyKey = headerOf(req, 'idempotency-key');
    requests.push({ method, path: url.pathname, idempotencyKey, body: params });

    res.setHeader('request-id', randomId('req_', 14));
    res.setHeader('stripe-version', headerOf(req, 'stripe-version') ?? Stripe.API_VERSION);
    if (idempotencyKey && method === 'POST') res.setHeader('idempotency-key', idempotencyKey);

    const apiKey = /^Bearer (\S+)$/.exec(headerOf(req, 'authorization') ?? '')?.[1];
    if (!apiKey) {
      return sendJson(res, 401, invalid('You did not provide an API key. Provide it in the Authorization header as a Bearer token.').body());
    }
    if (/^(sk|rk)_live_/.test(apiKey)) {
      return sendJson(res, 401, invalid('The local Stripe stand-in accepts test-mode keys only; a live key here means a mixed-up configuration.').body());
    }

    const endpoint = `${method} ${url.pathname}`;
    const fingerprint = canonicalJson(params);
    const prior = method === 'POST' && idempotencyKey ? idempotency.get(idempotencyKey) : undefined;
    if (prior && idempotencyKey) {
      if (prior.endpoint !== endpoint) {
        const error = new StripeApiError(400, 'idempotency_error',
          `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${prior.endpoint}' vs '${endpoint}'). Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`);
        return sendJson(res, error.status, error.body());
      }
      if (prior.fingerprint !== fingerprint) {
        const error = new StripeApiError(400, 'idempotency_error',
          `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`);
        return sendJson(res, error.status, error.body());
      }
      res.setHeader('idempotent-replayed', 'true');
      res.statusCode = prior.status;
      res.setHeader('content-type', 'application/json');
      return void res.end(prior.body);
    }

    const route = apiRoutes.find((r) => r.method === method && r.pattern.test(url.pathname));
    if (!route) return sendJson(res, 404, unrecognizedUrl(method, url.pathname).body());
    const id = safeDecode(route.pattern.exec(url.pathname)?.[1] ?? '');
    let result: unknown;
    try {
      result = route.run(params, id);
    } catch (error) {
      // Like Stripe, a request rejected before it ran saves no idempotent result, so a corrected retry may reuse the key.
      if (error instanceof StripeApiError) return sendJson(res, error.status, error.body());
      throw error;
    }
    const body = JSON.stringify(result);
    if (method === 'POST' && idempotencyKey) idempotency.set(idempotencyKey, { endpoint, fingerprint, status: 200, body });
    res.statusCode = 200;
    res.setHeader('content-type', 'application/json');
    res.end(body);
  }

  async function servePage(req: IncomingMessage, res: ServerResponse, method: string, sessionId: string, action: string | undefined) {
    const state = sessions.get(sessionId);
    if (!state) return sendHtml(res, 404, errorPage('No such checkout session', `There is no checkout session ${sessionId} in this stand-in.`, undefined));
    if (!action) {
      if (method !== 'GET' && method !== 'HEAD') return sendHtml(res, 405, errorPage('Method not allowed', `${method} is not allowed here.`, pageUrl(sessionId)));
      const intent = state.session.payment_intent ? paymentIntents.get(state.session.payment_intent) : undefined;
      const charge = intent?.latest_charge ? charges.get(intent.latest_charge) : undefined;
      return sendHtml(res, 200, checkoutPage({ state, intent, charge, pageUrl: pageUrl(sessionId) }));
    }
    if (method !== 'POST') return sendHtml(res, 405, errorPage('Method not allowed', 'The checkout actions take a form POST.', pageUrl(sessionId)));

    const raw = await readBody(req);
    const form = new URLSearchParams(raw ?? '');
    const { session } = state;
    let next = pageUrl(sessionId);
    try {
      switch (action) {
        case 'pay': {
          const kind = form.get('method') ?? 'card';
          if (kind !== 'card' && kind !== 'bank_transfer') throw invalid(`Unknown payment method ${kind}.`, 'method');
          await act(sessionId, () => pay(sessionId, kind));
          if (kind === 'card' && session.success_url) next = withSessionId(session.success_url, sessionId);
          break;
        }
        case 'settle':
          await act(sessionId, () => settle(sessionId));
          break;
        case 'fail':
          await act(sessionId, () => failTransfer(sessionId));
          break;
        case 'expire':
          await act(sessionId, () => expire(sessionId));
          if (session.cancel_url) next = session.cancel_url;
          break;
        case 'refund': {
          const text = form.get('amount')?.trim() ?? '';
          if (text !== '' && !/^\d+$/.test(text)) throw invalid('The refund amount must be a whole number of minor units, e.g. 250 for 2.50.', 'amount');
          await act(sessionId, () => refund(sessionId, text === '' ? undefined : Number(text)));
          break;
        }
      }
    } catch (error) {
      if (error instanceof StripeApiError) return sendHtml(res, error.status, errorPage('That did not work', error.message, pageUrl(sessionId)));
      throw error;
    }
    res.statusCode = 303;
    res.setHeader('location', next);
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  baseUrl = (options.publicUrl ?? url).replace(/\/+$/, '');

  return {
    url,
    host: '127.0.0.1',
    port,
    protocol: 'http',
    requests,
    pay: (sessionId, payOptions) => act(sessionId, () => pay(sessionId, payOptions?.method ?? 'card')),
    settle: (sessionId) => act(sessionId, () => settle(sessionId)),
    failAsyncPayment: (sessionId) => act(sessionId, () => failTransfer(sessionId)),
    expire: (sessionId) => act(sessionId, () => expire(sessionId)),
    refund: (sessionId, amountMinor) => act(sessionId, () => refund(sessionId, amountMinor)),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        stopping.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        // The SDK's agent keeps connections alive; close() alone would wait for them to idle out.
        server.closeAllConnections();
      }),
  };
}

// --- Stripe's form encoding -------------------------------------------------------------------

const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Decodes Stripe's bracket notation (`metadata[topUpId]=x`, `line_items[0][quantity]=2`,
 * `expand[]=customer`) into nested objects, turning 0..n-1 indexed objects into arrays.
 */
function parseStripeForm(encoded: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(encoded)) {
    const path = splitKey(key);
    if (path.some((part) => UNSAFE_KEYS.has(part))) continue;
    let node = root;
    path.forEach((part, i) => {
      const name = part === '' ? String(Object.keys(node).length) : part;
      if (i === path.length - 1) {
        node[name] = value;
        return;
      }
      const child = node[name];
      if (typeof child !== 'object' || child === null) node[name] = {};
      node = node[name] as Record<string, unknown>;
    });
  }
  return arraysFromIndexes(root, undefined) as Record<string, unknown>;
}

function splitKey(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return [key];
  return [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
}

function arraysFromIndexes(value: unknown, key: string | undefined): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, arraysFromIndexes(v, k)] as const);
  // Metadata keys are the caller's own and may look like indexes.
  const indexed = key !== 'metadata' && entries.length > 0 && entries.every(([k]) => /^\d+$/.test(k));
  if (indexed) {
    const sorted = [...entries].sort((a, b) => Number(a[0]) - Number(b[0]));
    if (sorted.every(([k], i) => Number(k) === i)) return sorted.map(([, v]) => v);
  }
  return Object.fromEntries(entries);
}

/** Same parameters in any order give the same fingerprint, as Stripe compares parameters, not bytes. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record).sort().map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

// --- Parameter validation, in Stripe's words --------------------------------------------------

function allowOnly(params: Record<string, unknown>, allowed: string[], prefix: string) {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      const param = prefix ? `${prefix}[${key}]` : key;
      throw invalid(`Received unknown parameter: ${param}. (The local Stripe stand-in implements only: ${allowed.join(', ')}.)`, param);
    }
  }
}

function unsettable(param: string) {
  return invalid(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    param,
  );
}

function stringParam(value: unknown, param: string, rules: { required?: boolean; maxLength?: number } = {}): string | undefined {
  if (value === undefined) {
    if (rules.required) throw invalid(`Missing required param: ${param}.`, param);
    return undefined;
  }
  if (typeof value !== 'string') throw invalid(`Invalid string: ${param} must be a string, not an object or array.`, param);
  if (value === '') throw unsettable(param);
  if (rules.maxLength !== undefined && value.length > rules.maxLength) {
    throw invalid(`Invalid ${param}: must be at most ${rules.maxLength} characters.`, param);
  }
  return value;
}

function integerParam(value: unknown, param: string, rules: { required?: boolean; min?: number } = {}): number | undefined {
  const text = stringParam(value, param, rules);
  if (text === undefined) return undefined;
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(Number(text))) throw invalid(`Invalid integer: ${text}`, param);
  const number = Number(text);
  if (rules.min !== undefined && number < rules.min) throw invalid(`Invalid ${param}: must be greater than or equal to ${rules.min}.`, param);
  return number;
}

function booleanParam(value: unknown, param: string, rules: { required?: boolean } = {}): boolean | undefined {
  const text = stringParam(value, param, rules);
  if (text === undefined) return undefined;
  if (text !== 'true' && text !== 'false') throw invalid(`Invalid boolean: ${text}`, param);
  return text === 'true';
}

function urlParam(value: unknown, param: string): string | undefined {
  const text = stringParam(value, param, { maxLength: 5000 });
  if (text === undefined) return undefined;
  if (!URL.canParse(text) || !/^https?:$/.test(new URL(text).protocol)) throw invalid('Not a valid URL', param);
  return text;
}

function hashParam(value: unknown, param: string, allowed: string[]): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`Invalid object: ${param} must be a hash.`, param);
  const hash = value as Record<string, unknown>;
  allowOnly(hash, allowed, param);
  return hash;
}

function metadataParam(value: unknown, param: string): Metadata {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(`Invalid object: ${param} must be a hash of strings.`, param);
  const metadata: Metadata = {};
  for (const [key, entry] of Object.entries(value as Record<string, unknown>)) {
    if (typeof entry !== 'string') throw invalid(`Invalid value type: ${param}[${key}] must be a string.`, `${param}[${key}]`);
    if (key.length > 40) {
      throw invalid(`Metadata keys can have up to 40 characters, but you passed in a key that is ${key.length} characters. Invalid key: ${key}`, `${param}[${key}]`);
    }
    if (entry.length > 500) {
      throw invalid(`Metadata values can have up to 500 characters, but you passed in a value that is ${entry.length} characters. Invalid value: ${entry.slice(0, 40)}…`, `${param}[${key}]`);
    }
    // An empty value unsets the key in Stripe.
    if (entry !== '') metadata[key] = entry;
  }
  if (Object.keys(metadata).length > 50) throw invalid(`Invalid ${param}: metadata can have at most 50 keys.`, param);
  return metadata;
}

function expandList(value: unknown, expandable: string[]): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw invalid('Invalid array', 'expand');
  return value.map((field, i) => {
    if (typeof field !== 'string' || !expandable.includes(field)) {
      throw invalid(
        `This property cannot be expanded (${String(field)}). The local Stripe stand-in expands only: ${expandable.join(', ') || 'nothing here'}.`,
        `expand[${i}]`,
      );
    }
    return field;
  });
}

function lineItemsParam(value: unknown): LineItem[] {
  if (value === undefined) throw invalid('Missing required param: line_items. In payment mode, line_items is required.', 'line_items');
  if (!Array.isArray(value) || value.length === 0) throw invalid('Invalid array', 'line_items');
  const items = value.map((raw, i): LineItem => {
    const param = `line_items[${i}]`;
    const item = hashParam(raw, param, ['price', 'price_data', 'quantity'])!;
    if (item.price !== undefined) {
      throw invalid('The local Stripe stand-in implements only inline price_data, not saved prices.', `${param}[price]`);
    }
    const priceData = hashParam(item.price_data, `${param}[price_data]`, ['currency', 'unit_amount', 'product_data']);
    if (!priceData) throw invalid(`You must specify either \`price\` or \`price_data\` in ${param}.`, `${param}[price_data]`);
    const currency = stringParam(priceData.currency, `${param}[price_data][currency]`, { required: true })!.toLowerCase();
    if (!CURRENCIES.has(currency)) throw invalid(`Invalid currency: ${currency}.`, `${param}[price_data][currency]`);
    const productData = hashParam(priceData.product_data, `${param}[price_data][product_data]`, ['name', 'description']);
    if (!productData) throw invalid(`Missing required param: ${param}[price_data][product_data].`, `${param}[price_data][product_data]`);
    stringParam(productData.description, `${param}[price_data][product_data][description]`);
    return {
      name: stringParam(productData.name, `${param}[price_data][product_data][name]`, { required: true, maxLength: 250 })!,
      currency,
      unitAmount: integerParam(priceData.unit_amount, `${param}[price_data][unit_amount]`, { required: true, min: 0 })!,
      quantity: integerParam(item.quantity, `${param}[quantity]`, { required: true, min: 1 })!,
    };
  });
  const currency = items[0]!.currency;
  const other = items.findIndex((item) => item.currency !== currency);
  if (other !== -1) {
    throw invalid('All line items must use the same currency.', `line_items[${other}][price_data][currency]`);
  }
  return items;
}

// --- HTTP and HTML ----------------------------------------------------------------------------

function unrecognizedUrl(method: string, path: string) {
  return new StripeApiError(404, 'invalid_request_error', `Unrecognized request URL (${method}: ${path}). The local Stripe stand-in serves only the endpoints the platform uses.`);
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.statusCode = status;
  res.setHeader('content-type', 'application/json');
  res.end(JSON.stringify(body));
}

function sendHtml(res: ServerResponse, status: number, html: string) {
  res.statusCode = status;
  res.setHeader('content-type', 'text/html; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(html);
}

function headerOf(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Stripe fills the `{CHECKOUT_SESSION_ID}` template in success_url when it redirects. */
function withSessionId(url: string, sessionId: string): string {
  return url.replaceAll('{CHECKOUT_SESSION_ID}', sessionId);
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${(error.cause as Error & { code?: string }).code ?? error.cause.message}` : '';
  return `${error.message}${cause}`;
}

function formatAmount(minor: number, currency: string): string {
  const format = new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(minor / 10 ** digits);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const PAGE_STYLE = `
  body { font: 16px/1.5 system-ui, sans-serif; margin: 0; background: #f6f8fa; color: #1a1f36; }
  main { max-width: 32rem; margin: 2rem auto; padding: 1.5rem 2rem; background: #fff; border-radius: 8px; box-shadow: 0 1px 3px #0002; }
  .notice { font-size: .875rem; background: #fff4d6; padding: .25rem .5rem; border-radius: 4px; }
  form { margin: .75rem 0; }
  button { font: inherit; padding: .5rem 1rem; border-radius: 6px; border: 1px solid #635bff; background: #635bff; color: #fff; cursor: pointer; }
  button.secondary { background: #fff; color: #635bff; }
  button:focus-visible, a:focus-visible, input:focus-visible { outline: 3px solid #1a1f36; outline-offset: 2px; }
  label { display: block; margin-bottom: .25rem; }
  input { font: inherit; padding: .4rem; }
  table { border-collapse: collapse; width: 100%; font-size: .875rem; }
  th, td { text-align: left; padding: .25rem .5rem .25rem 0; border-bottom: 1px solid #e3e8ee; }
`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${PAGE_STYLE}</style>
</head>
<body>
<main>
<p class="notice">Local Stripe stand-in: test mode, no real money moves.</p>
${body}
</main>
</body>
</html>`;
}

function actionForm(action: string, label: string, fields: Record<string, string> = {}, secondary = false): string {
  const hidden = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  return `<form method="post" action="${escapeHtml(action)}">${hidden}<button type="submit"${secondary ? ' class="secondary"' : ''}>${escapeHtml(label)}</button></form>`;
}

interface PageView {
  state: SessionState;
  intent: PaymentIntent | undefined;
  charge: Charge | undefined;
  pageUrl: string;
}

function checkoutPage({ state, intent, charge, pageUrl }: PageView): string {
  const { session, lineItems } = state;
  const total = formatAmount(session.amount_total, session.currency);
  const description = lineItems.map((item) => item.name).join(', ');
  const items = lineItems
    .map((item) => `<li>${escapeHtml(item.name)} × ${item.quantity}: ${escapeHtml(formatAmount(item.unitAmount * item.quantity, item.currency))}</li>`)
    .join('');
  const parts: string[] = [
    `<h1>Pay ${escapeHtml(total)} (${escapeHtml(session.currency.toUpperCase())})</h1>`,
    `<p>${escapeHtml(description)}</p>`,
    `<ul aria-label="Items">${items}</ul>`,
  ];
  const status = (text: string) => parts.push(`<p role="status"><strong>${escapeHtml(text)}</strong></p>`);

  if (session.status === 'open') {
    status('Waiting for payment.');
    parts.push(
      actionForm(`${pageUrl}/pay`, 'Pay with card', { method: 'card' }),
      actionForm(`${pageUrl}/pay`, 'Pay by bank transfer (settles later)', { method: 'bank_transfer' }),
      actionForm(`${pageUrl}/expire`, 'Cancel', {}, true),
    );
  } else if (session.status === 'expired') {
    status('This checkout session expired; it can no longer be paid.');
    if (session.cancel_url) parts.push(`<p><a href="${escapeHtml(session.cancel_url)}">Back to the shop</a></p>`);
  } else if (intent?.status === 'processing') {
    status('Bank transfer started: the money has not arrived yet.');
    parts.push(actionForm(`${pageUrl}/settle`, 'Settle the bank transfer'), actionForm(`${pageUrl}/fail`, 'Bank transfer fails', {}, true));
  } else if (!charge) {
    status('The bank transfer failed; nothing was paid.');
  } else {
    const refundable = charge.amount - charge.amount_refunded;
    if (charge.amount_refunded === 0) status(`Paid ${total}.`);
    else if (refundable === 0) status(`Paid ${total}, refunded in full.`);
    else status(`Paid ${total}, ${formatAmount(charge.amount_refunded, charge.currency)} refunded so far.`);
    if (refundable > 0) {
      parts.push(
        `<form method="post" action="${escapeHtml(`${pageUrl}/refund`)}">` +
          `<label for="refund-amount">Amount to refund in minor units (e.g. cents); leave empty to refund the remaining ${escapeHtml(formatAmount(refundable, charge.currency))}</label>` +
          `<input id="refund-amount" name="amount" inputmode="numeric" pattern="[0-9]*" autocomplete="off"> ` +
          '<button type="submit">Refund</button></form>',
      );
    }
    if (session.success_url) parts.push(`<p><a href="${escapeHtml(withSessionId(session.success_url, session.id))}">Back to the shop</a></p>`);
  }

  if (state.deliveries.length > 0) {
    const rows = state.deliveries
      .map((d) => `<tr><td>${escapeHtml(d.type)}</td><td>${d.status === 0 ? 'no response' : d.status}</td><td>${d.attempts}</td><td>${escapeHtml(d.failure ?? '')}</td></tr>`)
      .join('');
    parts.push(
      '<h2 id="deliveries">Webhook deliveries</h2>' +
        '<table aria-labelledby="deliveries"><thead><tr><th scope="col">Event</th><th scope="col">Status</th><th scope="col">Attempts</th><th scope="col">Answer</th></tr></thead>' +
        `<tbody>${rows}</tbody></table>`,
    );
  }
  return layout(`Pay ${total}: ${description} (local Stripe Checkout)`, parts.join('\n'));
}

function errorPage(title: string, message: string, backUrl: string | undefined): string {
  const back = backUrl ? `<p><a href="${escapeHtml(backUrl)}">Back to the checkout page</a></p>` : '';
  return layout(title, `<h1>${escapeHtml(title)}</h1><p role="alert">${escapeHtml(message)}</p>${back}`);
}


const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomId(prefix: string, length: number): string {
  let id = prefix;
  for (const byte of randomBytes(length)) id += ID_ALPHABET.charAt(byte % ID_ALPHABET.length);
  return id;
}
