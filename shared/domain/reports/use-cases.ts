/**
 * HR reports: a summary of a period and the budget ledger as CSV. What each figure means, and
 * which are for the period and which are current: docs/reports.md.
 */
import type { FeedbackRepository } from '../feedback/use-cases.js';
import type { LedgerEntry } from '../ledger/schemas.js';
import { ORDER_STATUSES, type OrderStatus } from '../orders/schemas.js';
import type { Clock } from '../ports.js';
import { CSV_LINE_END, LEDGER_CSV_HEADER, ledgerCsvRow } from './csv.js';
import { netPromoterScore } from './nps.js';
import { resolvePeriod, type Period } from './period.js';
import type { ReportPeriodQuery, ReportSummary } from './schemas.js';

/** The company's balances at one instant (one consistent read). */
export interface Position {
  budget: number;
  /** Net funding: what external funding has paid into the budget, less what refunds took back. */
  netFunded: number;
  redeemed: number;
  /** Points reserved by bulk allocations still crediting wallets. */
  reserved: number;
}

export interface ReportStore {
  position(companyId: string): Promise<Position>;
  /** Budget ledger entries whose `at` lies in [from, to), in ledger order (oldest first). */
  budgetEntries(companyId: string, period: Period): AsyncIterable<LedgerEntry>;
  /** Orders placed in [from, to), with their current status and points. */
  ordersPlaced(companyId: string, period: Period): Promise<{ status: OrderStatus; totalPoints: number }[]>;
}

export interface ReportDeps {
  reports: ReportStore;
  feedback: FeedbackRepository;
  clock: Clock;
}

/** Rows per ledger export, and bytes: Lambda answers at most 6 MB, API Gateway 10 MB. */
export const CSV_MAX_ROWS = 100_000;
export const CSV_MAX_BYTES = 5_000_000;

/**
 * The summary of a period.
 *   1. resolves the period (defaults, at most 366 days);
 *   2. reads, at once: the current position, the budget entries, the orders placed and the
 *      feedback given in the period;
 *   3. outstanding points = net funding − budget − redeemed − reserved (the ledger's
 *      conservation identity, docs/ledger.md): the points in wallets now.
 * @throws ValidationFailedError for a period that is empty, reversed or longer than 366 days.
 */
export async function reportSummary(deps: ReportDeps, companyId: string, query: ReportPeriodQuery): Promise<ReportSummary> {
  const now = deps.clock.now();
  const period = resolvePeriod(query, now);
  const [position, flows, orders, scores] = await Promise.all([
    deps.reports.position(companyId),
    budgetFlows(deps.reports.budgetEntries(companyId, period)),
    deps.reports.ordersPlaced(companyId, period),
    deps.feedback.scoresBetween(companyId, period.from, period.to),
  ]);
  const byStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<OrderStatus, number>;
  let redeemedPoints = 0;
  for (const order of orders) {
    byStatus[order.status]++;
    if (order.status !== 'cancelled') redeemedPoints += order.totalPoints;
  }
  return {
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    budget: { balancePoints: position.budget },
    ...flows,
    redeemedPoints,
    outstandingPoints: position.netFunded - position.budget - position.redeemed - position.reserved,
    orders: { placed: orders.length, byStatus },
    nps: netPromoterScore(scores),
  };
}

/** What the budget's entries of the period add up to, by the same rules as the budget's counters. */
async function budgetFlows(entries: AsyncIterable<LedgerEntry>) {
  const flows = { fundedPoints: 0, refundedPoints: 0, allocatedPoints: 0, expiredPoints: 0 };
  for await (const e of entries) {
    switch (e.kind) {
      case 'top-up':
      case 'credit': flows.fundedPoints += e.deltaPoints; break;
      case 'refund': flows.refundedPoints -= e.deltaPoints; break;
      // Budget → wallets or a reservation, and the unused part of a reservation coming back.
      case 'allocation':
      case 'allocation-reserve':
      case 'allocation-release': flows.allocatedPoints -= e.deltaPoints; break;
      // A lot that expired in a wallet, or the expired part of a cancelled order's points.
      case 'expiry':
      case 'redemption-reversal': flows.expiredPoints += e.deltaPoints; break;
      case 'redemption': break; // never touches the budget
    }
  }
  return flows;
}

export interface LedgerCsv {
  period: Period;
  csv: string;
  rows: number;
  truncated: boolean;
}

/**
 * The company budget's ledger entries of a period as CSV, oldest first (ledger order, so
 * balanceAfter reads as a running balance). Stops at CSV_MAX_ROWS rows or CSV_MAX_BYTES, and
 * then says so in a last line starting with `#`.
 * @throws ValidationFailedError for an invalid period.
 */
export async function exportLedgerCsv(deps: ReportDeps, companyId: string, query: ReportPeriodQuery): Promise<LedgerCsv> {
  const period = resolvePeriod(query, deps.clock.now());
  const lines = [LEDGER_CSV_HEADER.join(',')];
  let bytes = Buffer.byteLength(lines[0]!) + CSV_LINE_END.length;
  let truncated = false;
  let last: LedgerEntry | undefined;
  for await (const entry of deps.reports.budgetEntries(companyId, period)) {
    const line = ledgerCsvRow(entry);
    const size = Buffer.byteLength(line) + CSV_LINE_END.length;
    if (lines.length - 1 >= CSV_MAX_ROWS || bytes + size > CSV_MAX_BYTES) {
      truncated = true;
      break;
    }
    lines.push(line);
    bytes += size;
    last = entry;
  }
  const rows = lines.length - 1;
  if (truncated) {
    // Entries sharing the last one's instant may repeat in an export from it; entryId tells them apart.
    const resume = last ? ` The last exported entry is ${last.entryId} at ${last.at}; narrow the period (e.g. from=${last.at}) for the rest.` : '';
    lines.push(`# truncated: this export stops after ${rows} entries.${resume}`);
  }
  return { period, csv: lines.join(CSV_LINE_END) + CSV_LINE_END, rows, truncated };
}
