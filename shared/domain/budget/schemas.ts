/** Budget, funding and top-ups (../shared/API.md, Budget). */
import * as z from 'zod';
import { Id, Money, Text, Timestamp } from '../common/schemas.js';

/** Stripe's ceiling for one Checkout amount in most currencies, and a sane cap for a credit. */
export const MAX_FUNDING_POINTS = 100_000_000;

export const Budget = z
  .object({
    balancePoints: z.number().int().nonnegative().meta({ description: 'Points the company can allocate now' }),
    pendingTopUpPoints: z.number().int().nonnegative().meta({ description: 'Points of top-ups awaiting payment' }),
    allocatedPoints: z.number().int().nonnegative().meta({ description: 'Points allocated to employees, net of returned reservations' }),
    redeemedPoints: z.number().int().nonnegative().meta({ description: 'Points employees spent on gifts' }),
    expiredPoints: z.number().int().nonnegative().meta({ description: 'Points that expired in wallets and returned to the budget' }),
    fundedPoints: z.number().int().nonnegative().meta({ description: 'Points bought (top-ups and credits)' }),
    refundedPoints: z.number().int().nonnegative().meta({ description: 'Points taken back for refunded payments' }),
  })
  .meta({ id: 'Budget' });
export type Budget = z.infer<typeof Budget>;

export const CreateCreditBody = z.strictObject({
  points: z.number().int().min(1).max(MAX_FUNDING_POINTS),
  reference: Text(200).meta({ description: 'The invoice or bank transfer this credit records' }),
});
export type CreateCreditBody = z.infer<typeof CreateCreditBody>;

export const Credit = z
  .object({
    creditId: z.string(),
    companyId: z.string(),
    points: z.number().int(),
    reference: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Credit' });
export type Credit = z.infer<typeof Credit>;

export const CreditPath = z.object({ companyId: Id });

export const TOP_UP_STATUSES = ['pending', 'awaiting_payment', 'credited', 'failed', 'expired'] as const;
export type TopUpStatus = (typeof TOP_UP_STATUSES)[number];

export const CreateTopUpBody = z.strictObject({ points: z.number().int().min(1).max(MAX_FUNDING_POINTS) });
export type CreateTopUpBody = z.infer<typeof CreateTopUpBody>;

export const TopUp = z
  .object({
    topUpId: z.string(),
    points: z.number().int(),
    amount: Money,
    status: z.enum(TOP_UP_STATUSES).meta({
      description: 'pending: checkout open; awaiting_payment: an asynchronous payment is settling; credited: the points are in the budget',
    }),
    checkoutSessionId: z.string().nullable(),
    checkoutUrl: z.string().nullable(),
    refundedPoints: z.number().int().nonnegative().meta({ description: 'Points of this top-up whose payment was refunded' }),
    clawedBackPoints: z.number().int().nonnegative().meta({ description: 'Refunded points taken back from the budget' }),
    unrecoveredPoints: z.number().int().nonnegative().meta({
      description: 'Refunded points the budget no longer held (already allocated): reported, not taken back',
    }),
    createdAt: Timestamp,
    creditedAt: Timestamp.nullable(),
  })
  .meta({ id: 'TopUp' });
export type TopUp = z.infer<typeof TopUp>;

export const TopUpPath = z.object({ topUpId: Id });
