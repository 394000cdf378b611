import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deps } from '../../../shared/composition.js';
import { processAllocation } from '../../../shared/domain/allocations/use-cases.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let operator: string;
let key = 0;
const idem = () => ({ 'idempotency-key': `k-${++key}-${Math.random().toString(36).slice(2)}` });

beforeAll(async () => {
  p = await startTestPlatform();
  operator = await p.token({ role: 'platform_admin', sub: 'points-operator' });
});
afterAll(async () => {
  await p.queue.idle();
  await p.conserved();
  await p.stop();
});

const budgetOf = async (hr: string) => (await p.call('GET', '/v1/budget', { token: hr })).body;

describe('operator credits', () => {
  it('credits the budget once per Idempotency-Key and shows the entry in the budget ledger', async () => {
    const { companyId, hr } = await p.newCompany();
    const headers = idem();
    const first = await p.call('POST', `/v1/companies/${companyId}/budget/credits`, { token: operator, body: { points: 1000, reference: 'INV-1' }, headers });
    const again = await p.call('POST', `/v1/companies/${companyId}/budget/credits`, { token: operator, body: { points: 1000, reference: 'INV-1' }, headers });

    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ companyId, points: 1000, reference: 'INV-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body.creditId).toBe(first.body.creditId);
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 1000, fundedPoints: 1000, allocatedPoints: 0 });
    const ledger = await p.call('GET', '/v1/budget/ledger', { token: hr });
    expect(ledger.body.items).toEqual([expect.objectContaining({ deltaPoints: 1000, balanceAfter: 1000, kind: 'credit', reference: first.body.creditId, note: 'INV-1' })]);
  });

  it('answers 404 for an unknown company and 403 for an HR admin', async () => {
    const { hr } = await p.newCompany();
    const unknown = await p.call('POST', '/v1/companies/nope/budget/credits', { token: operator, body: { points: 1, reference: 'x' }, headers: idem() });
    const asHr = await p.call('POST', '/v1/companies/nope/budget/credits', { token: hr, body: { points: 1, reference: 'x' }, headers: idem() });
    expect(unknown.status).toBe(404);
    expect(asHr.status).toBe(403);
  });
});

describe('allocations', () => {
  it('credits one employee with an expiry: wallet, lots, both ledgers and the budget move together', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 500);
    const [alice] = await p.addEmployees(companyId, 1);
    const expiresAt = new Date(Date.now() + 30 * 86_400_000).toISOString();

    const res = await p.call('POST', '/v1/allocations', {
      token: hr, headers: idem(),
      body: { points: 120, reason: 'Work anniversary', message: 'Thank you!', expiresAt, recipients: { employeeIds: [alice!.employeeId] } },
    });

    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'completed', recipientCount: 1, credited: 1, totalPoints: 120, skipped: [] });
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 380, allocatedPoints: 120 });
    const me = await p.call('GET', '/v1/me', { token: alice!.token });
    expect(me.body).toMatchObject({ employeeId: alice!.employeeId, balancePoints: 120, expiring: [{ points: 120, expiresAt }] });
    const myLedger = await p.call('GET', '/v1/me/ledger', { token: alice!.token });
    expect(myLedger.body.items).toEqual([
      expect.objectContaining({ deltaPoints: 120, balanceAfter: 120, kind: 'allocation', reference: res.body.allocationId, note: 'Work anniversary' }),
    ]);
    const budgetLedger = await p.call('GET', '/v1/budget/ledger?limit=1', { token: hr });
    expect(budgetLedger.body.items).toEqual([expect.objectContaining({ deltaPoints: -120, balanceAfter: 380, kind: 'allocation' })]);
    const older = await p.call('GET', `/v1/budget/ledger?limit=1&cursor=${budgetLedger.body.nextCursor}`, { token: hr });
    expect(older.body.items).toEqual([expect.objectContaining({ deltaPoints: 500, balanceAfter: 500, kind: 'credit' })]);
    // Like DynamoDB, a full page may carry a cursor to an empty one.
    if (older.body.nextCursor) expect((await p.call('GET', `/v1/budget/ledger?limit=1&cursor=${older.body.nextCursor}`, { token: hr })).body.items).toEqual([]);
  });

  it('rejects an allocation the budget cannot cover with 409 insufficient-budget and changes nothing', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 100);
    const people = await p.addEmployees(companyId, 3);

    const res = await p.call('POST', '/v1/allocations', {
      token: hr, headers: idem(), body: { points: 40, reason: 'Bonus', recipients: { employeeIds: people.map((e) => e.employeeId) } },
    });

    expect(res.status).toBe(409);
    expect(res.body.type).toMatch(/insufficient-budget$/);
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 100, allocatedPoints: 0 });
    for (const e of people) expect((await p.call('GET', '/v1/me', { token: e.token })).body.balancePoints).toBe(0);
  });

  it('skips unknown and inactive employees, lists them, and charges only the rest', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const [active] = await p.addEmployees(companyId, 1);
    const [inactive] = await p.addEmployees(companyId, 1, { status: 'inactive' });
    const other = await p.newCompany();
    const [foreign] = await p.addEmployees(other.companyId, 1);

    const res = await p.call('POST', '/v1/allocations', {
      token: hr, headers: idem(),
      body: { points: 10, reason: 'Bonus', recipients: { employeeIds: [active!.employeeId, inactive!.employeeId, 'ghost', foreign!.employeeId] } },
    });

    expect(res.status).toBe(201);
    expect(res.body.recipientCount).toBe(1);
    expect(res.body.totalPoints).toBe(10);
    expect(res.body.skipped).toEqual(expect.arrayContaining([
      { employeeId: inactive!.employeeId, reason: 'inactive' },
      { employeeId: 'ghost', reason: 'unknown' },
      { employeeId: foreign!.employeeId, reason: 'unknown' },
    ]));
    expect((await p.call('GET', '/v1/me', { token: foreign!.token })).body.balancePoints).toBe(0);

    const nobody = await p.call('POST', '/v1/allocations', {
      token: hr, headers: idem(), body: { points: 10, reason: 'Bonus', recipients: { employeeIds: [inactive!.employeeId, 'ghost'] } },
    });
    expect(nobody.status).toBe(201);
    expect(nobody.body).toMatchObject({ status: 'completed', recipientCount: 0, totalPoints: 0, skippedCount: 2 });
    expect((await p.call('GET', '/v1/budget', { token: hr })).body).toMatchObject({ balancePoints: 990, allocatedPoints: 10 });
  });

  it('allocates to a department and to everyone active', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 10_000);
    const sales = await p.addEmployees(companyId, 3, { department: 'Sales' });
    await p.addEmployees(companyId, 2, { department: 'Engineering' });
    await p.addEmployees(companyId, 1, { department: 'Sales', status: 'inactive' });

    const dept = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 5, reason: 'Q3', recipients: { department: 'Sales' } } });
    const all = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 7, reason: 'New year', recipients: { all: true } } });

    expect(dept.body).toMatchObject({ recipientCount: 3, totalPoints: 15 });
    expect(all.body).toMatchObject({ recipientCount: 5, totalPoints: 35 });
    expect((await p.call('GET', '/v1/me', { token: sales[0]!.token })).body.balancePoints).toBe(12);
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 10_000 - 50, allocatedPoints: 50 });
  });

  it('rejects an expiry in the past and an empty department with 422', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 100);
    await p.addEmployees(companyId, 1);
    const past = await p.call('POST', '/v1/allocations', {
      token: hr, headers: idem(), body: { points: 1, reason: 'x', expiresAt: '2020-01-01T00:00:00Z', recipients: { all: true } },
    });
    const nobody = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 1, reason: 'x', recipients: { department: 'Nobody' } } });
    expect(past.status).toBe(422);
    expect(past.body.errors).toEqual([expect.objectContaining({ path: 'body.expiresAt' })]);
    expect(nobody.status).toBe(422);
  });

  it('lets exactly 400 of 500 parallel single allocations through against a budget of 400', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 400);
    const people = await p.addEmployees(companyId, 10);

    const results = await Promise.all(Array.from({ length: 500 }, (_, i) =>
      p.call('POST', '/v1/allocations', {
        token: hr, headers: idem(), body: { points: 1, reason: 'Race', recipients: { employeeIds: [people[i % 10]!.employeeId] } },
      })));

    const statuses = results.map((r) => r.status);
    // Anything but 201 or 409 is named in the failure (a 503 would mean retries ran out).
    expect(results.filter((r) => r.status !== 201 && r.status !== 409).map((r) => `${r.status} ${r.text}`)).toEqual([]);
    expect(statuses.filter((s) => s === 201)).toHaveLength(400);
    expect(statuses.filter((s) => s === 409)).toHaveLength(100);
    expect(results.filter((r) => r.status === 409).every((r) => /insufficient-budget$/.test(r.body.type))).toBe(true);
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 0, allocatedPoints: 400 });
    let wallets = 0;
    for (const e of people) wallets += (await p.call('GET', '/v1/me', { token: e.token })).body.balancePoints;
    expect(wallets).toBe(400);
  }, 120_000);

  it('credits a large allocation in the background, and racing single allocations never overspend', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const people = await p.addEmployees(companyId, 150);

    const [bulk, ...singles] = await Promise.all([
      p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 5, reason: 'Everyone', recipients: { all: true } } }),
      ...Array.from({ length: 60 }, (_, i) => p.call('POST', '/v1/allocations', {
        token: hr, headers: idem(), body: { points: 10, reason: 'Spot', recipients: { employeeIds: [people[i]!.employeeId] } },
      })),
    ]);
    await p.queue.idle();

    const singlesPosted = singles.filter((r) => r.status === 201).length;
    const spent = (bulk!.status === 202 ? 750 : 0) + singlesPosted * 10;
    expect(spent).toBeLessThanOrEqual(1000);
    expect(singles.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 1000 - spent, allocatedPoints: spent });
    if (bulk!.status === 202) {
      const done = await p.call('GET', `/v1/allocations/${bulk!.body.allocationId}`, { token: hr });
      expect(done.body).toMatchObject({ status: 'completed', recipientCount: 150, credited: 150, totalPoints: 750, returnedPoints: 0 });
    } else {
      expect(bulk!.status).toBe(409);
    }
  }, 120_000);

  it('never credits anyone twice when deliveries of a background allocation run at once, and returns what deactivated recipients would have had', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 10_000);
    const people = await p.addEmployees(companyId, 100);

    const res = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 3, reason: 'All hands', recipients: { all: true } } });
    expect(res.status).toBe(202);
    await deps().employees.replace(companyId, (await deps().employees.get(companyId, people[99]!.employeeId))!, {
      ...(await deps().employees.get(companyId, people[99]!.employeeId))!, status: 'inactive', updatedAt: new Date(Date.now() + 1000).toISOString(),
    });
    const message = { companyId, allocationId: res.body.allocationId as string };
    await Promise.all([processAllocation(deps(), message), processAllocation(deps(), message), processAllocation(deps(), message)]);
    await p.queue.idle();

    const done = await p.call('GET', `/v1/allocations/${message.allocationId}`, { token: hr });
    expect(done.body.status).toBe('completed');
    expect(done.body.credited + done.body.skippedCount).toBe(100);
    const balances = await Promise.all(people.map(async (e) => (await p.call('GET', '/v1/me', { token: e.token })).body.balancePoints as number));
    expect(balances.every((b) => b === 0 || b === 3)).toBe(true);
    const credited = balances.filter((b) => b === 3).length;
    expect(credited).toBe(done.body.credited);
    expect(done.body.returnedPoints).toBe((100 - credited) * 3);
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 10_000 - credited * 3, allocatedPoints: credited * 3 });
  }, 120_000);
});

describe('background allocation recovery', () => {
  it('resumes after a worker dies mid-way, and after running out of time, crediting everyone once', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 100_000);
    const people = await p.addEmployees(companyId, 200);
    const d = deps();
    const res = await p.call('POST', '/v1/allocations', { token: hr, headers: idem(), body: { points: 7, reason: 'Crash test', recipients: { all: true } } });
    const message = { companyId, allocationId: res.body.allocationId as string };
    // The queue's own delivery races with the runs below; each run must still be safe.
    let posts = 0;
    const crashing = { ...d, ledger: { ...d.ledger, read: d.ledger.read.bind(d.ledger), entries: d.ledger.entries.bind(d.ledger),
      transfer: d.ledger.transfer.bind(d.ledger), budget: d.ledger.budget.bind(d.ledger),
      post: ((...args: Parameters<typeof d.ledger.post>) => {
        if (++posts === 3) throw new Error('the worker died');
        return d.ledger.post(...args);
      }) as typeof d.ledger.post } };

    await expect(processAllocation(crashing, message)).rejects.toThrow('the worker died');
    await processAllocation(d, message, Date.now() + 30); // out of time: queues itself to continue
    await p.queue.idle();
    await processAllocation(d, message);

    const done = await p.call('GET', `/v1/allocations/${message.allocationId}`, { token: hr });
    expect(done.body).toMatchObject({ status: 'completed', credited: 200, returnedPoints: 0 });
    const balances = await Promise.all(people.map(async (e) => (await p.call('GET', '/v1/me', { token: e.token })).body.balancePoints));
    expect(balances.every((b) => b === 7)).toBe(true);
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 100_000 - 1400, allocatedPoints: 1400 });
  }, 120_000);
});

describe('allocation idempotency', () => {
  it('replays a repeated allocation with one effect, and rejects the key with another body', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 100);
    const [e] = await p.addEmployees(companyId, 1);
    const headers = idem();
    const body = { points: 10, reason: 'Once', recipients: { employeeIds: [e!.employeeId] } };

    const first = await p.call('POST', '/v1/allocations', { token: hr, headers, body });
    const second = await p.call('POST', '/v1/allocations', { token: hr, headers, body });
    const other = await p.call('POST', '/v1/allocations', { token: hr, headers, body: { ...body, points: 11 } });

    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body.allocationId).toBe(first.body.allocationId);
    expect(other.status).toBe(422);
    expect(other.body.type).toMatch(/idempotency-key-reused$/);
    // The refused request must not have released the first request's record.
    const third = await p.call('POST', '/v1/allocations', { token: hr, headers, body });
    expect(third.headers.get('idempotent-replayed')).toBe('true');
    expect((await p.call('GET', '/v1/me', { token: e!.token })).body.balancePoints).toBe(10);
  });

  it('applies 20 concurrent requests with one key once', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const [e] = await p.addEmployees(companyId, 1);
    const headers = idem();

    const results = await Promise.all(Array.from({ length: 20 }, () =>
      p.call('POST', '/v1/allocations', { token: hr, headers, body: { points: 10, reason: 'Once', recipients: { employeeIds: [e!.employeeId] } } })));

    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    expect(results.filter((r) => r.status === 409).every((r) => /idempotency-key-in-use$/.test(r.body.type))).toBe(true);
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.body.allocationId)).size).toBe(1);
    expect((await p.call('GET', '/v1/me', { token: e!.token })).body.balancePoints).toBe(10);
    expect(await budgetOf(hr)).toMatchObject({ balancePoints: 990 });
  });

  it('never posts twice once the idempotency record is gone: the allocation id derives from the key', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 100);
    const [e] = await p.addEmployees(companyId, 1);
    const headers = idem();
    const body = { points: 10, reason: 'Once', recipients: { employeeIds: [e!.employeeId] } };
    const first = await p.call('POST', '/v1/allocations', { token: hr, headers, body });
    const { ScanCommand, DeleteCommand } = await import('@aws-sdk/lib-dynamodb');
    const db = p.engine.documentClient();
    const records = await db.send(new ScanCommand({ TableName: p.tables.Idempotency }));
    for (const r of records.Items ?? []) await db.send(new DeleteCommand({ TableName: p.tables.Idempotency, Key: { id: r.id } }));

    const late = await p.call('POST', '/v1/allocations', { token: hr, headers, body });

    expect(late.status).toBe(201);
    expect(late.headers.get('idempotent-replayed')).toBeNull();
    expect(late.body.allocationId).toBe(first.body.allocationId);
    expect((await p.call('GET', '/v1/me', { token: e!.token })).body.balancePoints).toBe(10);
  });
});

describe('wallet', () => {
  it('keeps each company\'s and employee\'s ledger to itself', async () => {
    const a = await p.newCompany();
    const b = await p.newCompany();
    await p.fund(a.companyId, 50);
    const [ea] = await p.addEmployees(a.companyId, 1);
    const alloc = await p.call('POST', '/v1/allocations', { token: a.hr, headers: idem(), body: { points: 5, reason: 'x', recipients: { all: true } } });

    expect((await p.call('GET', '/v1/budget', { token: b.hr })).body.balancePoints).toBe(0);
    expect((await p.call('GET', '/v1/budget/ledger', { token: b.hr })).body.items).toEqual([]);
    expect((await p.call('GET', `/v1/allocations/${alloc.body.allocationId}`, { token: b.hr })).status).toBe(404);
    expect((await p.call('GET', '/v1/me', { token: a.hr })).status).toBe(403);
    expect((await p.call('GET', '/v1/budget', { token: ea!.token })).status).toBe(403);
    const forged = await p.call('GET', `/v1/me/ledger?cursor=${Buffer.from(JSON.stringify({ pk: `C#${a.companyId}#LEDGER`, sk: '0' })).toString('base64url')}`, { token: ea!.token });
    expect(forged.status).toBe(422);
  });
});
