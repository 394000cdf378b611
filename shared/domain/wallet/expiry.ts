/**
 * Expiring points. A scheduled job (EventBridge Scheduler in AWS; a timer and `npm run
 * expire-points` locally) finds lots due by day in the expiry index and expires each one in
 * its own transaction: the lot's remaining points leave the wallet and return to the company
 * budget, with an entry in both ledgers. The lot is re-read in that transaction's build, so an
 * order that spent from it meanwhile is respected: only what is left expires.
 */
import type { Lot } from '../ledger/ports.js';
import type { LedgerStore } from '../ledger/ports.js';
import type { Clock, JobQueue } from '../ports.js';
import type { DomainEvent } from '../events.js';

/** The first day the job looks at when it has never run. */
export const EXPIRY_EPOCH_DAY = '2026-01-01';

export interface DueLot {
  companyId: string;
  employeeId: string;
  lotId: string;
  expiresAt: string;
  /** Points still in the lot when it was read. */
  remaining: number;
}

export interface ExpiryIndex {
  /** Lots that expire on `day` at or before `until`. */
  due(day: string, until: string): Promise<DueLot[]>;
  /** The first day not yet fully processed. */
  nextDay(): Promise<string | undefined>;
  setNextDay(day: string): Promise<void>;
}

export interface ExpiryDeps {
  ledger: LedgerStore;
  expiryIndex: ExpiryIndex;
  clock: Clock;
}

export interface ExpiryRun {
  days: number;
  lotsExpired: number;
  pointsExpired: number;
}

const addDay = (day: string) => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);

/** Expires every lot due by now. Idempotent: a lot expires once (transfer `expiry:<lotId>`). */
export async function expireDuePoints(deps: ExpiryDeps): Promise<ExpiryRun> {
  const now = deps.clock.now().toISOString();
  const today = now.slice(0, 10);
  const run: ExpiryRun = { days: 0, lotsExpired: 0, pointsExpired: 0 };
  let day = (await deps.expiryIndex.nextDay()) ?? EXPIRY_EPOCH_DAY;
  for (; day <= today; day = addDay(day)) {
    run.days++;
    for (const due of await deps.expiryIndex.due(day, now)) {
      const points = await expireLot(deps, due, now);
      if (points > 0) {
        run.lotsExpired++;
        run.pointsExpired += points;
      }
    }
    // Today is looked at again next time: more of its lots fall due as the day goes on.
    if (day < today) await deps.expiryIndex.setNextDay(addDay(day));
  }
  return run;
}

/** Returns the points expired (0 when the lot was spent or expired already). */
export async function expireLot(deps: ExpiryDeps, due: Omit<DueLot, 'remaining'>, at: string): Promise<number> {
  const wallet = { kind: 'wallet' as const, employeeId: due.employeeId };
  let expired = 0;
  const outcome = await deps.ledger.post(due.companyId, { accounts: [wallet, { kind: 'budget' }], lotsOf: [due.employeeId] }, (state) => {
    const lot: Lot | undefined = state.lots.find((l) => l.lotId === due.lotId);
    if (!lot || lot.remaining <= 0) return null;
    expired = lot.remaining;
    return {
      transfer: {
        transferId: `expiry:${lot.lotId}`, kind: 'expiry', reference: lot.lotId, note: `Points granted by ${lot.reference} expired`, at,
        legs: [{ account: wallet, delta: -lot.remaining }, { account: { kind: 'budget' }, delta: lot.remaining }],
      },
      effects: [
        { type: 'lot.take', lot, take: lot.remaining },
        { type: 'budget.count', counters: { expiredPoints: lot.remaining } },
      ],
    };
  });
  return outcome.outcome === 'posted' ? expired : 0;
}

/** How far ahead employees are told that points will expire. */
export const REMINDER_DAYS = 14;

/**
 * Tells each employee whose points expire on the day `REMINDER_DAYS` from today how many, once
 * per employee and day (the email's id derives from both, so a second run sends nothing new).
 */
export async function remindExpiringPoints(deps: ExpiryDeps & { queue: JobQueue }): Promise<{ day: string; employees: number; points: number }> {
  const day = new Date(deps.clock.now().getTime() + REMINDER_DAYS * 86_400_000).toISOString().slice(0, 10);
  const lots = await deps.expiryIndex.due(day, `${day}T23:59:59.999Z`);
  const byEmployee = new Map<string, Extract<DomainEvent, { type: 'PointsExpiring' }>>();
  for (const lot of lots) {
    if (lot.remaining <= 0) continue;
    const key = `${lot.companyId}|${lot.employeeId}`;
    const seen = byEmployee.get(key);
    if (seen) {
      seen.points += lot.remaining;
      if (lot.expiresAt < seen.expiresAt) seen.expiresAt = lot.expiresAt;
    } else {
      byEmployee.set(key, { type: 'PointsExpiring', companyId: lot.companyId, employeeId: lot.employeeId, points: lot.remaining, expiresAt: lot.expiresAt, day });
    }
  }
  const events = [...byEmployee.values()];
  if (events.length) await deps.queue.send('notifications', events);
  return { day, employees: events.length, points: events.reduce((s, e) => s + e.points, 0) };
}
