/** Routes: feedback on orders and the HR reports. Part of the route table (../routes.ts). */
import { OrderPath } from '../../domain/orders/schemas.js';
import { Feedback, FeedbackBody } from '../../domain/feedback/schemas.js';
import { ReportPeriodQuery, ReportSummary } from '../../domain/reports/schemas.js';
import { route, HR, EMPLOYEE, type RouteDefinition } from './definition.js';

export const feedbackReportRoutes = {
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
