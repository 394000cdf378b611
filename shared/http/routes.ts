/**
 * The route table: every HTTP endpoint of the API, with who may call it, its schemas and the
 * Lambda entry that serves it. One source for the middy stack (validation, roles), the
 * OpenAPI document, the local HTTP server and the CDK app (functions, routes, grants).
 *
 * The routes live in one module per area (./routes/*.ts) and a function imports only its own
 * area's, so its bundle holds only those schemas; this module assembles the whole table for
 * what needs all of it (OpenAPI, the local runtime, infra, tests).
 */
import { allocationRoutes } from './routes/allocations.js';
import { budgetRoutes } from './routes/budget.js';
import { catalogRoutes } from './routes/catalog.js';
import { companyRoutes } from './routes/companies.js';
import type { RouteDefinition, ScheduleDefinition, StreamConsumerDefinition, WorkerDefinition } from './routes/definition.js';
import { employeeRoutes } from './routes/employees.js';
import { feedbackReportRoutes } from './routes/feedback-reports.js';
import { fulfilmentRoutes } from './routes/fulfilment.js';
import { healthRoutes } from './routes/health.js';
import { orderRoutes } from './routes/orders.js';
import { walletRoutes } from './routes/wallet.js';

export * from './routes/definition.js';

export const routes = {
  ...healthRoutes,
  ...companyRoutes,
  ...employeeRoutes,
  ...budgetRoutes,
  ...allocationRoutes,
  ...walletRoutes,
  ...catalogRoutes,
  ...orderRoutes,
  ...fulfilmentRoutes,
  ...feedbackReportRoutes,
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
