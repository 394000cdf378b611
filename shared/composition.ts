/**
 * The composition root: adapters wired to ports once per execution environment. Handlers take
 * what they need from `deps()`; the local runtime swaps the queue for its in-process one.
 */
import { monotonicFactory } from 'ulid';
import { config } from './config.js';
import { clock } from './adapters/clock.js';
import { documentClient } from './adapters/dynamodb/client.js';
import { DynamoCompanyRepository, DynamoPartnerRepository } from './adapters/dynamodb/companies-repository.js';
import { DynamoEmployeeImportRepository } from './adapters/dynamodb/employee-imports-repository.js';
import { DynamoEmployeeRepository } from './adapters/dynamodb/employees-repository.js';
import { DynamoAllocationRepository } from './adapters/dynamodb/allocations-repository.js';
import { DynamoExpiryIndex } from './adapters/dynamodb/expiry-index.js';
import { DynamoLedgerStore } from './adapters/dynamodb/ledger-store.js';
import { SqsJobQueue } from './adapters/sqs/sqs-job-queue.js';
import type { CompanyDeps } from './domain/companies/use-cases.js';
import type { ImportDeps } from './domain/employees/imports.js';
import type { JobQueue } from './domain/ports.js';
import type { AllocationDeps } from './domain/allocations/use-cases.js';
import type { BudgetDeps } from './domain/budget/use-cases.js';
import type { ExpiryDeps } from './domain/wallet/expiry.js';
import type { WalletDeps } from './domain/wallet/use-cases.js';
import type { PaymentEvent, PaymentGateway, TopUpDeps } from './domain/budget/top-ups.js';
import { DynamoTopUpRepository, DynamoWebhookEventStore } from './adapters/dynamodb/top-ups-repository.js';
import { stripeKeys } from './adapters/stripe/settings.js';
import { DynamoProductRepository, DynamoSelectionRepository } from './adapters/dynamodb/catalog-repository.js';
import type { CatalogDeps } from './domain/catalog/use-cases.js';
import { DynamoCodePool, DynamoOrderRepository } from './adapters/dynamodb/orders-repository.js';
import type { OrderDeps } from './domain/orders/use-cases.js';
import { CachedCatalogReader } from './adapters/cache/catalog-cache.js';
import { CachedEmployeeCountries } from './adapters/cache/employee-country-cache.js';
import { randomBytes } from 'node:crypto';
import { DynamoShipmentRepository } from './adapters/dynamodb/shipments-repository.js';
import type { CarrierDeps } from './domain/fulfilment/use-cases.js';
import type { CarrierTracking } from './domain/fulfilment/tracking.js';
import { shipEngineSettings } from './adapters/shipengine/settings.js';
import { jwksKeySource, type KeySource } from './adapters/shipengine/webhook-signature.js';
import type { NotificationDeps } from './domain/notifications/use-cases.js';
import type { Mailer } from './domain/notifications/ports.js';
import { DynamoOutbox } from './adapters/dynamodb/outbox.js';
import { DynamoOrderSourceRepository } from './adapters/dynamodb/order-source-repository.js';
import type { OrderSourceDeps } from './domain/fulfilment/order-source.js';
import { DynamoFeedbackRepository } from './adapters/dynamodb/feedback-repository.js';
import { DynamoReportStore } from './adapters/dynamodb/report-store.js';
import type { FeedbackDeps } from './domain/feedback/use-cases.js';
import type { ReportDeps } from './domain/reports/use-cases.js';

export type Dependencies = CompanyDeps & ImportDeps & BudgetDeps & AllocationDeps & WalletDeps & ExpiryDeps & CatalogDeps & OrderDeps & CarrierDeps & NotificationDeps & OrderSourceDeps & { shipEngineKeys: KeySource } &
  FeedbackDeps & ReportDeps &
  Omit<TopUpDeps, 'payments'> & {
    /** Stripe needs its keys, which may come from Secrets Manager: wired on first use. */
    withPayments(): Promise<TopUpDeps & { verifyPaymentEvent(rawBody: string, signature: string | undefined): PaymentEvent }>;
  };

let wired: Dependencies | undefined;
let mailer: Promise<Mailer> | undefined;
let mailerOverride: Mailer | undefined;

/** SES in AWS; the local runtime's mailbox directory when MAILBOX_DIR is set. Loaded on first use. */
async function createMailer(mailboxDir: string | undefined, from: string): Promise<Mailer> {
  if (mailboxDir) {
    const { LocalMailbox } = await import('./adapters/email/local-mailbox.js');
    return new LocalMailbox(mailboxDir);
  }
  const [{ SESv2Client }, { SesMailer }] = await Promise.all([import('@aws-sdk/client-sesv2'), import('./adapters/email/ses-mailer.js')]);
  return new SesMailer(new SESv2Client({}), from);
}

/** Tests put a failing or recording mailer in front of the real one. */
export function useMailer(m: Mailer | undefined): void {
  mailerOverride = m;
  mailer = undefined;
}
let queueOverride: JobQueue | undefined;

export function deps(): Dependencies {
  if (wired) return wired;
  const c = config();
  const db = documentClient();
  const ulid = monotonicFactory();
  const ids = { next: () => ulid() };
  const products = new DynamoProductRepository(db, c.TABLE_NAME);
  const selections = new DynamoSelectionRepository(db, c.TABLE_NAME);
  const employees = new DynamoEmployeeRepository(db, c.TABLE_NAME);
  wired = {
    companies: new DynamoCompanyRepository(db, c.TABLE_NAME),
    partners: new DynamoPartnerRepository(db, c.TABLE_NAME),
    employees,
    employeeCountries: new CachedEmployeeCountries(employees),
    imports: new DynamoEmployeeImportRepository(db, c.TABLE_NAME),
    ledger: new DynamoLedgerStore(db, c.TABLE_NAME, ids),
    allocations: new DynamoAllocationRepository(db, c.TABLE_NAME),
    expiryIndex: new DynamoExpiryIndex(db, c.TABLE_NAME),
    topUps: new DynamoTopUpRepository(db, c.TABLE_NAME),
    products,
    selections,
    catalog: new CachedCatalogReader(products, selections),
    orders: new DynamoOrderRepository(db, c.TABLE_NAME),
    codes: new DynamoCodePool(db, c.TABLE_NAME),
    webhookEvents: new DynamoWebhookEventStore(db, c.TABLE_NAME),
    shipments: new DynamoShipmentRepository(db, c.TABLE_NAME),
    orderSource: new DynamoOrderSourceRepository(db, c.TABLE_NAME),
    feedback: new DynamoFeedbackRepository(db, c.TABLE_NAME),
    reports: new DynamoReportStore(db, c.TABLE_NAME),
    // The recipient's tracking page of the portals (same origin as the API); its last segment is the token.
    links: { trackingUrl: (token: string) => `${c.PUBLIC_BASE_URL}/track/${token}` },
    secrets: { token: () => randomBytes(24).toString('base64url') },
    outbox: new DynamoOutbox(db, c.TABLE_NAME),
    async carrierTracking(): Promise<CarrierTracking | undefined> {
      const settings = await shipEngineSettings();
      if (!settings) return undefined;
      const { ShipEngineTrackingClient } = await import('./adapters/shipengine/tracking-client.js');
      return new ShipEngineTrackingClient({ apiKey: settings.apiKey, ...(settings.apiUrl ? { baseUrl: settings.apiUrl } : {}) });
    },
    shipEngineKeys: jwksKeySource(c.SHIPENGINE_JWKS_URL),
    portal: {
      walletUrl: () => `${c.PUBLIC_BASE_URL}/wallet`,
      orderUrl: (orderId: string) => `${c.PUBLIC_BASE_URL}/orders/${orderId}`,
      feedbackUrl: (orderId: string) => `${c.PUBLIC_BASE_URL}/orders/${orderId}#feedback`,
    },
    mailer: () => (mailer ??= mailerOverride ? Promise.resolve(mailerOverride) : createMailer(c.MAILBOX_DIR, c.MAIL_FROM)),
    async withPayments() {
      // Imported here: only the functions that talk to Stripe load its SDK.
      const { StripePaymentGateway, stripeClient, verifyStripeEvent } = await import('./adapters/stripe/stripe-payments.js');
      const keys = await stripeKeys();
      const stripe = stripeClient(keys);
      const payments: PaymentGateway = new StripePaymentGateway(stripe, c.PUBLIC_BASE_URL);
      return {
        ...this,
        payments,
        verifyPaymentEvent: (rawBody: string, signature: string | undefined) => verifyStripeEvent(stripe, rawBody, signature, keys.webhookSecret),
      };
    },
    queue: queueOverride ?? new SqsJobQueue({
      'employee-imports': c.QUEUE_URL_EMPLOYEE_IMPORTS, allocations: c.QUEUE_URL_ALLOCATIONS, fulfilment: c.QUEUE_URL_FULFILMENT,
      notifications: c.QUEUE_URL_NOTIFICATIONS, tracking: c.QUEUE_URL_TRACKING,
    }),
    clock,
    ids,
  };
  return wired;
}

/** The local runtime delivers queue messages in-process (local/queue.ts). */
export function useQueue(queue: JobQueue): void {
  queueOverride = queue;
  wired = undefined;
}

export function resetDependencies(): void {
  wired = undefined;
  mailer = undefined;
}
