/**
 * The one module that formats keys. Access patterns: docs/data-model.md.
 * Tenant-owned items carry the company id in their partition key, so a lookup built from the
 * caller's token can never reach another company's item.
 */
const pad = (n: number) => String(n).padStart(6, '0');
/** Entry keys sort by account version: the ledger reads newest first without a second index. */
const pad12 = (n: number) => String(n).padStart(12, '0');
/** Sorts after every ISO timestamp: lots that never expire are spent last. */
export const NEVER_EXPIRES = '9999-12-31T23:59:59.999Z';


export const keys = {
  company: (companyId: string) => ({ pk: `C#${companyId}`, sk: 'PROFILE' }),
  companyListing: (companyId: string) => ({ gsi1pk: 'COMPANIES', gsi1sk: companyId }),

  partner: (partnerId: string) => ({ pk: `P#${partnerId}`, sk: 'PROFILE' }),
  partnerListing: (partnerId: string) => ({ gsi1pk: 'PARTNERS', gsi1sk: partnerId }),

  employee: (companyId: string, employeeId: string) => ({ pk: `C#${companyId}#E#${employeeId}`, sk: 'PROFILE' }),
  /** gsi1: the company's employees, by status then id. */
  employeeListing: (companyId: string, status: string, employeeId: string) => ({
    gsi1pk: `C#${companyId}#EMPLOYEES`,
    gsi1sk: `${status}#${employeeId}`,
  }),
  employeesPartition: (companyId: string) => `C#${companyId}#EMPLOYEES`,
  /** gsi2: a department's employees, by status then id. */
  employeeDepartment: (companyId: string, department: string, status: string, employeeId: string) => ({
    gsi2pk: `C#${companyId}#DEPT#${department}`,
    gsi2sk: `${status}#${employeeId}`,
  }),
  departmentPartition: (companyId: string, department: string) => `C#${companyId}#DEPT#${department}`,
  /** Uniqueness of an email within a company; holds the employee id. */
  employeeEmail: (companyId: string, email: string) => ({ pk: `C#${companyId}#EMAIL#${email}`, sk: 'EMAIL' }),

  employeeImport: (companyId: string, importId: string) => ({ pk: `C#${companyId}#IMPORT#${importId}`, sk: 'IMPORT' }),
  importChunk: (companyId: string, importId: string, chunk: number) => ({
    pk: `C#${companyId}#IMPORT#${importId}`,
    sk: `CHUNK#${pad(chunk)}`,
  }),
  importError: (companyId: string, importId: string, row: number) => ({
    pk: `C#${companyId}#IMPORT#${importId}`,
    sk: `ERROR#${pad(row)}`,
  }),
  importPartition: (companyId: string, importId: string) => `C#${companyId}#IMPORT#${importId}`,

  budget: (companyId: string) => ({ pk: `C#${companyId}`, sk: 'BUDGET' }),
  budgetEntry: (companyId: string, version: number) => ({ pk: `C#${companyId}#LEDGER`, sk: pad12(version) }),
  budgetLedgerPartition: (companyId: string) => `C#${companyId}#LEDGER`,
  wallet: (companyId: string, employeeId: string) => ({ pk: `C#${companyId}#E#${employeeId}`, sk: 'WALLET' }),
  walletEntry: (companyId: string, employeeId: string, version: number) => ({
    pk: `C#${companyId}#E#${employeeId}`,
    sk: `LEDGER#${pad12(version)}`,
  }),
  employeePartition: (companyId: string, employeeId: string) => `C#${companyId}#E#${employeeId}`,
  lot: (companyId: string, employeeId: string, expiresAt: string | null, lotId: string) => ({
    pk: `C#${companyId}#E#${employeeId}`,
    sk: `LOT#${expiresAt ?? NEVER_EXPIRES}#${lotId}`,
  }),
  /** gsi3: lots due on a day, for the expiry job (only lots that expire carry it). */
  lotExpiry: (companyId: string, employeeId: string, expiresAt: string, lotId: string) => ({
    gsi3pk: `LOTEXPIRY#${expiresAt.slice(0, 10)}`,
    gsi3sk: `${expiresAt}#${companyId}#${employeeId}#${lotId}`,
  }),
  lotExpiryPartition: (day: string) => `LOTEXPIRY#${day}`,
  allocation: (companyId: string, allocationId: string) => ({ pk: `C#${companyId}#ALLOC#${allocationId}`, sk: 'ALLOCATION' }),
  allocationListing: (companyId: string, allocationId: string) => ({ gsi1pk: `C#${companyId}#ALLOCATIONS`, gsi1sk: allocationId }),
  allocationsPartition: (companyId: string) => `C#${companyId}#ALLOCATIONS`,
  allocationPartition: (companyId: string, allocationId: string) => `C#${companyId}#ALLOC#${allocationId}`,
  allocationChunk: (companyId: string, allocationId: string, chunk: number) => ({
    pk: `C#${companyId}#ALLOC#${allocationId}`,
    sk: `CHUNK#${pad(chunk)}`,
  }),
  allocationSkipped: (companyId: string, allocationId: string, employeeId: string) => ({
    pk: `C#${companyId}#ALLOC#${allocationId}`,
    sk: `SKIPPED#${employeeId}`,
  }),
  reservation: (companyId: string, allocationId: string) => ({ pk: `C#${companyId}#ALLOC#${allocationId}`, sk: 'RESERVATION' }),
  reservationEntry: (companyId: string, allocationId: string, version: number) => ({
    pk: `C#${companyId}#ALLOC#${allocationId}`,
    sk: `LEDGER#${pad12(version)}`,
  }),
  /** External funding and the redeemed shards: balances updated with ADD, no version. */
  systemAccount: (companyId: string, name: string) => ({ pk: `C#${companyId}#ACCOUNTS`, sk: name }),
  systemAccountsPartition: (companyId: string) => `C#${companyId}#ACCOUNTS`,
  systemEntry: (companyId: string, name: string, transferId: string) => ({ pk: `C#${companyId}#ACCOUNTS#${name}`, sk: transferId }),
  transfer: (companyId: string, transferId: string) => ({ pk: `TRANSFER#${companyId}#${transferId}`, sk: 'TRANSFER' }),
  topUp: (companyId: string, topUpId: string) => ({ pk: `C#${companyId}`, sk: `TOPUP#${topUpId}` }),
  topUpByStripeId: (stripeId: string) => ({ gsi1pk: `STRIPE#${stripeId}`, gsi1sk: 'TOPUP' }),
  stripePartition: (stripeId: string) => `STRIPE#${stripeId}`,
  /** The top-up a Stripe payment intent paid (written when the payment is linked). */
  paymentIntentLookup: (paymentIntentId: string) => ({ pk: `STRIPE#${paymentIntentId}`, sk: 'TOPUP' }),
  /** A Stripe refund seen before the payment it refunds. */
  pendingRefund: (paymentIntentId: string) => ({ pk: `STRIPE#${paymentIntentId}`, sk: 'REFUND' }),
  stripeCustomer: (companyId: string) => ({ pk: `C#${companyId}`, sk: 'STRIPE#CUSTOMER' }),
  credit: (companyId: string, creditId: string) => ({ pk: `C#${companyId}`, sk: `CREDIT#${creditId}` }),
  webhookEvent: (provider: string, eventId: string) => ({ pk: `WEBHOOK#${provider}#${eventId}`, sk: 'EVENT' }),
  expiryJob: () => ({ pk: 'JOB#EXPIRY', sk: 'STATE' }),
};

/** The catalog's keys (patterns 21–24). */
export const catalogKeys = {
  product: (productId: string) => ({ pk: `PRODUCT#${productId}`, sk: 'PROFILE' }),
  /** gsi2: every product, for the platform operator. */
  productListing: (productId: string) => ({ gsi2pk: 'PRODUCTS', gsi2sk: productId }),
  productsPartition: 'PRODUCTS',
  variant: (productId: string, variantId: string) => ({ pk: `PRODUCT#${productId}`, sk: `VARIANT#${variantId}` }),
  listing: (productId: string, country: string) => ({ pk: `PRODUCT#${productId}`, sk: `LISTING#${country}` }),
  /** gsi1: the active catalog of a country, by category. */
  catalogListing: (country: string, category: string, productId: string) => ({ gsi1pk: `CATALOG#${country}`, gsi1sk: `${category}#${productId}` }),
  catalogPartition: (country: string) => `CATALOG#${country}`,
  freeCode: (variantId: string, codeId: string) => ({ pk: `CODES#${variantId}`, sk: `FREE#${codeId}` }),
  selectionPartition: (companyId: string) => `C#${companyId}#SELECTION`,
  selected: (companyId: string, productId: string) => ({ pk: `C#${companyId}#SELECTION`, sk: `P#${productId}` }),
  selectionMeta: (companyId: string) => ({ pk: `C#${companyId}#SELECTION`, sk: 'META' }),
};

/** Orders (patterns 25–28). */
export const orderKeys = {
  order: (companyId: string, orderId: string) => ({ pk: `C#${companyId}#O#${orderId}`, sk: 'ORDER' }),
  codes: (companyId: string, orderId: string) => ({ pk: `C#${companyId}#O#${orderId}`, sk: 'CODES' }),
  /** The company of an order id, for the platform operator (tenants never read it). */
  lookup: (orderId: string) => ({ pk: `ORDER#${orderId}`, sk: 'LOOKUP' }),
  /**
   * gsi1 on the lookup item (the order item's three indexes are taken): a company's orders by
   * the time they were placed, for reports. ISO timestamps sort as time.
   */
  placedListing: (companyId: string, createdAt: string, orderId: string) => ({
    gsi1pk: `C#${companyId}#ORDERS#PLACED`, gsi1sk: `${createdAt}#${orderId}`,
  }),
  placedPartition: (companyId: string) => `C#${companyId}#ORDERS#PLACED`,
  statusSort: (status: string, orderId: string) => `${status}#${orderId}`,
  /** gsi1: an employee's orders; gsi2: a company's by status; gsi3: all orders by month (operator). */
  indexes: (companyId: string, employeeId: string, status: string, orderId: string, createdAt: string) => ({
    gsi1pk: `C#${companyId}#E#${employeeId}#ORDERS`, gsi1sk: orderId,
    gsi2pk: `C#${companyId}#ORDERS`, gsi2sk: `${status}#${orderId}`,
    gsi3pk: `ORDERS#${createdAt.slice(0, 7)}`, gsi3sk: orderId,
  }),
  employeeOrdersPartition: (companyId: string, employeeId: string) => `C#${companyId}#E#${employeeId}#ORDERS`,
  companyOrdersPartition: (companyId: string) => `C#${companyId}#ORDERS`,
  monthPartition: (month: string) => `ORDERS#${month}`,
};

/** Shipments (patterns 29–33). */
export const shipmentKeys = {
  shipment: (shipmentId: string) => ({ pk: `SHIPMENT#${shipmentId}`, sk: 'SHIPMENT' }),
  /** gsi1: a partner's shipments by status; gsi2: by tracking number; gsi3: tracked, not final, by last update (reconciliation). */
  partnerListing: (partnerId: string, status: string, shipmentId: string) => ({ gsi1pk: `P#${partnerId}#SHIPMENTS`, gsi1sk: `${status}#${shipmentId}` }),
  partnerPartition: (partnerId: string) => `P#${partnerId}#SHIPMENTS`,
  trackingNumber: (trackingNumber: string, shipmentId: string) => ({ gsi2pk: `TRACKING#${trackingNumber}`, gsi2sk: shipmentId }),
  trackingNumberPartition: (trackingNumber: string) => `TRACKING#${trackingNumber}`,
  /** Sharded so that reconciliation reads never meet on one hot partition. */
  watch: (shipmentId: string, updatedAt: string) => ({ gsi3pk: `TRACKWATCH#${shipmentId.charCodeAt(shipmentId.length - 1) % WATCH_SHARDS}`, gsi3sk: `${updatedAt}#${shipmentId}` }),
  watchPartition: (shard: number) => `TRACKWATCH#${shard}`,
  /** The shipment a tracking token opens (the public tracking page). */
  token: (token: string) => ({ pk: `TRACK#${token}`, sk: 'TRACK' }),
};
export const WATCH_SHARDS = 4;

/** The email outbox (pattern 34): one item per email, by its derived id. */
export const outboxKeys = {
  email: (emailId: string) => ({ pk: `OUTBOX#${emailId}`, sk: 'EMAIL' }),
};

/**
 * The Order Source surface (patterns 38–40). Every item sits beside what it belongs to: the
 * modification index item and the acknowledgement in the shipment's own partition.
 */
export const orderSourceKeys = {
  /**
   * gsi1: a partner's shipments by last change. A separate small item (the shipment item's own
   * gsi1 is its listing by status), rewritten with every save of the shipment in the same
   * transaction; being one item per shipment, a Put moves it, nothing to delete.
   */
  partnerModified: (partnerId: string, shipmentId: string, updatedAt: string) => ({
    pk: shipmentKeys.shipment(shipmentId).pk, sk: 'PARTNER_MODIFIED',
    gsi1pk: `P#${partnerId}#MODIFIED`, gsi1sk: `${updatedAt}#${shipmentId}`,
  }),
  partnerModifiedPartition: (partnerId: string) => `P#${partnerId}#MODIFIED`,
  acknowledgement: (shipmentId: string) => ({ pk: shipmentKeys.shipment(shipmentId).pk, sk: 'ACKNOWLEDGED' }),
  /** Notification ids are the partner software's: scoped by partner. */
  notification: (partnerId: string, notificationId: string) => ({ pk: `P#${partnerId}#NOTIFICATION#${notificationId}`, sk: 'NOTIFICATION' }),
};

/** Feedback on orders (patterns 33, 33b). */
export const feedbackKeys = {
  /** Beside the order it rates: `attribute_not_exists(pk)` makes it once per order. */
  feedback: (companyId: string, orderId: string) => ({ pk: `C#${companyId}#O#${orderId}`, sk: 'FEEDBACK' }),
  /** gsi1: a company's feedback by the time it was given (reports read a period). */
  listing: (companyId: string, createdAt: string, orderId: string) => ({ gsi1pk: `C#${companyId}#FEEDBACK`, gsi1sk: `${createdAt}#${orderId}` }),
  partition: (companyId: string) => `C#${companyId}#FEEDBACK`,
};

/** The budget ledger's entries are keyed by version (pattern 11); reports look them up by number. */
export const budgetEntryVersion = (sk: string) => Number(sk);
