/**
 * Allocating points: the rule that an allocation can never overspend the budget lives here
 * and in the ledger's conditional writes.
 *
 * Up to SYNC_RECIPIENTS recipients are credited in the request, in ONE transaction with the
 * budget debit. Larger allocations reserve the whole amount from the budget in one transfer
 * (budget → the allocation's reservation), then a worker credits the recipients chunk by chunk
 * (reservation → wallets), each chunk one transaction that also advances the allocation's
 * progress; a redelivered or concurrent worker finds the chunk done and moves on. Whatever is
 * left of the reservation at the end (recipients deactivated meanwhile) returns to the budget.
 */
import * as z from 'zod';
import type { EmployeeRepository, StoredEmployee } from '../employees/ports.js';
import { InsufficientBudgetError, NotFoundError, ValidationFailedError } from '../errors.js';
import type { Effect, LedgerStore, Lot } from '../ledger/ports.js';
import { deriveId } from '../ledger/rules.js';
import type { Clock, IdGenerator, JobQueue, ListOptions } from '../ports.js';
import type { RequestKey } from '../budget/use-cases.js';
import type { AllocationMessage, AllocationRepository, StoredAllocation } from './ports.js';
import type { Allocation, CreateAllocationBody, SkippedRecipient } from './schemas.js';

/** 4 writes + 3 per recipient (wallet, wallet entry, lot) stay within 100 actions. */
export const SYNC_RECIPIENTS = 30;
/** 3 writes (guard, reservation, its entry) + progress + 3 per recipient ≤ 100. */
export const CHUNK_RECIPIENTS = 32;
const LISTED_SKIPS = 100;
const MAX_EXPIRY_MS = 5 * 366 * 24 * 3600 * 1000;

export interface AllocationDeps {
  ledger: LedgerStore;
  employees: EmployeeRepository;
  allocations: AllocationRepository;
  queue: JobQueue;
  clock: Clock;
  ids: IdGenerator;
}

export const AllocationMessageSchema = z.object({ companyId: z.string().min(1), allocationId: z.string().min(1) });

function publicView(stored: StoredAllocation): Allocation {
  const { chunks: _c, progressVersion: _p, ...allocation } = stored;
  return allocation;
}

async function resolveRecipients(deps: AllocationDeps, companyId: string, body: CreateAllocationBody) {
  const r = body.recipients;
  if ('employeeIds' in r) {
    const ids = [...new Set(r.employeeIds)];
    const found = new Map<string, StoredEmployee>();
    for (let i = 0; i < ids.length; i += 100) {
      for (const e of await deps.employees.getMany(companyId, ids.slice(i, i + 100))) found.set(e.employeeId, e);
    }
    const skipped: SkippedRecipient[] = [];
    const recipients: string[] = [];
    for (const id of ids) {
      const e = found.get(id);
      if (!e) skipped.push({ employeeId: id, reason: 'unknown' });
      else if (e.status !== 'active') skipped.push({ employeeId: id, reason: 'inactive' });
      else recipients.push(id);
    }
    return { recipients, skipped };
  }
  const recipients = await deps.employees.activeIds(companyId, 'department' in r ? r.department : undefined);
  return { recipients, skipped: [] as SkippedRecipient[] };
}

function creditEffects(companyId: string, allocationId: string, employeeIds: string[], points: number, expiresAt: string | null, at: string): {
  legs: { account: { kind: 'wallet'; employeeId: string }; delta: number }[];
  effects: Effect[];
} {
  return {
    legs: employeeIds.map((employeeId) => ({ account: { kind: 'wallet', employeeId }, delta: points })),
    effects: employeeIds.map((employeeId): Effect => {
      const lot: Lot = {
        employeeId, lotId: deriveId('lot', companyId, allocationId, employeeId), remaining: points, expiresAt, grantedAt: at, reference: allocationId,
      };
      return { type: 'lot.create', lot };
    }),
  };
}

/**
 * Allocates `points` to each recipient.
 *   1. resolves the recipients (listed ones that exist and are active; or the department's or
 *      company's active employees);
 *   2. derives the allocation id from (company, caller, Idempotency-Key): a replay returns the
 *      allocation already made;
 *   3. small: budget → wallets in one transaction; large: budget → reservation, then queued.
 * @throws ValidationFailedError for a past expiry, or a department or company with no active employee.
 * @throws InsufficientBudgetError when the budget cannot cover every recipient; nothing changes.
 */
export async function allocatePoints(
  deps: AllocationDeps,
  companyId: string,
  request: RequestKey,
  body: CreateAllocationBody,
): Promise<{ allocation: Allocation; background: boolean }> {
  const now = deps.clock.now();
  const expiresAt = body.expiresAt ? new Date(body.expiresAt).toISOString() : null;
  if (expiresAt && (Date.parse(expiresAt) <= now.getTime() || Date.parse(expiresAt) - now.getTime() > MAX_EXPIRY_MS)) {
    throw new ValidationFailedError([{ path: 'body.expiresAt', message: 'must be in the future, within 5 years' }]);
  }
  const allocationId = deriveId('allocation', companyId, request.sub, request.idempotencyKey);
  const existing = await deps.allocations.get(companyId, allocationId);
  if (existing) return resume(deps, companyId, existing);

  const { recipients, skipped } = await resolveRecipients(deps, companyId, body);
  // A list whose every employee is skipped is reported like any other (it costs nothing); a
  // department or company with nobody active is more likely a mistake.
  if (recipients.length === 0 && skipped.length === 0) {
    throw new ValidationFailedError([{ path: 'body.recipients', message: 'no active employee of the company matches' }]);
  }
  const at = now.toISOString();
  const totalPoints = recipients.length * body.points;
  const background = recipients.length > SYNC_RECIPIENTS;
  const chunks: string[][] = [];
  if (background) for (let i = 0; i < recipients.length; i += CHUNK_RECIPIENTS) chunks.push(recipients.slice(i, i + CHUNK_RECIPIENTS));
  const record: StoredAllocation = {
    allocationId,
    status: background ? 'processing' : 'completed',
    points: body.points,
    reason: body.reason,
    message: body.message ?? null,
    expiresAt,
    recipientCount: recipients.length,
    credited: background ? 0 : recipients.length,
    totalPoints,
    returnedPoints: 0,
    skippedCount: skipped.length,
    skipped: skipped.slice(0, LISTED_SKIPS),
    createdAt: at,
    completedAt: background ? null : at,
    chunks: chunks.length,
    progressVersion: 0,
  };
  if (background) await deps.allocations.putChunks(companyId, allocationId, chunks);

  const credit = background ? undefined : creditEffects(companyId, allocationId, recipients, body.points, expiresAt, at);
  const reservation = { kind: 'reservation' as const, allocationId };
  const credited = credit ? credit.legs.map((l) => l.account) : [reservation];
  const outcome = await deps.ledger.post(companyId, { accounts: [{ kind: 'budget' }, ...credited] }, (state) => {
    const budget = state.account({ kind: 'budget' });
    if (budget.balance < totalPoints) {
      throw new InsufficientBudgetError(
        `The allocation needs ${totalPoints} points (${recipients.length} × ${body.points}); the budget holds ${budget.balance}`,
      );
    }
    return {
      transfer: {
        transferId: `allocation:${allocationId}`,
        kind: background ? 'allocation-reserve' : 'allocation',
        reference: allocationId,
        note: body.reason,
        at,
        legs: totalPoints === 0 ? [] : [
          { account: { kind: 'budget' }, delta: -totalPoints },
          ...(credit ? credit.legs : [{ account: reservation, delta: totalPoints }]),
        ],
      },
      effects: [
        ...(totalPoints ? [{ type: 'budget.count' as const, counters: { allocatedPoints: totalPoints } }] : []),
        { type: 'record.put', record: { entity: 'allocation', value: { ...record } } },
        ...(credit?.effects ?? []),
      ],
    };
  });
  if (outcome.outcome !== 'posted') {
    // The same request was posted concurrently: report what it made.
    const made = await deps.allocations.get(companyId, allocationId);
    if (!made) throw new Error(`allocation ${allocationId}: ${outcome.outcome} but no record`);
    return resume(deps, companyId, made);
  }
  if (background) await deps.queue.send('allocations', [{ companyId, allocationId } satisfies AllocationMessage]);
  return { allocation: publicView(record), background };
}

/** A replayed allocation: report it; one still processing is queued again (harmless, and it may have been lost). */
async function resume(deps: AllocationDeps, companyId: string, stored: StoredAllocation) {
  const background = stored.chunks > 0;
  if (stored.status === 'processing') await deps.queue.send('allocations', [{ companyId, allocationId: stored.allocationId }]);
  return { allocation: publicView(stored), background };
}

/** @throws NotFoundError for an unknown id or another company's. */
export async function getAllocation(deps: AllocationDeps, companyId: string, allocationId: string): Promise<Allocation> {
  const stored = await deps.allocations.get(companyId, allocationId);
  if (!stored) throw new NotFoundError('allocation');
  return publicView(stored);
}

export function listAllocations(deps: AllocationDeps, companyId: string, options: ListOptions) {
  return deps.allocations.list(companyId, options);
}

/**
 * Credits a background allocation chunk by chunk until it completes, or until `deadline`
 * (then it queues itself to continue). Safe to run twice at once or again after a crash:
 * each chunk's transaction is guarded by its transfer id and by the allocation's progress.
 */
export async function processAllocation(deps: AllocationDeps, message: AllocationMessage, deadline = Number.POSITIVE_INFINITY): Promise<void> {
  const { companyId, allocationId } = message;
  for (;;) {
    const stored = await deps.allocations.get(companyId, allocationId);
    if (!stored || stored.status === 'completed') return;
    if (Date.now() > deadline) {
      await deps.queue.send('allocations', [message]);
      return;
    }
    const n = stored.progressVersion;
    if (n >= stored.chunks) {
      await finishAllocation(deps, companyId, stored);
      continue;
    }
    await creditChunk(deps, companyId, stored, n);
  }
}

async function creditChunk(deps: AllocationDeps, companyId: string, stored: StoredAllocation, n: number) {
  const { allocationId } = stored;
  const ids = await deps.allocations.chunk(companyId, allocationId, n);
  const active = new Set((await deps.employees.getMany(companyId, ids)).filter((e) => e.status === 'active').map((e) => e.employeeId));
  const credited = ids.filter((id) => active.has(id));
  const left = ids.filter((id) => !active.has(id)).map((employeeId): SkippedRecipient => ({ employeeId, reason: 'inactive' }));
  const at = deps.clock.now().toISOString();
  const credit = creditEffects(companyId, allocationId, credited, stored.points, stored.expiresAt, at);
  const reservation = { kind: 'reservation' as const, allocationId };
  await deps.ledger.post(companyId, { accounts: [reservation, ...credit.legs.map((l) => l.account)] }, () => ({
    transfer: {
      transferId: `allocation:${allocationId}:chunk:${n}`,
      kind: 'allocation',
      reference: allocationId,
      note: stored.reason,
      at,
      legs: credited.length ? [{ account: reservation, delta: -credited.length * stored.points }, ...credit.legs] : [],
    },
    effects: [
      ...credit.effects,
      {
        type: 'record.update',
        record: {
          entity: 'allocation', allocationId, expectProgressVersion: n,
          set: {
            progressVersion: n + 1,
            credited: stored.credited + credited.length,
            skippedCount: stored.skippedCount + left.length,
            skipped: [...stored.skipped, ...left].slice(0, LISTED_SKIPS),
          },
        },
      },
    ],
  }));
  // 'duplicate' or 'record-changed': another delivery did this chunk; the loop re-reads.
}

async function finishAllocation(deps: AllocationDeps, companyId: string, stored: StoredAllocation) {
  const { allocationId } = stored;
  const reservation = { kind: 'reservation' as const, allocationId };
  const at = deps.clock.now().toISOString();
  await deps.ledger.post(companyId, { accounts: [reservation, { kind: 'budget' }] }, (state) => {
    const left = state.account(reservation).balance;
    return {
      transfer: {
        transferId: `allocation:${allocationId}:release`,
        kind: 'allocation-release',
        reference: allocationId,
        note: stored.reason,
        at,
        legs: left ? [{ account: reservation, delta: -left }, { account: { kind: 'budget' }, delta: left }] : [],
      },
      effects: [
        ...(left ? [{ type: 'budget.count' as const, counters: { allocatedPoints: -left } }] : []),
        {
          type: 'record.update',
          record: {
            entity: 'allocation', allocationId, expectProgressVersion: stored.progressVersion,
            set: { status: 'completed', completedAt: at, returnedPoints: left, progressVersion: stored.progressVersion + 1 },
          },
        },
      ],
    };
  });
}
