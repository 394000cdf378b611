/** Reports for HR (../shared/API.md, Reports). Which figure is for the period and which is current: docs/reports.md. */
import * as z from 'zod';
import { Timestamp } from '../common/schemas.js';

const Instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .meta({ description: 'ISO 8601 instant, or a date (midnight UTC)', example: '2026-01-01T00:00:00Z' });

export const ReportPeriodQuery = z.object({
  from: Instant.optional().meta({ description: 'Start of the period, inclusive. Default: 30 days before `to`' }),
  to: Instant.optional().meta({ description: 'End of the period, exclusive. Default: now. At most 366 days after `from`' }),
});
export type ReportPeriodQuery = z.infer<typeof ReportPeriodQuery>;

const Points = z.number().int();

export const ReportSummary = z
  .object({
    from: Timestamp,
    to: Timestamp,
    generatedAt: Timestamp.meta({ description: 'When the current figures (budget, outstandingPoints) were read' }),
    budget: z.object({ balancePoints: Points.nonnegative().meta({ description: 'Current: points the company can allocate now' }) }),
    fundedPoints: Points.meta({ description: 'Period: points bought (top-ups, credits) in the period' }),
    refundedPoints: Points.meta({ description: 'Period: points taken back for refunded payments in the period' }),
    allocatedPoints: Points.meta({ description: 'Period: points the budget allocated in the period, net of reservations returned in the period' }),
    redeemedPoints: Points.nonnegative().meta({ description: 'Period: points of the orders placed in the period that are not cancelled' }),
    expiredPoints: Points.meta({ description: 'Period: points that expired and returned to the budget in the period' }),
    outstandingPoints: Points.meta({ description: 'Current: points in employees\' wallets now, not yet spent or expired' }),
    orders: z.object({
      placed: z.number().int().nonnegative().meta({ description: 'Period: orders placed in the period' }),
      byStatus: z
        .object({
          placed: z.number().int().nonnegative(),
          processing: z.number().int().nonnegative(),
          shipped: z.number().int().nonnegative(),
          delivered: z.number().int().nonnegative(),
          cancelled: z.number().int().nonnegative(),
        })
        .meta({ description: 'Orders placed in the period, by their current status' }),
    }),
    nps: z
      .object({
        score: z.number().int().min(-100).max(100).nullable().meta({ description: 'Net Promoter Score; null without responses' }),
        responses: z.number().int().nonnegative(),
        promoters: z.number().int().nonnegative().meta({ description: 'Scores 9–10' }),
        passives: z.number().int().nonnegative().meta({ description: 'Scores 7–8' }),
        detractors: z.number().int().nonnegative().meta({ description: 'Scores 0–6' }),
      })
      .meta({ description: 'Period: feedback given in the period' }),
  })
  .meta({ id: 'ReportSummary' });
export type ReportSummary = z.infer<typeof ReportSummary>;
