/**
 * Catalog browsing under 50 concurrent connections, against `/v1/health` (the HTTP floor) in
 * the same run: the demo catalog, an employee's token, the whole local HTTP stack.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform } from '../local/platform.js';
import { seedDemo } from '../local/seed.js';
import { measure, type Figure } from './harness.js';

export async function benchCatalog(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gifting-bench-catalog-'));
  const platform = await startLocalPlatform({ dataDir: dir, inMemory: true, stage: 'test', streams: false });
  try {
    const seed = await seedDemo();
    const employee = seed.employees[0]!;
    const token = await platform.issuer.sign({ role: 'employee', sub: 'bench', companyId: seed.companyId, employeeId: employee.employeeId });
    const get = (path: string, auth?: string) => async () => {
      const res = await fetch(platform.url + path, auth ? { headers: { authorization: `Bearer ${auth}` } } : {});
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    };
    await measure('warm-up', 'requests/s', 200, 10, get('/v1/catalog?limit=24', token));
    return [
      await measure('GET /v1/health, 50 connections', 'requests/s', 3000, 50, get('/v1/health')),
      await measure('GET /v1/catalog (24 per page), 50 connections', 'requests/s', 2000, 50, get('/v1/catalog?limit=24', token)),
      await measure('GET /v1/catalog?q=set (search), 50 connections', 'requests/s', 2000, 50, get('/v1/catalog?limit=24&q=set', token)),
    ];
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
