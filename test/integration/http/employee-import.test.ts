import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deps } from '../../../shared/composition.js';
import { processImportChunk } from '../../../shared/domain/employees/imports.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.stop());

const upload = (token: string, csv: string) =>
  p.call('POST', '/v1/employees/imports', { token, body: csv, headers: { 'content-type': 'text/csv' } });

async function finished(token: string, importId: string) {
  await p.queue.idle();
  const res = await p.call('GET', `/v1/employees/imports/${importId}`, { token });
  expect(res.status).toBe(200);
  return res.body;
}

describe('CSV import of employees', () => {
  it('keeps the good rows, reports each bad row, and answers 202 with a status resource', async () => {
    const { hr } = await p.newCompany();
    const csv = [
      'email,name,country,department,hireDate,birthDate',
      'ok1@example.com,Ok One,TR,Sales,2024-01-02,1990-05-06',
      'not-an-email,Bad Email,TR,,,',
      'ok2@example.com,"Two, Quoted",DE,Ops,,',
      'ok3@example.com,Bad Country,XX,,,',
      'OK1@example.com,Duplicate,TR,,,',
      'ok4@example.com,Short Row',
    ].join('\n');
    const res = await upload(hr, csv);
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/employees/imports/${res.body.importId}`);

    const status = await finished(hr, res.body.importId);
    expect(status).toMatchObject({ status: 'completed', total: 6, processed: 6, created: 2, updated: 0, unchanged: 0, failed: 4, completedAt: expect.any(String) });
    expect(status.errors.map((e: { row: number }) => e.row)).toEqual([2, 4, 5, 6]);
    expect(status.errors[2].message).toContain('repeats row 1');
    const list = await p.call('GET', '/v1/employees', { token: hr });
    expect(list.body.items.map((e: { email: string }) => e.email).sort()).toEqual(['ok1@example.com', 'ok2@example.com']);
    expect(list.body.items.find((e: { email: string }) => e.email === 'ok2@example.com').name).toBe('Two, Quoted');
  });

  it('changes nothing when the same file is imported again, and updates only changed rows', async () => {
    const { hr } = await p.newCompany();
    const csv = 'email,name,country,department\na@example.com,A,TR,Sales\nb@example.com,B,DE,Ops\n';
    const first = await finished(hr, (await upload(hr, csv)).body.importId);
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const before = (await p.call('GET', '/v1/employees', { token: hr })).body.items;

    const again = await finished(hr, (await upload(hr, csv)).body.importId);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2, failed: 0 });
    expect((await p.call('GET', '/v1/employees', { token: hr })).body.items).toEqual(before);

    const changed = await finished(hr, (await upload(hr, csv.replace('B,DE,Ops', 'B,DE,Sales'))).body.importId);
    expect(changed).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
  });

  it('counts a chunk once when its message is delivered twice', async () => {
    const { hr, companyId } = await p.newCompany();
    const { importId } = (await upload(hr, 'email,name,country\nx@example.com,X,TR\ny@example.com,Y,TR\n')).body;
    await p.queue.idle();
    await processImportChunk(deps(), { companyId, importId, chunk: 0 });
    expect(await finished(hr, importId)).toMatchObject({ created: 2, processed: 2, status: 'completed' });
  });

  it('rejects a file with a wrong header or no rows with 422, and a non-CSV content type with 415', async () => {
    const { hr } = await p.newCompany();
    expect((await upload(hr, 'mail,name,country\na@b.example,A,TR\n')).status).toBe(422);
    expect((await upload(hr, 'email,name,country\n')).status).toBe(422);
    expect((await upload(hr, '')).status).toBe(422);
    expect((await p.call('POST', '/v1/employees/imports', { token: hr, body: { csv: 'x' } })).status).toBe(415);
  });

  it('accepts 10,000 rows and reports progress until completed', async () => {
    const { hr } = await p.newCompany();
    const rows = Array.from({ length: 10_000 }, (_, i) => `person${i}@example.com,Person ${i},${i % 2 ? 'TR' : 'DE'},Dept ${i % 7}`);
    const csv = `email,name,country,department\n${rows.join('\n')}\n`;
    const started = performance.now();
    const res = await upload(hr, csv);
    expect(res.status).toBe(202);
    const early = (await p.call('GET', `/v1/employees/imports/${res.body.importId}`, { token: hr })).body;
    expect(early.total).toBe(10_000);
    expect(early.processed).toBeLessThanOrEqual(10_000);
    const done = await finished(hr, res.body.importId);
    console.log(`10,000-row import: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(done).toMatchObject({ status: 'completed', total: 10_000, processed: 10_000, created: 10_000, failed: 0 });
    const dept = await p.call('GET', '/v1/employees?department=Dept%203&limit=100', { token: hr });
    expect(dept.body.items).toHaveLength(100);
  }, 600_000);
});
