/** The points ledger as clients see it (../shared/API.md, Budget and Employee wallet). */
import * as z from 'zod';
import { Timestamp } from '../common/schemas.js';

/** What moved the points; one kind per transfer. */
export const TRANSFER_KINDS = [
  'top-up', // Stripe payment confirmed: external funding → budget
  'credit', // funding recorded by the platform operator: external funding → budget
  'refund', // Stripe refund clawed back: budget → external funding
  'allocation', // budget → wallets (small allocations) or reservation → wallets (bulk)
  'allocation-reserve', // bulk allocation: budget → its reservation
  'allocation-release', // the unused part of a reservation: reservation → budget
  'expiry', // an expired lot: wallet → budget
  'redemption', // an order: wallet → redeemed
  'redemption-reversal', // a cancelled order: redeemed → wallet (or budget)
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export const LedgerEntry = z
  .object({
    entryId: z.string(),
    transferId: z.string(),
    deltaPoints: z.number().int(),
    balanceAfter: z.number().int().nonnegative(),
    kind: z.enum(TRANSFER_KINDS),
    reference: z.string().meta({ description: 'The top-up, credit, allocation, lot or order that caused the movement' }),
    note: z.string().nullable().meta({ description: 'The allocation reason, or the operator\'s reference' }),
    at: Timestamp,
  })
  .meta({ id: 'LedgerEntry', description: 'One immutable entry of an account; balanceAfter is the balance once it applied' });
export type LedgerEntry = z.infer<typeof LedgerEntry>;
