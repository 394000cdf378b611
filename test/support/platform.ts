/**
 * A whole local platform per test file: in-memory engine, fresh tables, a development issuer
 * in a temporary directory, the HTTP server on a free port. Each test uses its own company.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform, type LocalPlatform } from '../../local/platform.js';
import type { TokenClaims } from '../../local/auth/dev-issuer.js';
import { deps } from '../../shared/composition.js';
import { checkConservation, type CompanyTotals } from './conservation.js';

export interface TestPlatform extends LocalPlatform {
  token(claims: TokenClaims): Promise<string>;
  /** fetch against the platform; `body` objects are sent as JSON. */
  call(method: string, path: string, options?: { token?: string; body?: unknown; headers?: Record<string, string> }): Promise<ApiResponse>;
  /** A platform_admin creates a company; returns its id and an HR token for it. */
  newCompany(name?: string): Promise<{ companyId: string; hr: string }>;
  /** Adds employees straight through the repository (fast); returns their ids and employee tokens. */
  addEmployees(companyId: string, count: number, options?: { department?: string; status?: 'active' | 'inactive' }): Promise<{ employeeId: string; token: string }[]>;
  /** The platform operator credits the company's budget. */
  fund(companyId: string, points: number): Promise<void>;
  /** A fulfilment partner shipping to TR, and a token of its own. */
  newPartner(name?: string): Promise<{ partnerId: string; token: string }>;
  /** A new company with one employee who holds `points` (allocated); the budget keeps `spare` more. */
  shopper(points: number, spare?: number): Promise<{ companyId: string; hr: string; employee: { employeeId: string; token: string } }>;
  /** The ledger invariants over the whole table (test/support/conservation.ts). */
  conserved(): Promise<CompanyTotals[]>;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- JSON of any route
  text: string;
}

export async function startTestPlatform(): Promise<TestPlatform> {
  const dir = mkdtempSync(join(tmpdir(), 'gifting-test-'));
  const platform = await startLocalPlatform({ dataDir: dir, inMemory: true, stage: 'test' });
  const token = (claims: TokenClaims) => platform.issuer.sign(claims);
  const operator = await token({ role: 'platform_admin', sub: 'test-operator' });

  const call: TestPlatform['call'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(platform.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  };

  let n = 0;
  let serial = 0;
  const db = platform.engine.documentClient();
  const api: TestPlatform = {
    ...platform,
    token,
    call,
    async newCompany(name = `Company ${++n}`) {
      const res = await call('POST', '/v1/companies', {
        token: operator,
        body: { name, country: 'TR', currency: 'EUR', pointPrice: { amountMinor: 1, currency: 'EUR' } },
      });
      if (res.status !== 201) throw new Error(`company creation failed: ${res.text}`);
      const companyId = res.body.companyId as string;
      return { companyId, hr: await token({ role: 'hr_admin', sub: `hr-${companyId}`, companyId }) };
    },
    async addEmployees(companyId, count, options = {}) {
      const made: { employeeId: string; token: string }[] = [];
      const at = new Date().toISOString();
      for (let i = 0; i < count; i++) {
        const employeeId = `e${String(++serial).padStart(6, '0')}${Math.random().toString(36).slice(2, 8)}`;
        await deps().employees.create(companyId, {
          employeeId, email: `${employeeId}@example.com`, name: `Employee ${serial}`, country: 'TR',
          department: options.department ?? null, hireDate: null, birthDate: null, status: options.status ?? 'active',
          createdAt: at, updatedAt: at,
        });
        made.push({ employeeId, token: await token({ role: 'employee', sub: `emp-${employeeId}`, companyId, employeeId }) });
      }
      return made;
    },
    async fund(companyId, points) {
      const res = await call('POST', `/v1/companies/${companyId}/budget/credits`, {
        token: operator, body: { points, reference: 'INV-TEST' }, headers: { 'idempotency-key': `fund-${companyId}-${++serial}` },
      });
      if (res.status !== 201) throw new Error(`funding failed: ${res.text}`);
    },
    async newPartner(name = `Partner ${++n}`) {
      const res = await call('POST', '/v1/partners', { token: operator, body: { name, countries: ['TR'] } });
      if (res.status !== 201) throw new Error(`partner creation failed: ${res.text}`);
      const partnerId = res.body.partnerId as string;
      return { partnerId, token: await token({ role: 'partner', sub: `partner-${partnerId}`, partnerId }) };
    },
    async shopper(points, spare = 0) {
      const { companyId, hr } = await api.newCompany();
      await api.fund(companyId, points + spare);
      const [employee] = await api.addEmployees(companyId, 1);
      const res = await call('POST', '/v1/allocations', {
        token: hr, headers: { 'idempotency-key': `shopper-${companyId}` },
        body: { points, reason: 'Shopping', recipients: { employeeIds: [employee!.employeeId] } },
      });
      if (res.status !== 201) throw new Error(`allocation failed: ${res.text}`);
      return { companyId, hr, employee: employee! };
    },
    conserved: () => checkConservation(db, platform.tables.Main!),
    /** Every suite ends with the ledger's conservation check (after the queue has drained). */
    async stop() {
      try {
        await platform.settle();
        await checkConservation(db, platform.tables.Main!);
      } finally {
        await platform.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
  return api;
}
