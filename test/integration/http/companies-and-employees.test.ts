import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let operator: string;
beforeAll(async () => {
  p = await startTestPlatform();
  operator = await p.token({ role: 'platform_admin', sub: 'op' });
});
afterAll(() => p.stop());

const person = (email: string, extra: Record<string, unknown> = {}) => ({ email, name: 'Ada Lovelace', country: 'TR', ...extra });

describe('companies and partners (platform_admin)', () => {
  it('creates a company and finds it by id and in the list', async () => {
    const created = await p.call('POST', '/v1/companies', {
      token: operator, body: { name: 'Globex', country: 'DE', currency: 'EUR', pointPrice: { amountMinor: 5, currency: 'EUR' } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ companyId: expect.any(String), name: 'Globex', pointPrice: { amountMinor: 5, currency: 'EUR' } });
    const got = await p.call('GET', `/v1/companies/${created.body.companyId}`, { token: operator });
    expect(got.body).toEqual(created.body);
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await p.call('GET', `/v1/companies?limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: operator });
      ids.push(...page.body.items.map((c: { companyId: string }) => c.companyId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(ids).toContain(created.body.companyId);
  });

  it('rejects a point price in another currency and an unknown currency', async () => {
    const res = await p.call('POST', '/v1/companies', {
      token: operator, body: { name: 'X', country: 'DE', currency: 'EUR', pointPrice: { amountMinor: 5, currency: 'USD' } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ path: 'body.pointPrice.currency', message: 'must be in the company currency' }]);
    const bad = await p.call('POST', '/v1/companies', {
      token: operator, body: { name: 'X', country: 'DE', currency: 'EURO', pointPrice: { amountMinor: 1.5, currency: 'EURO' } },
    });
    expect(bad.status).toBe(422);
  });

  it('answers an unknown company id with 404', async () => {
    expect((await p.call('GET', '/v1/companies/does-not-exist', { token: operator })).status).toBe(404);
  });

  it('creates and lists partners', async () => {
    const created = await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Ship Co', countries: ['TR', 'DE'] } });
    expect(created.status).toBe(201);
    const list = await p.call('GET', '/v1/partners?limit=100', { token: operator });
    expect(list.body.items).toContainEqual(created.body);
    expect((await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Dup', countries: ['TR', 'TR'] } })).status).toBe(422);
  });
});

describe('employees (hr_admin)', () => {
  it('adds an employee, reads it back, and rejects the same email again (any case) with 409', async () => {
    const { hr } = await p.newCompany();
    const created = await p.call('POST', '/v1/employees', { token: hr, body: person('Ada@Example.com', { department: 'R&D', hireDate: '2024-02-01' }) });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'ada@example.com', department: 'R&D', hireDate: '2024-02-01', birthDate: null, status: 'active' });
    expect((await p.call('GET', `/v1/employees/${created.body.employeeId}`, { token: hr })).body).toEqual(created.body);
    const again = await p.call('POST', '/v1/employees', { token: hr, body: person('ADA@example.com') });
    expect(again.status).toBe(409);
    expect(again.body.type).toMatch(/\/conflict$/);
  });

  it('creates exactly one employee when the same email is posted 10 times at once', async () => {
    const { hr } = await p.newCompany();
    const results = await Promise.all(Array.from({ length: 10 }, () => p.call('POST', '/v1/employees', { token: hr, body: person('race@example.com') })));
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(409)]);
    expect((await p.call('GET', '/v1/employees', { token: hr })).body.items).toHaveLength(1);
  });

  it('allows the same email in two different companies', async () => {
    const a = await p.newCompany();
    const b = await p.newCompany();
    expect((await p.call('POST', '/v1/employees', { token: a.hr, body: person('same@example.com') })).status).toBe(201);
    expect((await p.call('POST', '/v1/employees', { token: b.hr, body: person('same@example.com') })).status).toBe(201);
  });

  it('lists by department and status, page by page, and follows PATCH changes', async () => {
    const { hr } = await p.newCompany();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await p.call('POST', '/v1/employees', { token: hr, body: person(`p${i}@example.com`, { department: i < 3 ? 'Sales' : 'Ops' }) });
      ids.push(res.body.employeeId);
    }
    const patched = await p.call('PATCH', `/v1/employees/${ids[0]}`, { token: hr, body: { status: 'inactive', department: 'Ops', name: 'Renamed' } });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'inactive', department: 'Ops', name: 'Renamed' });

    const sales = await p.call('GET', '/v1/employees?department=Sales', { token: hr });
    expect(sales.body.items.map((e: { employeeId: string }) => e.employeeId).sort()).toEqual([ids[1], ids[2]].sort());
    const inactiveOps = await p.call('GET', '/v1/employees?department=Ops&status=inactive', { token: hr });
    expect(inactiveOps.body.items.map((e: { employeeId: string }) => e.employeeId)).toEqual([ids[0]]);
    const active = await p.call('GET', '/v1/employees?status=active', { token: hr });
    expect(active.body.items).toHaveLength(4);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await p.call('GET', `/v1/employees?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: hr });
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((e: { employeeId: string }) => e.employeeId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const cleared = await p.call('PATCH', `/v1/employees/${ids[1]}`, { token: hr, body: { department: null } });
    expect(cleared.body.department).toBeNull();
    expect((await p.call('GET', '/v1/employees?department=Sales', { token: hr })).body.items).toHaveLength(1);
    expect((await p.call('PATCH', `/v1/employees/${ids[1]}`, { token: hr, body: {} })).status).toBe(422);
  });

  it('loses no change when the same employee is patched concurrently', async () => {
    const { hr } = await p.newCompany();
    const { body } = await p.call('POST', '/v1/employees', { token: hr, body: person('busy@example.com') });
    const results = await Promise.all([
      p.call('PATCH', `/v1/employees/${body.employeeId}`, { token: hr, body: { name: 'New Name' } }),
      p.call('PATCH', `/v1/employees/${body.employeeId}`, { token: hr, body: { department: 'Ops' } }),
      p.call('PATCH', `/v1/employees/${body.employeeId}`, { token: hr, body: { country: 'DE' } }),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 200]);
    const final = await p.call('GET', `/v1/employees/${body.employeeId}`, { token: hr });
    expect(final.body).toMatchObject({ name: 'New Name', department: 'Ops', country: 'DE' });
  });
});

describe('tenant isolation', () => {
  it('reports company A\'s employees and imports as 404 to company B\'s HR admin, and never lists them', async () => {
    const a = await p.newCompany();
    const b = await p.newCompany();
    const employee = await p.call('POST', '/v1/employees', { token: a.hr, body: person('secret@example.com') });
    const imported = await p.call('POST', '/v1/employees/imports', { token: a.hr, body: 'email,name,country\nx@example.com,X,TR\n', headers: { 'content-type': 'text/csv' } });
    await p.queue.idle();

    expect((await p.call('GET', `/v1/employees/${employee.body.employeeId}`, { token: b.hr })).status).toBe(404);
    expect((await p.call('PATCH', `/v1/employees/${employee.body.employeeId}`, { token: b.hr, body: { name: 'Hijacked' } })).status).toBe(404);
    expect((await p.call('GET', `/v1/employees/imports/${imported.body.importId}`, { token: b.hr })).status).toBe(404);
    expect((await p.call('GET', '/v1/employees', { token: b.hr })).body.items).toEqual([]);
    expect((await p.call('GET', `/v1/employees/${employee.body.employeeId}`, { token: a.hr })).body.name).toBe('Ada Lovelace');
  });
});
