/**
 * The composition root: adapters wired to ports once per execution environment.
 *
 * Each adapter has its own memoised factory and each area of use cases a factory of the deps
 * it declares (`orderDeps()`, `catalogDeps()`, ...). A handler imports only its area's factory,
 * so its bundle holds only the adapters that area reaches (esbuild drops the rest: the package
 * declares no side effects). `deps()` wires everything at once, for the local runtime, the
 * tests and the benchmarks; it shares the same adapter instances. The local runtime swaps the
 * queue for its in-process one.
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
import type { CompanyDeps } from './domain/companies/use-cases.js';
import type { EmployeeDeps } from './domain/employees/use-cases.js';
import type { ImportDeps } from './domain/employees/imports.js';
import type { IdGenerator, JobQueue } from './domain/ports.js';
import type { AllocationDeps } from './domain/allocations/use-cases.js';
import type { BudgetDeps } from './domain/budget/use-cases.js';
import type { ExpiryDeps } from './domain/wallet/expiry.js';
import type { WalletDeps } from './domain/wallet/use-cases.js';
import type { PaymentEvent, TopUpDeps } from './domain/budget/top-ups.js';
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
import type { CarrierDeps, FulfilmentDeps } from './domain/fulfilment/use-cases.js';
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

/** Top-up deps with Stripe, and the check of Stripe's webhook signatures. */
export type PaymentDeps = TopUpDeps & { verifyPaymentEvent(rawBody: string, signature: string | undefined): PaymentEvent };

export type Dependencies = CompanyDeps & ImportDeps & BudgetDeps & AllocationDeps & WalletDeps & ExpiryDeps & CatalogDeps & OrderDeps & CarrierDeps & NotificationDeps & OrderSourceDeps & { shipEngineKeys: KeySource } &
  FeedbackDeps & ReportDeps &
  Omit<TopUpDeps, 'payments'> & {
    /** Stripe needs its keys, which may come from Secrets Manager: wired on first use. */
    withPayments(): Promise<PaymentDeps>;
  };

// ---- Adapters: each built on first use, then shared until the next reset ----

let wired = new Map<string, unknown>();
let mailer: Promise<Mailer> | undefined;
let mailerOverride: Mailer | undefined;
let queueOverride: JobQueue | undefined;

function once<T>(port: string, build: () => T): T {
  if (!wired.has(port)) wired.set(port, build());
  return wired.get(port) as T;
}

const table = () => config().TABLE_NAME;

/** The system clock, unless a test set another (adapters/clock.ts). */
export { clock };
export const ids = (): IdGenerator => once('ids', () => {
  const ulid = monotonicFactory();
  return { next: () => ulid() };
});
export const companies = () => once('companies', () => new DynamoCompanyRepository(documentClient(), table()));
export const partners = () => once('partners', () => new DynamoPartnerRepository(documentClient(), table()));
export const employees = () => once('employees', () => new DynamoEmployeeRepository(documentClient(), table()));
/** An employee's country for browsing, cached 30 s per instance (adapters/cache/employee-country-cache.ts). */
export const employeeCountries = () => once('employeeCountries', () => new CachedEmployeeCountries(employees()));
export const imports = () => once('imports', () => new DynamoEmployeeImportRepository(documentClient(), table()));
export const ledger = () => once('ledger', () => new DynamoLedgerStore(documentClient(), table()));
export const allocations = () => once('allocations', () => new DynamoAllocationRepository(documentClient(), table()));
export const expiryIndex = () => once('expiryIndex', () => new DynamoExpiryIndex(documentClient(), table()));
export const topUps = () => once('topUps', () => new DynamoTopUpRepository(documentClient(), table()));
export const webhookEvents = () => once('webhookEvents', () => new DynamoWebhookEventStore(documentClient(), table()));
export const products = () => once('products', () => new DynamoProductRepository(documentClient(), table()));
export const selections = () => once('selections', () => new DynamoSelectionRepository(documentClient(), table()));
export const catalog = () => once('catalog', () => new CachedCatalogReader(products(), selections()));
export const orders = () => once('orders', () => new DynamoOrderRepository(documentClient(), table()));
export const codes = () => once('codes', () => new DynamoCodePool(documentClient(), table()));
export const shipments = () => once('shipments', () => new DynamoShipmentRepository(documentClient(), table()));
export const orderSource = () => once('orderSource', () => new DynamoOrderSourceRepository(documentClient(), table()));
export const feedback = () => once('feedback', () => new DynamoFeedbackRepository(documentClient(), table()));
export const reports = () => once('reports', () => new DynamoReportStore(documentClient(), table()));
export const outbox = () => once('outbox', () => new DynamoOutbox(documentClient(), table()));
export const shipEngineKeys = () => once('shipEngineKeys', () => jwksKeySource(config().SHIPENGINE_JWKS_URL));

/** The recipient's tracking page of the portals (same origin as the API); its last segment is the token. */
const links = () => once('links', () => {
  const base = config().PUBLIC_BASE_URL;
  return { trackingUrl: (token: string) => `${base}/track/${token}` };
});
const portal = () => once('portal', () => {
  const base = config().PUBLIC_BASE_URL;
  return {
    walletUrl: () => `${base}/wallet`,
    orderUrl: (orderId: string) => `${base}/orders/${orderId}`,
    feedbackUrl: (orderId: string) => `${base}/orders/${orderId}#feedback`,
  };
});
const secrets = { token: () => randomBytes(24).toString('base64url') };

/** SQS in AWS, the local runtime's in-process queue when it set one (useQueue). */
export const queue = (): JobQueue => queueOverride ?? once('queue', () => sqsQueue());

/**
 * The SQS client is loaded on the first send, as SES and Stripe are: a function that may
 * enqueue pays for it only when it does.
 */
function sqsQueue(): JobQueue {
  const c = config();
  const urls = {
    'employee-imports': c.QUEUE_URL_EMPLOYEE_IMPORTS, allocations: c.QUEUE_URL_ALLOCATIONS, fulfilment: c.QUEUE_URL_FULFILMENT,
    notifications: c.QUEUE_URL_NOTIFICATIONS, tracking: c.QUEUE_URL_TRACKING,
  };
  let sqs: Promise<JobQueue> | undefined;
  return {
    async send(name, messages) {
      sqs ??= import('./adapters/sqs/sqs-job-queue.js').then(({ SqsJobQueue }) => new SqsJobQueue(urls));
      return (await sqs).send(name, messages);
    },
  };
}

/** SES in AWS; the local runtime's mailbox directory when MAILBOX_DIR is set. Loaded on first use. */
async function createMailer(mailboxDir: string | undefined, from: string): Promise<Mailer> {
  if (mailboxDir) {
    const { LocalMailbox } = await import('./adapters/email/local-mailbox.js');
    return new LocalMailbox(mailboxDir);
  }
  const [{ SESv2Client }, { SesMailer }] = await Promise.all([import('@aws-sdk/client-sesv2'), import('./adapters/email/ses-mailer.js')]);
  return new SesMailer(new SESv2Client({}), from);
}

const sendMail = (): Promise<Mailer> => {
  const c = config();
  return (mailer ??= mailerOverride ? Promise.resolve(mailerOverride) : createMailer(c.MAILBOX_DIR, c.MAIL_FROM));
};

async function carrierTracking(): Promise<CarrierTracking | undefined> {
  const settings = await shipEngineSettings();
  if (!settings) return undefined;
  const { ShipEngineTrackingClient } = await import('./adapters/shipengine/tracking-client.js');
  return new ShipEngineTrackingClient({ apiKey: settings.apiKey, ...(settings.apiUrl ? { baseUrl: settings.apiUrl } : {}) });
}

// ---- Areas: the deps each group of use cases declares ----

export const companyDeps = (): CompanyDeps => ({ companies: companies(), partners: partners(), clock, ids: ids() });
export const employeeDeps = (): EmployeeDeps => ({ employees: employees(), clock, ids: ids() });
export const importDeps = (): ImportDeps => ({ ...employeeDeps(), imports: imports(), queue: queue() });
export const budgetDeps = (): BudgetDeps => ({ ledger: ledger(), companies: companies(), clock });
export const topUpDeps = (): Pick<TopUpDeps, 'topUps'> => ({ topUps: topUps() });
export const allocationDeps = (): AllocationDeps => ({
  ledger: ledger(), employees: employees(), allocations: allocations(), queue: queue(), clock, ids: ids(),
});
export const walletDeps = (): WalletDeps => ({ ledger: ledger(), employees: employees(), clock });
export const expiryDeps = (): ExpiryDeps => ({ ledger: ledger(), expiryIndex: expiryIndex(), clock });
/** Expiry reminders go out through the notifications queue. */
export const reminderDeps = (): ExpiryDeps & { queue: JobQueue } => ({ ...expiryDeps(), queue: queue() });
export const catalogDeps = (): CatalogDeps => ({
  products: products(), selections: selections(), partners: partners(), employeeCountries: employeeCountries(), clock, ids: ids(),
});
export const orderDeps = (): OrderDeps => ({
  ledger: ledger(), employees: employees(), catalog: catalog(), orders: orders(), codes: codes(), clock,
});
export const fulfilmentDeps = (): FulfilmentDeps => ({
  shipments: shipments(), orders: orders(), catalog: catalog(), clock, links: links(), secrets,
});
export const carrierDeps = (): CarrierDeps => ({ ...fulfilmentDeps(), carrierTracking });
export const orderSourceDeps = (): OrderSourceDeps => ({ ...fulfilmentDeps(), orderSource: orderSource() });
export const notificationDeps = (): NotificationDeps => ({
  employees: employees(), companies: companies(), allocations: allocations(), orders: orders(), outbox: outbox(),
  mailer: sendMail, clock, portal: portal(),
});
export const feedbackDeps = (): FeedbackDeps => ({ feedback: feedback(), orders: orders(), clock });
export const reportDeps = (): ReportDeps => ({ reports: reports(), feedback: feedback(), clock });

/** Built on each call: Stripe's keys come from Secrets Manager and are refreshed (stripe/settings.ts). */
export async function paymentDeps(): Promise<PaymentDeps> {
  // Imported here: only the functions that talk to Stripe load its SDK.
  const { StripePaymentGateway, stripeClient, verifyStripeEvent } = await import('./adapters/stripe/stripe-payments.js');
  const keys = await stripeKeys();
  const stripe = stripeClient(keys);
  return {
    ledger: ledger(), companies: companies(), topUps: topUps(), webhookEvents: webhookEvents(), clock,
    payments: new StripePaymentGateway(stripe, config().PUBLIC_BASE_URL),
    verifyPaymentEvent: (rawBody: string, signature: string | undefined) => verifyStripeEvent(stripe, rawBody, signature, keys.webhookSecret),
  };
}

/** Every adapter at once (the local runtime, tests, benchmarks); functions use their area's factory. */
export function deps(): Dependencies {
  return once('deps', (): Dependencies => ({
    ...companyDeps(),
    ...importDeps(),
    ...budgetDeps(),
    ...allocationDeps(),
    ...walletDeps(),
    ...expiryDeps(),
    ...catalogDeps(),
    ...orderDeps(),
    ...carrierDeps(),
    ...notificationDeps(),
    ...orderSourceDeps(),
    ...feedbackDeps(),
    ...reportDeps(),
    topUps: topUps(),
    webhookEvents: webhookEvents(),
    shipEngineKeys: shipEngineKeys(),
    async withPayments() {
      return { ...this, ...(await paymentDeps()) };
    },
  }));
}

/** Tests put a failing or recording mailer in front of the real one. */
export function useMailer(m: Mailer | undefined): void {
  mailerOverride = m;
  mailer = undefined;
}

/** The local runtime delivers queue messages in-process (local/queue.ts). */
export function useQueue(q: JobQueue): void {
  queueOverride = q;
  wired = new Map();
}

export function resetDependencies(): void {
  wired = new Map();
  mailer = undefined;
}
