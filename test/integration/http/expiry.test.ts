import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deps } from '../../../shared/composition.js';
import { InsufficientPointsError } from '../../../shared/domain/errors.js';
import { expireLot } from '../../../shared/domain/wallet/expiry.js';
import { spendPoints } from '../../../shared/domain/wallet/use-cases.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let key = 0;
const idem = () => ({ 'idempotency-key': `x-${++key}-${Math.random().toString(36).slice(2)}` });
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(async () => {
  await p.queue.idle();
  await p.conserved();
  await p.stop();
});

async function allocate(hr: string, employeeId: string, points: number, expiresAt?: string) {
  const res = await p.call('POST', '/v1/allocations', {
    token: hr, headers: idem(), body: { points, reason: 'Test', recipients: { employeeIds: [employeeId] }, ...(expiresAt ? { expiresAt } : {}) },
  });
  if (res.status !== 201) throw new Error(res.text);
  return res.body.allocationId as string;
}

describe('expiry', () => {
  it('returns due points to the budget with an entry in both ledgers, once', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const [e] = await p.addEmployees(companyId, 1);
    const dueAt = inSeconds(1.5);
    await allocate(hr, e!.employeeId, 100, dueAt);
    await allocate(hr, e!.employeeId, 50);
    expect((await p.call('GET', '/v1/me', { token: e!.token })).body).toMatchObject({ balancePoints: 150, expiring: [{ points: 100, expiresAt: dueAt }] });

    await sleep(1700);
    // Before the job runs, overdue points are no longer shown as spendable.
    expect((await p.call('GET', '/v1/me', { token: e!.token })).body).toMatchObject({ balancePoints: 50, expiring: [] });
    const first = await p.scheduler.run('expirePoints');
    const second = await p.scheduler.run('expirePoints');

    expect(first).toMatchObject({ lotsExpired: 1, pointsExpired: 100 });
    expect(second).toMatchObject({ lotsExpired: 0, pointsExpired: 0 });
    expect((await p.call('GET', '/v1/budget', { token: hr })).body).toMatchObject({ balancePoints: 950, expiredPoints: 100, allocatedPoints: 150 });
    const mine = await p.call('GET', '/v1/me/ledger', { token: e!.token });
    expect(mine.body.items[0]).toMatchObject({ kind: 'expiry', deltaPoints: -100, balanceAfter: 50 });
    const budget = await p.call('GET', '/v1/budget/ledger', { token: hr });
    expect(budget.body.items[0]).toMatchObject({ kind: 'expiry', deltaPoints: 100, balanceAfter: 950 });
  });

  it('spends the earliest-expiring points first and never-expiring ones last', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 1000);
    const [e] = await p.addEmployees(companyId, 1);
    const in10 = inSeconds(10 * 86_400);
    const in5 = inSeconds(5 * 86_400);
    await allocate(hr, e!.employeeId, 30, in10);
    await allocate(hr, e!.employeeId, 50);
    await allocate(hr, e!.employeeId, 20, in5);

    await spendPoints(deps(), companyId, { employeeId: e!.employeeId, points: 40, transferId: 'order:t1', reference: 't1', note: null });

    expect((await p.call('GET', '/v1/me', { token: e!.token })).body).toMatchObject({ balancePoints: 60, expiring: [{ points: 10, expiresAt: in10 }] });
    expect((await p.call('GET', '/v1/budget', { token: hr })).body).toMatchObject({ redeemedPoints: 40 });
    await expect(spendPoints(deps(), companyId, { employeeId: e!.employeeId, points: 61, transferId: 'order:t2', reference: 't2', note: null }))
      .rejects.toBeInstanceOf(InsufficientPointsError);
  });

  it('keeps a wallet consistent when expiry and spending race on the same lot', async () => {
    const { companyId, hr } = await p.newCompany();
    await p.fund(companyId, 10_000);
    const people = await p.addEmployees(companyId, 12);
    const expiresAt = inSeconds(3600);
    const allocations = await Promise.all(people.map((e) => allocate(hr, e.employeeId, 100, expiresAt)));
    const { deriveId } = await import('../../../shared/domain/ledger/rules.js');

    const outcomes = await Promise.all(people.map(async (e, i) => {
      const lotId = deriveId('lot', companyId, allocations[i]!, e.employeeId);
      const [spent, expired] = await Promise.allSettled([
        spendPoints(deps(), companyId, { employeeId: e.employeeId, points: 60, transferId: `order:race-${i}`, reference: `race-${i}`, note: null }),
        expireLot(deps(), { companyId, employeeId: e.employeeId, lotId, expiresAt }, new Date().toISOString()),
      ]);
      return { spent: spent.status === 'fulfilled', expired: expired.status === 'fulfilled' ? expired.value : -1, rejection: spent.status === 'rejected' ? spent.reason : undefined };
    }));

    for (const o of outcomes) {
      if (o.spent) expect(o.expired).toBe(40);
      else {
        expect(o.rejection).toBeInstanceOf(InsufficientPointsError);
        expect(o.expired).toBe(100);
      }
    }
    for (const e of people) expect((await p.call('GET', '/v1/me', { token: e.token })).body.balancePoints).toBe(0);
    const spent = outcomes.filter((o) => o.spent).length;
    expect((await p.call('GET', '/v1/budget', { token: hr })).body).toMatchObject({
      redeemedPoints: spent * 60, expiredPoints: spent * 40 + (12 - spent) * 100,
    });
  });
});
