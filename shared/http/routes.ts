/**
 * The route table: every HTTP endpoint of the API, with who may call it, its schemas and the
 * Lambda entry that serves it. One source for the middy stack (validation, roles), the
 * OpenAPI document, the local HTTP server and the CDK app (functions, routes, grants).
 */
import * as z from 'zod';
import { ListQuery, page } from '../domain/common/schemas.js';
import { Company, CompanyPath, CreateCompanyBody } from '../domain/companies/schemas.js';
import {
  CreateEmployeeBody,
  Employee,
  EmployeeImport,
  EmployeePath,
  ImportPath,
  ImportStatusQuery,
  ListEmployeesQuery,
  UpdateEmployeeBody,
} from '../domain/employees/schemas.js';
import { CreatePartnerBody, Partner } from '../domain/partners/schemas.js';
import { Allocation, AllocationPath, CreateAllocationBody } from '../domain/allocations/schemas.js';
import { Budget, CreateCreditBody, CreateTopUpBody, Credit, CreditPath, TopUp, TopUpPath } from '../domain/budget/schemas.js';
import { LedgerEntry } from '../domain/ledger/schemas.js';
import type { WorkQueueName } from '../domain/ports.js';
import { Me } from '../domain/wallet/schemas.js';
import {
  CatalogProduct,
  CatalogQuery,
  CreateProductBody,
  LoadCodesBody,
  Product,
  ProductPath,
  Selection,
  SelectionBody,
  SetStockBody,
  UpdateProductBody,
  VariantPath,
} from '../domain/catalog/schemas.js';
import { ListOrdersQuery, Order, OrderPath, PlaceOrderBody } from '../domain/orders/schemas.js';
import { PartnerShipment, PartnerShipmentsQuery, ShipmentEventBody, ShipmentPath, TrackingPath, TrackingView } from '../domain/fulfilment/schemas.js';
import {
  AcknowledgeOrdersRequest,
  AcknowledgeOrdersResponse,
  SalesOrdersExportRequest,
  SalesOrdersExportResponse,
  ShipmentNotificationRequest,
  ShipmentNotificationResponse,
} from '../domain/fulfilment/order-source-schemas.js';
import { Feedback, FeedbackBody } from '../domain/feedback/schemas.js';
import { ReportPeriodQuery, ReportSummary } from '../domain/reports/schemas.js';

export const ROLES = ['platform_admin', 'hr_admin', 'employee', 'partner'] as const;
export type Role = (typeof ROLES)[number];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a function may touch; the CDK app grants exactly this (least privilege). */
export interface Access {
  main: 'none' | 'read' | 'readwrite';
  idempotency?: boolean;
  /** Queues the function sends to. */
  sendsTo?: QueueName[];
  /** Sends email (SES in AWS). */
  sendsEmail?: boolean;
  /** Secrets the function reads (Secrets Manager in AWS). */
  secrets?: SecretName[];
}

export const SECRETS = ['stripe', 'shipengine'] as const;
export type SecretName = (typeof SECRETS)[number];

export interface RouteDefinition {
  /** camelCase id: the function's logical name and the OpenAPI operationId. */
  id: string;
  method: HttpMethod;
  /** API Gateway path syntax: /v1/companies/{companyId} */
  path: string;
  /** Lambda entry, relative to the repository root. Exports `handler`. */
  entry: string;
  auth: 'public' | readonly Role[];
  summary: string;
  tag: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Body media type when not JSON. */
  bodyType?: 'text/csv';
  /** Largest accepted body; default 1 MB. */
  maxBodyBytes?: number;
  /**
   * Requires an Idempotency-Key header and replays (API.md, Idempotency): `true` through the
   * idempotency table (Powertools); `'native'` when the use case keeps the promise itself in its
   * own transaction (the resource's id derives from the key and records the request's hash).
   */
  idempotent?: boolean | 'native';
  status: number;
  response?: z.ZodType;
  /** Response media type when not JSON. */
  responseType?: 'text/html' | 'text/csv';
  access: Access;
}

export const QUEUES = ['employee-imports', 'allocations', 'fulfilment', 'notifications', 'tracking'] as const satisfies readonly WorkQueueName[];
export type QueueName = (typeof QUEUES)[number];

/** Functions run on a schedule (EventBridge Scheduler in AWS; a timer in the local runtime). */
export interface ScheduleDefinition {
  id: string;
  entry: string;
  /** EventBridge Scheduler expression, e.g. rate(15 minutes). */
  expression: string;
  /** The local runtime's interval. */
  localIntervalSeconds: number;
  timeoutSeconds: number;
  description: string;
  access: Access;
}

export interface WorkerDefinition {
  id: string;
  entry: string;
  queue: QueueName;
  /** Messages per invocation. */
  batchSize: number;
  timeoutSeconds: number;
  access: Access;
}

export const ONE_MB = 1024 * 1024;
const HR = ['hr_admin'] as const;
const EMPLOYEE = ['employee'] as const;
const SHOPPERS = ['employee', 'hr_admin'] as const;
const OPERATOR = ['platform_admin'] as const;
const PARTNER = ['partner'] as const;

const route = <R extends RouteDefinition>(r: R) => r;

export const routes = {
  health: route({
    id: 'health', method: 'GET', path: '/v1/health', entry: 'functions/http/get-health.ts', auth: 'public',
    summary: 'Liveness check', tag: 'Health', status: 200, response: z.object({ status: z.literal('ok') }),
    access: { main: 'none' },
  }),
  openapi: route({
    id: 'openapi', method: 'GET', path: '/v1/openapi.json', entry: 'functions/http/get-openapi.ts', auth: 'public',
    summary: 'This document: the OpenAPI 3.1 description of the API', tag: 'Health', status: 200,
    access: { main: 'none' },
  }),
  apiReference: route({
    id: 'apiReference', method: 'GET', path: '/v1/docs', entry: 'functions/http/get-api-reference.ts', auth: 'public',
    summary: 'Human-readable API reference', tag: 'Health', status: 200, responseType: 'text/html',
    access: { main: 'none' },
  }),

  createCompany: route({
    id: 'createCompany', method: 'POST', path: '/v1/companies', entry: 'functions/http/create-company.ts', auth: OPERATOR,
    summary: 'Create a customer company', tag: 'Companies', body: CreateCompanyBody, status: 201, response: Company,
    access: { main: 'readwrite' },
  }),
  listCompanies: route({
    id: 'listCompanies', method: 'GET', path: '/v1/companies', entry: 'functions/http/list-companies.ts', auth: OPERATOR,
    summary: 'List companies', tag: 'Companies', query: ListQuery, status: 200, response: page(Company),
    access: { main: 'read' },
  }),
  getCompany: route({
    id: 'getCompany', method: 'GET', path: '/v1/companies/{companyId}', entry: 'functions/http/get-company.ts', auth: OPERATOR,
    summary: 'Get a company', tag: 'Companies', params: CompanyPath, status: 200, response: Company,
    access: { main: 'read' },
  }),
  createPartner: route({
    id: 'createPartner', method: 'POST', path: '/v1/partners', entry: 'functions/http/create-partner.ts', auth: OPERATOR,
    summary: 'Create a fulfilment partner', tag: 'Partners', body: CreatePartnerBody, status: 201, response: Partner,
    access: { main: 'readwrite' },
  }),
  listPartners: route({
    id: 'listPartners', method: 'GET', path: '/v1/partners', entry: 'functions/http/list-partners.ts', auth: OPERATOR,
    summary: 'List fulfilment partners', tag: 'Partners', query: ListQuery, status: 200, response: page(Partner),
    access: { main: 'read' },
  }),

  createEmployee: route({
    id: 'createEmployee', method: 'POST', path: '/v1/employees', entry: 'functions/http/create-employee.ts', auth: HR,
    summary: 'Add an employee to the caller\'s company', tag: 'Employees', body: CreateEmployeeBody, status: 201,
    response: Employee, access: { main: 'readwrite' },
  }),
  listEmployees: route({
    id: 'listEmployees', method: 'GET', path: '/v1/employees', entry: 'functions/http/list-employees.ts', auth: HR,
    summary: 'List the company\'s employees, by department and status', tag: 'Employees', query: ListEmployeesQuery,
    status: 200, response: page(Employee), access: { main: 'read' },
  }),
  getEmployee: route({
    id: 'getEmployee', method: 'GET', path: '/v1/employees/{employeeId}', entry: 'functions/http/get-employee.ts', auth: HR,
    summary: 'Get an employee', tag: 'Employees', params: EmployeePath, status: 200, response: Employee,
    access: { main: 'read' },
  }),
  updateEmployee: route({
    id: 'updateEmployee', method: 'PATCH', path: '/v1/employees/{employeeId}', entry: 'functions/http/update-employee.ts',
    auth: HR, summary: 'Change an employee', tag: 'Employees', params: EmployeePath, body: UpdateEmployeeBody, status: 200,
    response: Employee, access: { main: 'readwrite' },
  }),
  importEmployees: route({
    id: 'importEmployees', method: 'POST', path: '/v1/employees/imports', entry: 'functions/http/import-employees.ts',
    auth: HR, summary: 'Import employees from CSV (email,name,country,department,hireDate,birthDate)', tag: 'Employees',
    bodyType: 'text/csv', maxBodyBytes: 5 * ONE_MB, status: 202, response: z.object({ importId: z.string() }),
    access: { main: 'readwrite', sendsTo: ['employee-imports'] },
  }),
  getEmployeeImport: route({
    id: 'getEmployeeImport', method: 'GET', path: '/v1/employees/imports/{importId}',
    entry: 'functions/http/get-employee-import.ts', auth: HR, summary: 'Progress and row errors of an import',
    tag: 'Employees', params: ImportPath, query: ImportStatusQuery, status: 200, response: EmployeeImport,
    access: { main: 'read' },
  }),

  getBudget: route({
    id: 'getBudget', method: 'GET', path: '/v1/budget', entry: 'functions/http/get-budget.ts', auth: HR,
    summary: 'The company\'s budget: balance, pending top-ups, allocated, redeemed and expired points', tag: 'Budget',
    status: 200, response: Budget, access: { main: 'read' },
  }),
  listBudgetLedger: route({
    id: 'listBudgetLedger', method: 'GET', path: '/v1/budget/ledger', entry: 'functions/http/list-budget-ledger.ts',
    auth: HR, summary: 'Entries of the company budget, newest first', tag: 'Budget', query: ListQuery, status: 200,
    response: page(LedgerEntry), access: { main: 'read' },
  }),
  createTopUp: route({
    id: 'createTopUp', method: 'POST', path: '/v1/budget/top-ups', entry: 'functions/http/create-top-up.ts', auth: HR,
    summary: 'Buy points: a Stripe Checkout Session; the points arrive when Stripe confirms payment', tag: 'Budget',
    body: CreateTopUpBody, idempotent: true, status: 201, response: TopUp,
    access: { main: 'readwrite', idempotency: true, secrets: ['stripe'] },
  }),
  listTopUps: route({
    id: 'listTopUps', method: 'GET', path: '/v1/budget/top-ups', entry: 'functions/http/list-top-ups.ts', auth: HR,
    summary: 'The company\'s top-ups, newest first', tag: 'Budget', query: ListQuery, status: 200, response: page(TopUp),
    access: { main: 'read' },
  }),
  getTopUp: route({
    id: 'getTopUp', method: 'GET', path: '/v1/budget/top-ups/{topUpId}', entry: 'functions/http/get-top-up.ts', auth: HR,
    summary: 'A top-up and its payment state', tag: 'Budget', params: TopUpPath, status: 200, response: TopUp,
    access: { main: 'read' },
  }),
  stripeWebhook: route({
    id: 'stripeWebhook', method: 'POST', path: '/v1/webhooks/stripe', entry: 'functions/webhooks/stripe.ts', auth: 'public',
    summary: 'Stripe events (Stripe-Signature verified): payments, expiries and refunds of top-ups', tag: 'Webhooks',
    status: 200, response: z.object({ received: z.literal(true), outcome: z.string() }),
    access: { main: 'readwrite', secrets: ['stripe'] },
  }),
  createCredit: route({
    id: 'createCredit', method: 'POST', path: '/v1/companies/{companyId}/budget/credits',
    entry: 'functions/http/create-credit.ts', auth: OPERATOR,
    summary: 'Record funding received outside Stripe (bank transfer against an invoice)', tag: 'Budget',
    params: CreditPath, body: CreateCreditBody, idempotent: true, status: 201, response: Credit,
    access: { main: 'readwrite', idempotency: true },
  }),

  createAllocation: route({
    id: 'createAllocation', method: 'POST', path: '/v1/allocations', entry: 'functions/http/allocate-points.ts', auth: HR,
    summary: 'Allocate points to employees, a department or everyone (202 when credited in the background)',
    tag: 'Allocations', body: CreateAllocationBody, idempotent: true, status: 201, response: Allocation,
    access: { main: 'readwrite', idempotency: true, sendsTo: ['allocations'] },
  }),
  listAllocations: route({
    id: 'listAllocations', method: 'GET', path: '/v1/allocations', entry: 'functions/http/list-allocations.ts', auth: HR,
    summary: 'The company\'s allocations, newest first', tag: 'Allocations', query: ListQuery, status: 200,
    response: page(Allocation), access: { main: 'read' },
  }),
  getAllocation: route({
    id: 'getAllocation', method: 'GET', path: '/v1/allocations/{allocationId}', entry: 'functions/http/get-allocation.ts',
    auth: HR, summary: 'An allocation and its progress', tag: 'Allocations', params: AllocationPath, status: 200,
    response: Allocation, access: { main: 'read' },
  }),

  getMe: route({
    id: 'getMe', method: 'GET', path: '/v1/me', entry: 'functions/http/get-me.ts', auth: EMPLOYEE,
    summary: 'The calling employee\'s wallet: balance and what expires when', tag: 'Wallet', status: 200, response: Me,
    access: { main: 'read' },
  }),
  listMyLedger: route({
    id: 'listMyLedger', method: 'GET', path: '/v1/me/ledger', entry: 'functions/http/list-my-ledger.ts', auth: EMPLOYEE,
    summary: 'Entries of the calling employee\'s wallet, newest first', tag: 'Wallet', query: ListQuery, status: 200,
    response: page(LedgerEntry), access: { main: 'read' },
  }),

  createProduct: route({
    id: 'createProduct', method: 'POST', path: '/v1/products', entry: 'functions/http/create-product.ts', auth: OPERATOR,
    summary: 'Add a product with its variants to the catalog', tag: 'Catalog', body: CreateProductBody, status: 201,
    response: Product, access: { main: 'readwrite' },
  }),
  listProducts: route({
    id: 'listProducts', method: 'GET', path: '/v1/products', entry: 'functions/http/list-products.ts', auth: OPERATOR,
    summary: 'Every product, active or not, with stock', tag: 'Catalog', query: ListQuery, status: 200, response: page(Product),
    access: { main: 'read' },
  }),
  getProduct: route({
    id: 'getProduct', method: 'GET', path: '/v1/products/{productId}', entry: 'functions/http/get-product.ts', auth: OPERATOR,
    summary: 'A product with its variants and stock', tag: 'Catalog', params: ProductPath, status: 200, response: Product,
    access: { main: 'read' },
  }),
  updateProduct: route({
    id: 'updateProduct', method: 'PATCH', path: '/v1/products/{productId}', entry: 'functions/http/update-product.ts',
    auth: OPERATOR, summary: 'Change a product (descriptive fields, countries, active)', tag: 'Catalog', params: ProductPath,
    body: UpdateProductBody, status: 200, response: Product, access: { main: 'readwrite' },
  }),
  setVariantStock: route({
    id: 'setVariantStock', method: 'PUT', path: '/v1/products/{productId}/variants/{variantId}/stock',
    entry: 'functions/http/set-variant-stock.ts', auth: OPERATOR, summary: 'Set the stock of a variant', tag: 'Catalog',
    params: VariantPath, body: SetStockBody, status: 200, response: Product, access: { main: 'readwrite' },
  }),
  loadGiftCodes: route({
    id: 'loadGiftCodes', method: 'POST', path: '/v1/products/{productId}/variants/{variantId}/codes',
    entry: 'functions/http/load-gift-codes.ts', auth: OPERATOR,
    summary: 'Load codes of a digital gift card variant (its stock is the unused codes)', tag: 'Catalog', params: VariantPath,
    body: LoadCodesBody, status: 201,
    response: z.object({ loaded: z.number().int(), duplicates: z.number().int(), stock: z.number().int() }),
    access: { main: 'readwrite' },
  }),
  getSelection: route({
    id: 'getSelection', method: 'GET', path: '/v1/catalog/selection', entry: 'functions/http/get-selection.ts', auth: HR,
    summary: 'The company\'s curated selection (empty: the whole catalog)', tag: 'Catalog', status: 200, response: Selection,
    access: { main: 'read' },
  }),
  putSelection: route({
    id: 'putSelection', method: 'PUT', path: '/v1/catalog/selection', entry: 'functions/http/put-selection.ts', auth: HR,
    summary: 'Replace the company\'s curated selection; an empty list means the whole catalog', tag: 'Catalog',
    body: SelectionBody, status: 200, response: Selection, access: { main: 'readwrite' },
  }),
  browseCatalog: route({
    id: 'browseCatalog', method: 'GET', path: '/v1/catalog', entry: 'functions/http/browse-catalog.ts', auth: SHOPPERS,
    summary: 'Products the company\'s people may choose that ship to a country (default: the employee\'s), with stock',
    tag: 'Catalog', query: CatalogQuery, status: 200, response: page(CatalogProduct), access: { main: 'read' },
  }),
  getCatalogProduct: route({
    id: 'getCatalogProduct', method: 'GET', path: '/v1/catalog/{productId}', entry: 'functions/http/get-catalog-product.ts',
    auth: SHOPPERS, summary: 'One product as the company\'s people see it', tag: 'Catalog', params: ProductPath, status: 200,
    response: CatalogProduct, access: { main: 'read' },
  }),

  placeOrder: route({
    id: 'placeOrder', method: 'POST', path: '/v1/orders', entry: 'functions/http/place-order.ts', auth: EMPLOYEE,
    summary: 'Order gifts with points: points, stock and the order change in one transaction', tag: 'Orders',
    body: PlaceOrderBody, idempotent: 'native', status: 201, response: Order, access: { main: 'readwrite' },
  }),
  listOrders: route({
    id: 'listOrders', method: 'GET', path: '/v1/orders', entry: 'functions/http/list-orders.ts',
    auth: ['employee', 'hr_admin', 'platform_admin'],
    summary: 'Orders: an employee\'s own, a company\'s for HR (by status), this month\'s for the operator', tag: 'Orders',
    query: ListOrdersQuery, status: 200, response: page(Order), access: { main: 'read' },
  }),
  getOrder: route({
    id: 'getOrder', method: 'GET', path: '/v1/orders/{orderId}', entry: 'functions/http/get-order.ts',
    auth: ['employee', 'hr_admin', 'platform_admin'],
    summary: 'An order with its history (digital codes only for the employee who ordered)', tag: 'Orders', params: OrderPath,
    status: 200, response: Order, access: { main: 'read' },
  }),
  cancelOrder: route({
    id: 'cancelOrder', method: 'POST', path: '/v1/orders/{orderId}/cancel', entry: 'functions/http/cancel-order.ts', auth: SHOPPERS,
    summary: 'Cancel an order that has not shipped: points and stock return', tag: 'Orders', params: OrderPath,
    idempotent: true, status: 200, response: Order, access: { main: 'readwrite', idempotency: true },
  }),

  listPartnerShipments: route({
    id: 'listPartnerShipments', method: 'GET', path: '/v1/partner/shipments', entry: 'functions/http/list-partner-shipments.ts',
    auth: PARTNER, summary: 'Shipments assigned to the calling partner, by status', tag: 'Fulfilment', query: PartnerShipmentsQuery,
    status: 200, response: page(PartnerShipment), access: { main: 'read' },
  }),
  getPartnerShipment: route({
    id: 'getPartnerShipment', method: 'GET', path: '/v1/partner/shipments/{shipmentId}', entry: 'functions/http/get-partner-shipment.ts',
    auth: PARTNER, summary: 'One of the calling partner\'s shipments', tag: 'Fulfilment', params: ShipmentPath, status: 200,
    response: PartnerShipment, access: { main: 'read' },
  }),
  postShipmentEvent: route({
    id: 'postShipmentEvent', method: 'POST', path: '/v1/partner/shipments/{shipmentId}/events', entry: 'functions/http/post-shipment-event.ts',
    auth: PARTNER, summary: 'Report a shipment event (label created with carrier and tracking number, shipped, ..., delivered); duplicates are ignored',
    tag: 'Fulfilment', params: ShipmentPath, body: ShipmentEventBody, status: 201,
    response: PartnerShipment.extend({ duplicate: z.boolean() }), access: { main: 'readwrite' },
  }),
  shipEngineWebhook: route({
    id: 'shipEngineWebhook', method: 'POST', path: '/v1/webhooks/shipengine', entry: 'functions/webhooks/shipengine.ts', auth: 'public',
    summary: 'ShipEngine tracking updates (API_TRACK, TRACK_EVENT_V2; RSA-SHA256 signature verified against ShipEngine\'s key set)',
    tag: 'Webhooks', status: 200,
    response: z.object({ received: z.literal(true), outcome: z.enum(['applied', 'unchanged', 'ignored']), shipments: z.number().int() }),
    access: { main: 'readwrite' },
  }),
  getTracking: route({
    id: 'getTracking', method: 'GET', path: '/v1/tracking/{trackingToken}', entry: 'functions/http/get-tracking.ts', auth: 'public',
    summary: 'A parcel\'s status and events for its recipient (no address, no name)', tag: 'Fulfilment', params: TrackingPath,
    status: 200, response: TrackingView, access: { main: 'read' },
  }),

  // The Order Source surface (ShipEngine Connect's Order Source API shapes) for partners' 3PLs
  // and shipping software: shared/domain/fulfilment/order-source.ts.
  orderSourceSalesOrdersExport: route({
    id: 'orderSourceSalesOrdersExport', method: 'POST', path: '/v1/partner/order-source/sales-orders-export',
    entry: 'functions/http/order-source-sales-orders-export.ts', auth: PARTNER,
    summary: 'The calling partner\'s shipments changed in a time window, as Order Source sales orders (SalesOrdersExport)',
    tag: 'Fulfilment', body: SalesOrdersExportRequest, status: 200, response: SalesOrdersExportResponse, access: { main: 'read' },
  }),
  orderSourceAcknowledgeOrders: route({
    id: 'orderSourceAcknowledgeOrders', method: 'POST', path: '/v1/partner/order-source/acknowledge-orders',
    entry: 'functions/http/order-source-acknowledge-orders.ts', auth: PARTNER,
    summary: 'Record that the partner\'s software imported sales orders (AcknowledgeOrders); repeats succeed', tag: 'Fulfilment',
    body: AcknowledgeOrdersRequest, status: 200, response: AcknowledgeOrdersResponse, access: { main: 'readwrite' },
  }),
  orderSourceShipmentNotification: route({
    id: 'orderSourceShipmentNotification', method: 'POST', path: '/v1/partner/order-source/shipment-notification',
    entry: 'functions/http/order-source-shipment-notification.ts', auth: PARTNER,
    summary: 'Report sales orders shipped (ShipmentNotification): one result per notification, idempotent on notification_id',
    tag: 'Fulfilment', body: ShipmentNotificationRequest, status: 200, response: ShipmentNotificationResponse, access: { main: 'readwrite' },
  }),

  // Feedback and reports (issue: feedback-reports): one block, kept together for merging.
  giveOrderFeedback: route({
    id: 'giveOrderFeedback', method: 'POST', path: '/v1/orders/{orderId}/feedback', entry: 'functions/http/give-order-feedback.ts',
    auth: EMPLOYEE, summary: 'Rate a delivered order of your own, 0–10 with an optional comment; once per order', tag: 'Orders',
    params: OrderPath, body: FeedbackBody, status: 201, response: Feedback, access: { main: 'readwrite' },
  }),
  getReportSummary: route({
    id: 'getReportSummary', method: 'GET', path: '/v1/reports/summary', entry: 'functions/http/get-report-summary.ts', auth: HR,
    summary: 'A period\'s allocations, redemptions, expiries, orders and NPS, with the budget and the points in wallets now',
    tag: 'Reports', query: ReportPeriodQuery, status: 200, response: ReportSummary, access: { main: 'read' },
  }),
  exportLedgerCsv: route({
    id: 'exportLedgerCsv', method: 'GET', path: '/v1/reports/ledger.csv', entry: 'functions/http/export-ledger-csv.ts', auth: HR,
    summary: 'The company budget\'s ledger entries of a period as CSV, oldest first (at most 100,000 rows)', tag: 'Reports',
    query: ReportPeriodQuery, status: 200, responseType: 'text/csv', access: { main: 'read' },
  }),
} satisfies Record<string, RouteDefinition>;

export const schedules: ScheduleDefinition[] = [
  {
    id: 'remindExpiringPoints', entry: 'functions/schedules/remind-expiring-points.ts', expression: 'cron(0 7 * * ? *)', localIntervalSeconds: 3600,
    timeoutSeconds: 300, description: 'Emails employees whose points expire in 14 days (once per employee and day)',
    access: { main: 'read', sendsTo: ['notifications'] },
  },
  {
    id: 'reconcileTracking', entry: 'functions/schedules/reconcile-tracking.ts', expression: 'rate(1 hour)', localIntervalSeconds: 3600,
    timeoutSeconds: 300, description: 'Asks ShipEngine about tracked shipments without an update for 24 hours (a lost webhook)',
    access: { main: 'readwrite', secrets: ['shipengine'] },
  },
  {
    id: 'expirePoints', entry: 'functions/schedules/expire-points.ts', expression: 'rate(15 minutes)', localIntervalSeconds: 60,
    timeoutSeconds: 600, description: 'Expires due lots of points and returns them to their company budgets',
    access: { main: 'readwrite' },
  },
];

/**
 * Consumers of the main table's change stream (DynamoDB Streams → Lambda in AWS, the engine's
 * change feed locally). `filters` are Lambda event filter patterns: AWS applies them before
 * invoking, and so does the local runtime.
 */
export interface StreamConsumerDefinition {
  id: string;
  entry: string;
  filters: Record<string, unknown>[];
  batchSize: number;
  /** Retries of a failing batch before its records go to the consumer's dead-letter queue. */
  retryAttempts: number;
  timeoutSeconds: number;
  access: Access;
}

export const streamConsumers: StreamConsumerDefinition[] = [
  {
    id: 'publishEvents', entry: 'functions/streams/publish-events.ts',
    filters: [
      { dynamodb: { NewImage: { entityType: { S: ['Order', 'Shipment'] } } } },
      { eventName: ['INSERT'], dynamodb: { NewImage: { entityType: { S: ['LedgerEntry'] }, kind: { S: ['allocation'] }, account: { S: [{ prefix: 'wallet ' }] } } } },
    ],
    batchSize: 100, retryAttempts: 10, timeoutSeconds: 60,
    access: { main: 'none', sendsTo: ['fulfilment', 'notifications', 'tracking'] },
  },
];

export const workers: WorkerDefinition[] = [
  {
    id: 'startTracking', entry: 'functions/queues/start-tracking.ts', queue: 'tracking',
    batchSize: 10, timeoutSeconds: 60, access: { main: 'none', secrets: ['shipengine'] },
  },
  {
    id: 'sendNotification', entry: 'functions/queues/send-notification.ts', queue: 'notifications',
    batchSize: 10, timeoutSeconds: 60, access: { main: 'readwrite', sendsEmail: true },
  },
  {
    id: 'fulfilOrder', entry: 'functions/queues/fulfil-order.ts', queue: 'fulfilment',
    batchSize: 10, timeoutSeconds: 60, access: { main: 'readwrite' },
  },
  {
    id: 'processAllocation', entry: 'functions/queues/process-allocation.ts', queue: 'allocations',
    batchSize: 1, timeoutSeconds: 900, access: { main: 'readwrite', sendsTo: ['allocations'] },
  },
  {
    id: 'processEmployeeImport', entry: 'functions/queues/process-employee-import.ts', queue: 'employee-imports',
    batchSize: 1, timeoutSeconds: 300, access: { main: 'readwrite' },
  },
];

export const routeList: RouteDefinition[] = Object.values(routes);
