/**
 * Fault injection on the real engine (issue 8): the SDK middleware of test/support/faults.ts
 * fails TransactWriteItems inside the SDK's retry loop — transaction conflicts, throttling,
 * responses lost after the commit — on the order and allocation paths; a bulk allocation
 * worker runs in its own process and is killed by pid mid-job. Every test checks that the
 * movement happened exactly once; the suite ends with the conservation check.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { useQueue } from '../../../shared/composition.js';
import { recordMetrics } from '../../support/metrics.js';
import type { JobQueue } from '../../../shared/domain/ports.js';
import { installFaults, type Faults } from '../../support/faults.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let faults: Faults;
let operator: string;
let partner: string;
let key = 0;
const idem = () => ({ 'idempotency-key': `f-${++key}-${Math.random().toString(36).slice(2)}` });
const address = { name: 'Ayşe Yılmaz', line1: 'Bağdat Caddesi 1', city: 'İstanbul', postalCode: '34710', country: 'TR', phone: '+905321234567' };
const TX = 'TransactWriteItems';

beforeAll(async () => {
  p = await startTestPlatform();
  faults = installFaults();
  operator = await p.token({ role: 'platform_admin', sub: 'faults-operator' });
  partner = (await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Kargo', countries: ['TR'] } })).body.partnerId;
});
afterEach(() => faults.clear());
afterAll(async () => {
  faults?.uninstall();
  await p?.stop();
});

async function product(stock = 50) {
  const res = await p.call('POST', '/v1/products', {
    token: operator,
    body: {
      name: 'Cezve', description: 'Copper coffee pot', category: 'kitchen', kind: 'physical', partnerId: partner, shipsTo: ['TR'],
      variants: [{ sku: `F-${++key}`, name: 'Standard', points: 100, stock }],
    },
  });
  if (res.status !== 201) throw new Error(res.text);
  return { productId: res.body.productId as string, variantId: res.body.variants[0].variantId as string };
}

const order = (token: string, items: object[], headers = idem()) => p.call('POST', '/v1/orders', { token, headers, body: { items, shippingAddress: address } });
const stockOf = async (productId: string) => (await p.call('GET', `/v1/products/${productId}`, { token: operator })).body.variants[0].stock as number;
const me = async (token: string) => (await p.call('GET', '/v1/me', { token })).body as { balancePoints: number };
const myLedger = async (token: string) => (await p.call('GET', '/v1/me/ledger', { token })).body.items as { kind: string; deltaPoints: number; reference: string }[];
const budget = async (hr: string) => (await p.call('GET', '/v1/budget', { token: hr })).body as { balancePoints: number; allocatedPoints: number; redeemedPoints: number };
const budgetLedger = async (hr: string) => (await p.call('GET', '/v1/budget/ledger', { token: hr })).body.items as { kind: string; deltaPoints: number }[];

/** The whole main table, after the stream and queues have settled. */
async function snapshot() {
  await p.settle();
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await p.engine.documentClient().send(new ScanCommand({ TableName: p.tables.Main!, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items.map((i) => JSON.stringify(i)).sort();
}

const tokensOf = (companyId: string, transfer: string) => faults.of(TX, `TRANSFER#${companyId}#${transfer}`);
const expectProblem = (res: { status: number; headers: Headers; body: { type?: string; status?: number } }, status: number, code: string) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ type: expect.stringMatching(new RegExp(`/${code}$`)), status });
};

describe('transaction conflicts and throttling are retried and applied once', () => {
  it('an order meeting a conflict, then throttling twice, is placed once; every attempt carries the same ClientRequestToken', async () => {
    const gift = await product();
    const { companyId, hr, employee: e } = await p.shopper(500, 1000);
    faults.inject(TX, 'conflict', 1, { transfer: `${companyId}#order:` });
    faults.inject(TX, 'throughput', 1, { transfer: `${companyId}#order:` });
    faults.inject(TX, 'throttling', 1, { transfer: `${companyId}#order:` });

    const res = await order(e.token, [{ ...gift, quantity: 2 }]);

    expect(res.status).toBe(201);
    expect(res.headers.get('idempotent-replayed')).toBeNull();
    const attempts = tokensOf(companyId, `order:${res.body.orderId}`);
    // The ledger rebuilt the posting after the conflict (same state read: same request), the SDK re-sent it after throttling.
    expect(attempts.map((a) => a.fault)).toEqual(['conflict', 'throughput', 'throttling', undefined]);
    expect(new Set(attempts.map((a) => a.clientRequestToken)).size).toBe(1);
    expect(attempts[0]!.clientRequestToken).toMatch(/^[\w-]{36}$/);
    expect((await me(e.token)).balancePoints).toBe(300);
    expect(await stockOf(gift.productId)).toBe(48);
    expect((await myLedger(e.token)).filter((l) => l.kind === 'redemption')).toEqual([expect.objectContaining({ deltaPoints: -200, reference: res.body.orderId })]);
    expect((await budget(hr)).redeemedPoints).toBe(200);
    await p.conserved();
  });

  it('an allocation meeting conflicts and throttling credits every recipient once', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const people = await p.addEmployees(companyId, 5);
    faults.inject(TX, 'conflict', 2, { transfer: `${companyId}#allocation:` });
    faults.inject(TX, 'throughput', 2, { transfer: `${companyId}#allocation:` });
    await p.settle();
    const metrics = recordMetrics();

    const res = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 40, reason: 'Bonus', recipients: { employeeIds: people.map((x) => x.employeeId) } } });
    metrics.stop();

    expect(res.status).toBe(201);
    // The ledger's own retries (after each conflict) are counted for the contention graph; the SDK's are not.
    expect(metrics.total('LedgerRetries')).toBe(2);
    expect(res.body).toMatchObject({ status: 'completed', credited: 5, totalPoints: 200 });
    const attempts = tokensOf(companyId, `allocation:${res.body.allocationId}`);
    expect(attempts.map((a) => a.fault)).toEqual(['conflict', 'conflict', 'throughput', 'throughput', undefined]);
    expect(new Set(attempts.map((a) => a.clientRequestToken)).size).toBe(1);
    for (const x of people) {
      expect((await me(x.token)).balancePoints).toBe(40);
      expect((await myLedger(x.token)).map((l) => l.kind)).toEqual(['allocation']);
    }
    expect(await budget(hr)).toMatchObject({ balancePoints: 800, allocatedPoints: 200 });
    expect((await budgetLedger(hr)).filter((l) => l.kind === 'allocation')).toHaveLength(1);
    await p.conserved();
  });

  it('a posting rebuilt after an account moved is another request with another token', async () => {
    const gift = await product();
    const { companyId, hr, employee: e } = await p.shopper(500, 1000);
    // The order meets conflicts until HR has credited the wallet meanwhile; then its posting is rebuilt from the moved state.
    faults.inject(TX, 'conflict', Infinity, { transfer: `${companyId}#order:` });
    const placing = order(e.token, [{ ...gift, quantity: 1 }]);
    while (!faults.of(TX, `${companyId}#order:`).length) await new Promise((r) => setTimeout(r, 1));
    const topUp = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 10, reason: 'Top', recipients: { employeeIds: [e.employeeId] } } });
    expect(topUp.status).toBe(201);
    faults.clear();
    const res = await placing;

    expect(res.status).toBe(201);
    const tokens = tokensOf(companyId, `order:${res.body.orderId}`).map((a) => a.clientRequestToken);
    expect(new Set(tokens).size).toBe(2); // the wallet's version before and after the credit
    expect(tokens[0]).not.toBe(tokens.at(-1));
    expect((await me(e.token)).balancePoints).toBe(410);
    await p.conserved();
  });
});

describe('persistent throttling', () => {
  it('an order answers 503 with a problem document and writes nothing; a later retry with the same key places it once', async () => {
    const gift = await product();
    const { companyId, employee: e } = await p.shopper(500, 1000);
    const before = await snapshot();
    faults.inject(TX, 'throughput', Infinity, { transfer: `${companyId}#order:` });
    const headers = idem();

    const res = await order(e.token, [{ ...gift, quantity: 1 }], headers);

    expectProblem(res, 503, 'unavailable');
    expect(faults.of(TX, `${companyId}#order:`).length).toBeGreaterThanOrEqual(3); // the SDK retried first
    faults.clear();
    expect(await snapshot()).toEqual(before); // no guard, no entry, no balance, no stock, no order
    expect((await me(e.token)).balancePoints).toBe(500);

    const retried = await order(e.token, [{ ...gift, quantity: 1 }], headers);
    expect(retried.status).toBe(201);
    expect((await me(e.token)).balancePoints).toBe(400);
    expect(await stockOf(gift.productId)).toBe(49);
    await p.conserved();
  });

  it('an allocation answers 503 with a problem document and writes nothing', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const people = await p.addEmployees(companyId, 3);
    const before = await snapshot();
    faults.inject(TX, 'throttling', Infinity, { transfer: `${companyId}#allocation:` });

    const res = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 40, reason: 'Bonus', recipients: { employeeIds: people.map((x) => x.employeeId) } } });

    expectProblem(res, 503, 'unavailable');
    faults.clear();
    expect(await snapshot()).toEqual(before);
    expect(await budget(hr)).toMatchObject({ balancePoints: 1000, allocatedPoints: 0 });
    for (const x of people) expect((await me(x.token)).balancePoints).toBe(0);
  });
});

describe('an account that keeps conflicting', () => {
  it('an allocation retries for its time budget (15 s, not a count of attempts), then answers 503 unavailable, writes nothing and counts LedgerBusy', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const people = await p.addEmployees(companyId, 2);
    const before = await snapshot();
    faults.inject(TX, 'conflict', Infinity, { transfer: `${companyId}#allocation:` });
    const metrics = recordMetrics();
    const started = Date.now();

    const res = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 40, reason: 'Bonus', recipients: { employeeIds: people.map((x) => x.employeeId) } } });

    const elapsed = Date.now() - started;
    metrics.stop();
    expectProblem(res, 503, 'unavailable');
    expect(elapsed).toBeGreaterThanOrEqual(15_000);
    const attempts = faults.of(TX, `${companyId}#allocation:`).length;
    expect(attempts).toBeGreaterThan(60); // the old cap of 60 attempts no longer ends it
    expect(metrics.total('LedgerBusy')).toBe(1);
    expect(metrics.total('LedgerRetries')).toBe(attempts - 1);
    faults.clear();
    expect(await snapshot()).toEqual(before);
    await p.conserved();
  }, 60_000);
});

describe('a response lost after the transaction committed', () => {
  it('the SDK re-sends the same request; the engine recognises its token and the order is placed once (201, not a replay)', async () => {
    const gift = await product();
    const { companyId, employee: e } = await p.shopper(500, 1000);
    faults.inject(TX, 'lost-response', 1, { transfer: `${companyId}#order:` });

    const res = await order(e.token, [{ ...gift, quantity: 3 }]);

    expect(res.status).toBe(201);
    const attempts = tokensOf(companyId, `order:${res.body.orderId}`);
    expect(attempts.map((a) => a.fault)).toEqual(['lost-response', undefined]);
    expect(attempts[0]!.clientRequestToken).toBe(attempts[1]!.clientRequestToken);
    expect((await me(e.token)).balancePoints).toBe(200);
    expect(await stockOf(gift.productId)).toBe(47);
    expect((await myLedger(e.token)).filter((l) => l.kind === 'redemption')).toHaveLength(1);
    await p.conserved();
  });

  it('when every answer is lost the API says 503; the client retry with the same key answers with the same order, no second effect', async () => {
    const gift = await product();
    const { companyId, hr, employee: e } = await p.shopper(500, 1000);
    faults.inject(TX, 'lost-response', Infinity, { transfer: `${companyId}#order:` });
    const headers = idem();

    const lost = await order(e.token, [{ ...gift, quantity: 2 }], headers);
    expectProblem(lost, 503, 'unavailable');
    faults.clear();
    // It did commit, once: the SDK's re-sends were replays of the same token.
    expect((await me(e.token)).balancePoints).toBe(300);

    const retried = await order(e.token, [{ ...gift, quantity: 2 }], headers);
    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ totalPoints: 200, items: [{ ...gift, quantity: 2 }] }); // its status may have moved on (fulfilment)
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect((await me(e.token)).balancePoints).toBe(300);
    expect(await stockOf(gift.productId)).toBe(48);
    expect((await myLedger(e.token)).filter((l) => l.kind === 'redemption')).toHaveLength(1);
    expect((await p.call('GET', '/v1/orders', { token: e.token })).body.items.map((o: { orderId: string }) => o.orderId)).toEqual([retried.body.orderId]);
    expect((await budget(hr)).redeemedPoints).toBe(200);
    await p.conserved();
  });

  it('an allocation whose answers are all lost is credited once; the retry answers with the same allocation', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const people = await p.addEmployees(companyId, 4);
    faults.inject(TX, 'lost-response', Infinity, { transfer: `${companyId}#allocation:` });
    const headers = idem();
    const body = { points: 25, reason: 'Bonus', recipients: { employeeIds: people.map((x) => x.employeeId) } };

    expectProblem(await p.call('POST', '/v1/allocations', { token: hr, headers, body }), 503, 'unavailable');
    faults.clear();
    const retried = await p.call('POST', '/v1/allocations', { token: hr, headers, body });

    expect(retried.status).toBe(201);
    expect(retried.body).toMatchObject({ status: 'completed', credited: 4, totalPoints: 100 });
    for (const x of people) {
      expect((await me(x.token)).balancePoints).toBe(25);
      expect((await myLedger(x.token)).map((l) => l.kind)).toEqual(['allocation']);
    }
    expect(await budget(hr)).toMatchObject({ balancePoints: 900, allocatedPoints: 100 });
    expect((await p.call('GET', '/v1/allocations', { token: hr })).body.items).toHaveLength(1);
    await p.conserved();
  });
});

describe('a bulk allocation worker killed mid-job', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const worker = (message: object, env: Record<string, string> = {}) => {
    // node itself with tsx's loader (not tsx's CLI, which runs the script in a grandchild): the pid is the worker's.
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/support/allocation-worker.ts'], {
      cwd: root, env: { ...process.env, ALLOCATION_MESSAGE: JSON.stringify(message), ...env }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    const said = (word: string) => new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.split('\n').includes(word)) resolve();
      });
      child.once('exit', (code) => reject(new Error(`the worker exited (${code}) before saying ${word}: ${out}`)));
    });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { child, said, exited };
  };

  it('is killed by pid after its third chunk committed; run again, it credits every recipient exactly once', async () => {
    const N = 200; // 7 chunks of ≤ 32
    const points = 15;
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, N * points + 500);
    const people = await p.addEmployees(companyId, N, { department: 'Warehouse' });
    // Keep the allocation message away from the in-process queue: the worker processes run it.
    const captured: object[] = [];
    const queue: JobQueue = {
      send: async (name, messages) => {
        if (name === 'allocations') captured.push(...messages);
        else await p.queue.send(name, messages);
      },
    };
    useQueue(queue);
    let child: ChildProcess | undefined;
    try {
      const res = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points, reason: 'Peak season', recipients: { department: 'Warehouse' } } });
      expect(res.status).toBe(202);
      expect(captured).toEqual([{ companyId, allocationId: res.body.allocationId }]);
      const message = captured[0]!;
      const path = `/v1/allocations/${res.body.allocationId}`;

      // Its third chunk's transaction committed; the worker never reads the answer: kill it there.
      const first = worker(message, { HANG_AFTER_COMMITS: '3' });
      child = first.child;
      await first.said('hung');
      const midway = (await p.call('GET', path, { token: hr })).body;
      expect(midway).toMatchObject({ status: 'processing', credited: 96 });
      expect(process.kill(first.child.pid!, 'SIGKILL')).toBe(true);
      await first.exited;
      expect(first.child.signalCode).toBe('SIGKILL');
      expect((await p.call('GET', path, { token: hr })).body).toMatchObject({ status: 'processing', credited: 96 });

      // The message is delivered again (SQS: the invocation died): a new process finishes the job.
      const second = worker(message);
      child = second.child;
      await second.said('done');
      expect(await second.exited).toBe(0);

      expect((await p.call('GET', path, { token: hr })).body).toMatchObject({ status: 'completed', credited: N, recipientCount: N, returnedPoints: 0 });
      for (const x of people) {
        expect((await me(x.token)).balancePoints).toBe(points);
        expect((await myLedger(x.token)).map((l) => [l.kind, l.deltaPoints])).toEqual([['allocation', points]]);
      }
      expect(await budget(hr)).toMatchObject({ balancePoints: 500, allocatedPoints: N * points });
      const kinds = (await budgetLedger(hr)).map((l) => l.kind);
      expect(kinds.filter((k) => k === 'allocation-reserve')).toHaveLength(1);
      await p.conserved();
    } finally {
      if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      useQueue(p.queue);
    }
  });
});
