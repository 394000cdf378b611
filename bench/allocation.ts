/**
 * A 50,000-recipient allocation through the production code (use case, ledger store, queue
 * worker) on the local engine, against a bare BatchWriteItem of the same items in the same run.
 * Counts the DynamoDB requests by command with an SDK middleware.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalPlatform } from '../local/platform.js';
import { batchPut } from '../shared/adapters/dynamodb/batch.js';
import { documentClient } from '../shared/adapters/dynamodb/client.js';
import { employeeItem } from '../shared/adapters/dynamodb/employees-repository.js';
import { keys } from '../shared/adapters/dynamodb/keys.js';
import { deps } from '../shared/composition.js';
import { allocatePoints, CHUNK_RECIPIENTS } from '../shared/domain/allocations/use-cases.js';
import { getBudget, recordCredit } from '../shared/domain/budget/use-cases.js';

export interface AllocationBench {
  recipients: number;
  requestSeconds: number;
  backgroundSeconds: number;
  transactions: number;
  requests: Record<string, number>;
  bareBatchSeconds: number;
  itemsWritten: number;
  verified: string;
}

export async function benchAllocation(recipients = 50_000): Promise<AllocationBench> {
  const dir = mkdtempSync(join(tmpdir(), 'gifting-bench-'));
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const platform = await startLocalPlatform({ dataDir: dir, inMemory: true, stage: 'test', streams: false });
  try {
    const d = deps();
    const companyId = 'bench-company';
    const at = new Date().toISOString();
    await d.companies.create({ companyId, name: 'Bench GmbH', country: 'DE', currency: 'EUR', pointPrice: { amountMinor: 1, currency: 'EUR' }, createdAt: at });
    const db = documentClient();
    const employees = Array.from({ length: recipients }, (_, i) => {
      const employeeId = `E${String(i).padStart(7, '0')}`;
      return employeeItem(companyId, {
        employeeId, email: `${employeeId.toLowerCase()}@bench.example`, name: `Employee ${i}`, country: 'DE', department: 'Bench',
        hireDate: null, birthDate: null, status: 'active', createdAt: at, updatedAt: at,
      });
    });
    await parallelBatches(db, platform.tables.Main!, employees);
    await recordCredit(d, companyId, { sub: 'bench', idempotencyKey: 'fund' }, { points: recipients * 10, reference: 'bench' });

    const requests: Record<string, number> = {};
    db.middlewareStack.add((next, context) => async (args) => {
      requests[context.commandName ?? '?'] = (requests[context.commandName ?? '?'] ?? 0) + 1;
      return next(args);
    }, { step: 'initialize', name: 'benchCounter' });

    const t0 = performance.now();
    const { allocation } = await allocatePoints(d, companyId, { sub: 'bench', idempotencyKey: 'everyone' }, {
      points: 10, reason: 'Benchmark', recipients: { all: true },
    });
    const t1 = performance.now();
    await platform.queue.idle();
    const t2 = performance.now();
    db.middlewareStack.remove('benchCounter');

    const done = await d.allocations.get(companyId, allocation.allocationId);
    const budget = await getBudget(d, companyId);
    const verified = done?.status === 'completed' && done.credited === recipients && budget.balancePoints === 0 && budget.allocatedPoints === recipients * 10
      ? `completed, ${done.credited} credited once, budget 0`
      : `NOT CONSISTENT: ${JSON.stringify({ status: done?.status, credited: done?.credited, budget })}`;

    // The same items a bare client would write: per recipient a wallet, an entry and a lot.
    const bare = employees.flatMap((e, i) => [
      { ...keys.wallet('bare', String(e.employeeId)), balance: 10, version: 1, i },
      { ...keys.walletEntry('bare', String(e.employeeId), 1), deltaPoints: 10, balanceAfter: 10 },
      { ...keys.lot('bare', String(e.employeeId), null, `L${i}`), remaining: 10 },
    ]);
    const t3 = performance.now();
    await parallelBatches(db, platform.tables.Main!, bare);
    const t4 = performance.now();

    return {
      recipients,
      requestSeconds: (t1 - t0) / 1000,
      backgroundSeconds: (t2 - t1) / 1000,
      transactions: requests.TransactWriteItemsCommand ?? 0,
      requests,
      bareBatchSeconds: (t4 - t3) / 1000,
      itemsWritten: bare.length,
      verified,
    };
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function parallelBatches(db: ReturnType<typeof documentClient>, table: string, items: Record<string, unknown>[], inFlight = 8) {
  const groups: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) groups.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(Array.from({ length: inFlight }, async () => {
    while (next < groups.length) await batchPut(db, table, groups[next++]!);
  }));
}

export function printAllocationBench(r: AllocationBench): void {
  const chunks = Math.ceil(r.recipients / CHUNK_RECIPIENTS);
  console.log(`\nAllocation to ${r.recipients.toLocaleString('en')} recipients (in memory, production use case + worker)`);
  console.log(`  request (resolve recipients, store ${chunks} chunks, reserve)  ${r.requestSeconds.toFixed(1)} s`);
  console.log(`  background credit (${chunks} chunks of ${CHUNK_RECIPIENTS})             ${r.backgroundSeconds.toFixed(1)} s  = ${(r.recipients / r.backgroundSeconds).toFixed(0)} recipients/s`);
  console.log(`  transactions (TransactWriteItems)                  ${r.transactions}`);
  console.log(`  requests by command                                ${Object.entries(r.requests).map(([k, v]) => `${k.replace('Command', '')} ${v}`).join(', ')}`);
  console.log(`  bare BatchWriteItem of the same ${r.itemsWritten.toLocaleString('en')} items (8 in flight)  ${r.bareBatchSeconds.toFixed(1)} s`);
  console.log(`  ratio allocation total / bare BatchWrite: ${((r.requestSeconds + r.backgroundSeconds) / r.bareBatchSeconds).toFixed(2)}`);
  console.log(`  check: ${r.verified}`);
}
