import { describe, expect, it } from 'vitest';
import type { FeedbackRepository } from '../../../shared/domain/feedback/use-cases.js';
import type { LedgerEntry, TransferKind } from '../../../shared/domain/ledger/schemas.js';
import type { OrderStatus } from '../../../shared/domain/orders/schemas.js';
import type { Period } from '../../../shared/domain/reports/period.js';
import { CSV_MAX_BYTES, CSV_MAX_ROWS, exportLedgerCsv, reportSummary, type Position, type ReportStore } from '../../../shared/domain/reports/use-cases.js';

const now = new Date('2026-06-30T00:00:00.000Z');
const clock = { now: () => now };

function entry(n: number, kind: TransferKind, deltaPoints: number, note: string | null = null): LedgerEntry {
  return { entryId: `E${n}`, transferId: `T${n}`, deltaPoints, balanceAfter: 0, kind, reference: `R${n}`, note, at: `2026-06-01T00:00:00.000Z` };
}

function fakes(options: { entries?: LedgerEntry[] | (() => Iterable<LedgerEntry>); position?: Position; orders?: { status: OrderStatus; totalPoints: number }[]; scores?: number[] }) {
  const asked: Period[] = [];
  const reports: ReportStore = {
    position: async () => options.position ?? { budget: 0, netFunded: 0, redeemed: 0, reserved: 0 },
    async *budgetEntries(_companyId, period) {
      asked.push(period);
      const source = typeof options.entries === 'function' ? options.entries() : (options.entries ?? []);
      for (const e of source) yield e;
    },
    ordersPlaced: async () => options.orders ?? [],
  };
  const feedback: FeedbackRepository = { create: async () => 'created', scoresBetween: async () => options.scores ?? [] };
  return { deps: { reports, feedback, clock }, asked };
}

describe('reportSummary', () => {
  it('adds up each kind of budget entry the way the budget\'s counters do', async () => {
    const { deps } = fakes({
      entries: [
        entry(1, 'top-up', 5000), entry(2, 'credit', 1000), entry(3, 'refund', -400),
        entry(4, 'allocation', -300), entry(5, 'allocation-reserve', -2000), entry(6, 'allocation-release', 150),
        entry(7, 'expiry', 70), entry(8, 'redemption-reversal', 20),
      ],
    });
    expect(await reportSummary(deps, 'c', {})).toMatchObject({ fundedPoints: 6000, refundedPoints: 400, allocatedPoints: 2150, expiredPoints: 90 });
  });

  it('counts the period\'s orders by current status and redeems the points of those not cancelled', async () => {
    const { deps } = fakes({
      orders: [
        { status: 'placed', totalPoints: 100 }, { status: 'delivered', totalPoints: 250 }, { status: 'delivered', totalPoints: 50 }, { status: 'cancelled', totalPoints: 999 },
      ],
    });
    expect((await reportSummary(deps, 'c', {})).orders).toEqual({ placed: 4, byStatus: { placed: 1, processing: 0, shipped: 0, delivered: 2, cancelled: 1 } });
    expect((await reportSummary(deps, 'c', {})).redeemedPoints).toBe(400);
  });

  it('derives the points in wallets from the position: net funding less budget, redeemed and reserved', async () => {
    const { deps } = fakes({ position: { budget: 3000, netFunded: 10_000, redeemed: 1200, reserved: 800 } });
    expect(await reportSummary(deps, 'c', {})).toMatchObject({ budget: { balancePoints: 3000 }, outstandingPoints: 5000 });
  });

  it('reports the default period it used and the NPS of the period\'s feedback', async () => {
    const { deps, asked } = fakes({ scores: [10, 9, 9, 8, 7, 6, 5, 0, 10, 3] });
    const summary = await reportSummary(deps, 'c', {});
    expect(summary).toMatchObject({ from: '2026-05-31T00:00:00.000Z', to: '2026-06-30T00:00:00.000Z', generatedAt: now.toISOString() });
    expect(summary.nps).toEqual({ score: 0, responses: 10, promoters: 4, passives: 2, detractors: 4 });
    expect(asked).toEqual([{ from: summary.from, to: summary.to }]);
  });
});

describe('exportLedgerCsv', () => {
  it('stops at the row cap and says so in a last comment line', async () => {
    // Short rows, so that the row cap binds before the byte cap.
    const { deps } = fakes({ entries: function* () { for (let n = 1; n <= CSV_MAX_ROWS + 5; n++) yield { ...entry(n, 'credit', 1), entryId: String(n), reference: '' }; } });
    const out = await exportLedgerCsv(deps, 'c', {});
    const lines = out.csv.split('\r\n');
    expect(out).toMatchObject({ rows: CSV_MAX_ROWS, truncated: true });
    expect(lines).toHaveLength(1 + CSV_MAX_ROWS + 1 + 1); // header, rows, comment, the empty string after the last CRLF
    expect(lines[CSV_MAX_ROWS]).toMatch(/^100000,/);
    expect(lines[CSV_MAX_ROWS + 1]).toBe(`# truncated: this export stops after ${CSV_MAX_ROWS} entries. The last exported entry is 100000 at 2026-06-01T00:00:00.000Z; narrow the period (e.g. from=2026-06-01T00:00:00.000Z) for the rest.`);
  });

  it('stops before the body would outgrow what Lambda can answer', async () => {
    const note = 'n'.repeat(1000);
    const { deps } = fakes({ entries: function* () { for (let n = 1; n <= 10_000; n++) yield entry(n, 'allocation', -1, note); } });
    const out = await exportLedgerCsv(deps, 'c', {});
    expect(out.truncated).toBe(true);
    expect(out.rows).toBeLessThan(10_000);
    expect(Buffer.byteLength(out.csv)).toBeLessThanOrEqual(CSV_MAX_BYTES + 500);
  });

  it('is not truncated when everything fits', async () => {
    const { deps } = fakes({ entries: [entry(1, 'credit', 10, 'INV, 1')] });
    expect(await exportLedgerCsv(deps, 'c', { from: '2026-06-01', to: '2026-06-02' })).toEqual({
      period: { from: '2026-06-01T00:00:00.000Z', to: '2026-06-02T00:00:00.000Z' },
      csv: 'entryId,at,kind,deltaPoints,balanceAfter,reference,note\r\nE1,2026-06-01T00:00:00.000Z,credit,10,0,R1,"INV, 1"\r\n',
      rows: 1,
      truncated: false,
    });
  });
});
