/**
 * Contention on one account: many single allocations at once against one company budget that
 * covers only some of them (the race of test/integration/http/points.test.ts, larger). Every
 * posting debits the same budget item, so all but one transaction of each round is cancelled
 * and the ledger retries. What matters is fairness: how many attempts the unluckiest request
 * needed, how long it waited, and whether any gave up (503 `unavailable`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startLocalPlatform } from '../local/platform.js';
import { addDynamoMiddleware } from '../shared/adapters/dynamodb/client.js';

export interface ContentionFigures {
  requests: number;
  budget: number;
  elapsedSeconds: number;
  statuses: Record<string, number>;
  /** TransactWriteItems sent per posting that succeeded, by percentile. */
  attempts: { p50: number; p99: number; max: number };
  latencyMs: { p50: number; p99: number; max: number };
  transactions: number;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function benchContention(requests = 1000, budget = 800, connections = 50): Promise<ContentionFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'gifting-bench-contention-'));
  const platform = await startLocalPlatform({ dataDir: dir, inMemory: true, stage: 'test', streams: false });
  const attemptsByTransfer = new Map<string, number>();
  let transactions = 0;
  const remove = addDynamoMiddleware((next) => async (args) => {
    const request = args.request as { headers?: Record<string, string>; body?: string | Uint8Array };
    if (request.headers?.['x-amz-target']?.endsWith('.TransactWriteItems')) {
      transactions++;
      const body = typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
      const transfer = /TRANSFER#[^"]+/.exec(body)?.[0];
      if (transfer) attemptsByTransfer.set(transfer, (attemptsByTransfer.get(transfer) ?? 0) + 1);
    }
    return next(args);
  }, { step: 'deserialize', name: 'bench-contention-count' });
  try {
    const operator = await platform.issuer.sign({ role: 'platform_admin', sub: 'bench-operator' });
    const call = async (method: string, path: string, token: string, body: unknown, key?: string) => {
      const res = await fetch(platform.url + path, {
        method, body: JSON.stringify(body),
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const company = await call('POST', '/v1/companies', operator, { name: 'Contention', country: 'TR', currency: 'EUR', pointPrice: { amountMinor: 1, currency: 'EUR' } });
    const companyId = company.body.companyId as string;
    const hr = await platform.issuer.sign({ role: 'hr_admin', sub: 'bench-hr', companyId });
    const employees: string[] = [];
    for (let i = 0; i < 20; i++) {
      const e = await call('POST', '/v1/employees', hr, { email: `c${i}@example.com`, name: `C ${i}`, country: 'TR' });
      employees.push(e.body.employeeId as string);
    }
    await call('POST', `/v1/companies/${companyId}/budget/credits`, operator, { points: budget, reference: 'BENCH' }, 'bench-credit');
    attemptsByTransfer.clear();
    transactions = 0;

    const statuses: Record<string, number> = {};
    const latencies: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(Array.from({ length: connections }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        const res = await call('POST', '/v1/allocations', hr, { points: 1, reason: 'Race', recipients: { employeeIds: [employees[i % employees.length]] } }, `race-${i}`);
        latencies.push(performance.now() - t0);
        const code = res.status === 201 ? '201' : `${res.status} ${String(res.body.type ?? '').split('/').pop()}`;
        statuses[code] = (statuses[code] ?? 0) + 1;
      }
    }));
    const elapsedSeconds = (performance.now() - start) / 1000;
    latencies.sort((a, b) => a - b);
    const attempts = [...attemptsByTransfer.values()].sort((a, b) => a - b);
    return {
      requests, budget, elapsedSeconds, statuses, transactions,
      attempts: { p50: percentile(attempts, 0.5), p99: percentile(attempts, 0.99), max: attempts.at(-1) ?? 0 },
      latencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: latencies.at(-1) ?? 0 },
    };
  } finally {
    remove();
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printContention(f: ContentionFigures): void {
  console.log(`\nContention: ${f.requests} single allocations of 1 point, 50 connections, one budget of ${f.budget}`);
  console.log(`  answers: ${Object.entries(f.statuses).map(([k, n]) => `${k} × ${n}`).join(', ')} in ${f.elapsedSeconds.toFixed(1)} s`);
  console.log(`  TransactWriteItems: ${f.transactions} (${(f.transactions / Math.max(1, f.statuses['201'] ?? 0)).toFixed(2)} per allocation made)`);
  console.log(`  attempts per posting: p50 ${f.attempts.p50}, p99 ${f.attempts.p99}, max ${f.attempts.max}`);
  console.log(`  latency: p50 ${f.latencyMs.p50.toFixed(0)} ms, p99 ${f.latencyMs.p99.toFixed(0)} ms, max ${f.latencyMs.max.toFixed(0)} ms`);
}
