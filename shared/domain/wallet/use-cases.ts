/**
 * An employee's wallet: balance, what expires when, the ledger, and spending. Spending takes
 * the earliest-expiring lots first; the wallet's balance and every lot drawn change in the
 * same transaction, so a concurrent expiry or order either sees the spend or retries.
 */
import type { EmployeeRepository } from '../employees/ports.js';
import { InsufficientPointsError, NotFoundError } from '../errors.js';
import type { Effect, LedgerStore, Lot } from '../ledger/ports.js';
import { expiringPoints, takeFromLots } from '../ledger/rules.js';
import type { Clock, ListOptions } from '../ports.js';
import type { Me } from './schemas.js';

export interface WalletDeps {
  ledger: LedgerStore;
  employees: EmployeeRepository;
  clock: Clock;
}

/** @throws NotFoundError when the token's employee does not exist in its company. */
export async function getMe(deps: WalletDeps, companyId: string, employeeId: string): Promise<Me> {
  const [employee, state] = await Promise.all([
    deps.employees.get(companyId, employeeId),
    deps.ledger.read(companyId, { accounts: [{ kind: 'wallet', employeeId }], lotsOf: [employeeId] }),
  ]);
  if (!employee) throw new NotFoundError('employee');
  // Points past their expiry are not shown as spendable while the expiry job catches up.
  const now = deps.clock.now().toISOString();
  const overdue = state.lots.filter((l) => l.expiresAt !== null && l.expiresAt <= now).reduce((s, l) => s + l.remaining, 0);
  return {
    employeeId,
    name: employee.name,
    balancePoints: state.account({ kind: 'wallet', employeeId }).balance - overdue,
    expiring: expiringPoints(state.lots.filter((l) => l.expiresAt === null || l.expiresAt > now)),
  };
}

export function listMyLedger(deps: WalletDeps, companyId: string, employeeId: string, options: ListOptions) {
  return deps.ledger.entries(companyId, { kind: 'wallet', employeeId }, options);
}

/**
 * Spends points of a wallet on a gift: wallet → redeemed, drawing the earliest-expiring lots.
 * `transferId` derives from the order, so a retry cannot spend twice. `extra` are effects the
 * caller commits in the same transaction (the order, stock).
 * @throws InsufficientPointsError when the wallet cannot cover the amount; nothing changes.
 */
export async function spendPoints(
  deps: WalletDeps,
  companyId: string,
  spend: {
    employeeId: string;
    points: number;
    transferId: string;
    reference: string;
    note: string | null;
    /** Effects committed with the spend; given the lots drawn (an order records them to undo). */
    extra?: (takes: { lot: Lot; take: number }[]) => Effect[];
  },
) {
  const wallet = { kind: 'wallet' as const, employeeId: spend.employeeId };
  const at = deps.clock.now().toISOString();
  return deps.ledger.post(companyId, { accounts: [wallet], lotsOf: [spend.employeeId] }, (state) => {
    // Lots past their expiry are not spendable, even before the expiry job has run.
    const spendable = state.lots.filter((l) => l.expiresAt === null || l.expiresAt > at);
    const balance = spendable.reduce((s, l) => s + l.remaining, 0);
    const takes = takeFromLots(spendable, spend.points);
    if (balance < spend.points || !takes) {
      throw new InsufficientPointsError(`This needs ${spend.points} points; the wallet holds ${balance}`);
    }
    return {
      transfer: {
        transferId: spend.transferId, kind: 'redemption', reference: spend.reference, note: spend.note, at,
        legs: [{ account: wallet, delta: -spend.points }, { account: { kind: 'redeemed' }, delta: spend.points }],
      },
      effects: [...takes.map(({ lot, take }): Effect => ({ type: 'lot.take', lot, take })), ...(spend.extra?.(takes) ?? [])],
    };
  });
}
