/**
 * The double-entry ledger. Every movement of points is one transfer whose legs sum to zero;
 * the store writes, in ONE transaction: a guard item named by the transfer id (so a transfer
 * can never post twice), each account's new balance (conditional on the version it was read
 * at, and never below zero) and one immutable entry per leg, plus the effects that belong with
 * the movement (lots, top-up state, allocation progress).
 */
import type { Page } from '../common/schemas.js';
import type { ListOptions } from '../ports.js';
import type { LedgerEntry, TransferKind } from './schemas.js';

export type Account =
  | { kind: 'budget' }
  | { kind: 'wallet'; employeeId: string }
  | { kind: 'reservation'; allocationId: string }
  /** Where funded points come from: its balance is minus the net funding, by design. */
  | { kind: 'external' }
  /** Points spent on gifts. */
  | { kind: 'redeemed' };

export interface AccountState {
  account: Account;
  balance: number;
  /** Number of entries posted; 0 for an account that has none yet. */
  version: number;
}

/** Points granted together with one expiry (or none); spent earliest-expiring first. */
export interface Lot {
  employeeId: string;
  lotId: string;
  remaining: number;
  /** null: never expires. */
  expiresAt: string | null;
  grantedAt: string;
  /** The transfer that granted it, for the ledger of its expiry. */
  reference: string;
}

export interface BudgetCounters {
  allocatedPoints?: number;
  expiredPoints?: number;
  pendingTopUpPoints?: number;
  fundedPoints?: number;
  refundedPoints?: number;
}

export interface Leg {
  account: Account;
  delta: number;
}

export interface Transfer {
  /** Derived from the tenant and the idempotency key or source event, never random. */
  transferId: string;
  kind: TransferKind;
  reference: string;
  note: string | null;
  at: string;
  legs: Leg[];
}

/** Writes that commit with the transfer, or not at all. */
export type Effect =
  | { type: 'lot.create'; lot: Lot }
  | { type: 'lot.take'; lot: Lot; take: number }
  | { type: 'budget.count'; counters: BudgetCounters }
  | { type: 'record.put'; record: LedgerRecord }
  | { type: 'record.update'; record: LedgerRecordUpdate }
  /** Takes units of a variant if it has them and still costs what the order was priced at. */
  | { type: 'stock.take'; productId: string; variantId: string; quantity: number; expectPoints: number }
  | { type: 'stock.return'; productId: string; variantId: string; quantity: number }
  /** Assigns an unused digital code (deletes it from the pool if it is still there). */
  | { type: 'code.take'; variantId: string; codeKey: string }
  /** Holds only while the employee exists and is active (checked, not written). */
  | { type: 'employee.active'; employeeId: string }
  /** Puts points back into a lot (recreating it if it was spent to zero). */
  | { type: 'lot.restore'; lot: Lot; points: number };

/**
 * Records of other areas (top-ups, allocations) that change with a transfer. The store knows
 * how to write them; their shapes and rules belong to their areas.
 */
export type LedgerRecord =
  | { entity: 'allocation'; value: Record<string, unknown> & { allocationId: string } }
  | { entity: 'order'; value: Record<string, unknown> & { orderId: string; employeeId: string; status: string; createdAt: string } }
  /** Which company an order id belongs to (the platform operator's lookup); also lists the order by when it was placed (reports). */
  | { entity: 'orderLookup'; orderId: string; createdAt: string }
  /** The digital codes of an order, kept apart so only the ordering employee's view reads them. */
  | { entity: 'orderCodes'; orderId: string; codes: Record<string, string[]> };

export type LedgerRecordUpdate =
  | {
      entity: 'allocation';
      allocationId: string;
      /** Applied only if the record's `progressVersion` is still this. */
      expectProgressVersion: number;
      set: Record<string, unknown>;
    }
  | {
      entity: 'order';
      orderId: string;
      expectStatus: string[];
      set: Record<string, unknown>;
    }
  | {
      entity: 'topUp';
      topUpId: string;
      /** Applied only while the top-up is in one of these states... */
      expectStatus: string[];
      /** ...and (when given) still has these values. */
      expect?: Record<string, string | number>;
      set: Record<string, unknown>;
    };

export interface PostedTransfer {
  transferId: string;
  kind: TransferKind;
  reference: string;
  note: string | null;
  at: string;
  legs: { account: string; delta: number }[];
}

export interface Posting {
  transfer: Transfer;
  effects: Effect[];
}

export interface LedgerState {
  accounts: AccountState[];
  /** Unspent lots of the wallets asked for, earliest expiry first. */
  lots: Lot[];
  account(account: Account): AccountState;
}

export type PostOutcome =
  | { outcome: 'posted'; posting: Posting }
  /** The transfer id was posted before: nothing was written. */
  | { outcome: 'duplicate' }
  /** A record's, stock's or code's condition did not hold: nothing was written. */
  | { outcome: 'record-changed'; failed: Effect[] };

export interface ReadSpec {
  accounts: Account[];
  /** Wallets whose lots the posting needs (debits). */
  lotsOf?: string[];
}

export interface LedgerStore {
  /**
   * Reads the accounts, asks `build` for the posting and writes it atomically; when an account
   * moved in between, reads again and rebuilds. `build` may throw a DomainError (e.g. not
   * enough points) or return null to post nothing.
   */
  post(companyId: string, read: ReadSpec, build: (state: LedgerState) => Posting | null): Promise<PostOutcome | { outcome: 'nothing' }>;
  read(companyId: string, read: ReadSpec): Promise<LedgerState>;
  /** A posted transfer, or undefined. */
  transfer(companyId: string, transferId: string): Promise<PostedTransfer | undefined>;
  /** Entries of a budget, wallet or reservation account, newest first. */
  entries(companyId: string, account: Account, options: ListOptions): Promise<Page<LedgerEntry>>;
  /** The budget's balance and counters, and the points redeemed. */
  budget(companyId: string): Promise<{ balance: number; counters: Required<BudgetCounters>; redeemed: number }>;
}
