/**
 * The README's promise: `npm start` serves the API with demo data and ready tokens, keeps its
 * data across a restart (seeding again adds nothing), and stops cleanly on Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

type EmployeePage = { items: { email: string; department: string; country: string }[] };

const dataDir = mkdtempSync(join(tmpdir(), 'gifting-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

async function start(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'local/start.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  for (let i = 0; i < 600 && !out.includes('Press Ctrl-C'); i++) {
    if (child.exitCode !== null) throw new Error(`npm start exited: ${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  expect(out).toContain('Press Ctrl-C');
  return { child, output: () => out };
}

async function stop(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGINT');
  return exited;
}

/** Polls until `probe` returns something: asynchronous work (stream, queues) settles. */
async function eventually<T>(probe: () => Promise<T | undefined>, attempts = 100): Promise<T | undefined> {
  for (let i = 0; i < attempts; i++) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return undefined;
}

describe('npm start', () => {
  it('serves health, lets the printed HR token list the demo employees, persists, and stops on Ctrl-C', async () => {
    const port = await freePort();
    const first = await start(port);
    const hrToken = /hr_admin\s+(\S+)/.exec(first.output())![1]!;
    expect(first.output()).toContain(`http://localhost:${port}/v1/health`);

    expect(await (await fetch(`http://localhost:${port}/v1/health`)).json()).toEqual({ status: 'ok' });
    const employees = (await (await fetch(`http://localhost:${port}/v1/employees?limit=100`, { headers: { authorization: `Bearer ${hrToken}` } })).json()) as EmployeePage;
    expect(employees.items).toHaveLength(20);
    expect(new Set(employees.items.map((e: { department: string }) => e.department))).toEqual(new Set(['Engineering', 'Sales', 'People']));
    expect(new Set(employees.items.map((e: { country: string }) => e.country))).toEqual(new Set(['TR', 'DE']));
    const added = await fetch(`http://localhost:${port}/v1/employees`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hrToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'kept@acme.example', name: 'Kept Across Restarts', country: 'DE' }),
    });
    expect(added.status).toBe(201);

    // The demo company is funded and its employees have points.
    const api = (path: string, token: string, init: RequestInit = {}) =>
      fetch(`http://localhost:${port}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
    const employeeToken = /^\s+employee\s+(\S+)/m.exec(first.output())![1]!;
    const budget = (await (await api('/v1/budget', hrToken)).json()) as { balancePoints: number; allocatedPoints: number };
    expect(budget.balancePoints).toBeGreaterThan(0);
    expect(budget.allocatedPoints).toBeGreaterThan(0);
    expect(((await (await api('/v1/me', employeeToken)).json()) as { balancePoints: number }).balancePoints).toBeGreaterThan(0);

    // The demo catalog: the Turkish employee sees what ships to TR, digital cards with their codes as stock.
    const catalog = (await (await api('/v1/catalog?limit=100', employeeToken)).json()) as { items: { productId: string; kind: string; shipsTo: string[]; variants: { variantId: string; points: number; stock: number }[] }[] };
    expect(catalog.items.length).toBeGreaterThanOrEqual(20);
    expect(catalog.items.every((i) => i.shipsTo.includes('TR'))).toBe(true);
    expect(catalog.items.filter((i) => i.kind === 'gift_card_digital').every((i) => i.variants.every((v) => v.stock === 20))).toBe(true);

    // A top-up paid on the Stripe stand-in's checkout page reaches the budget through the signed webhook.
    const topUp = (await (await api('/v1/budget/top-ups', hrToken, { method: 'POST', headers: { 'idempotency-key': 'e2e-top-up' }, body: JSON.stringify({ points: 5000 }) })).json()) as { topUpId: string; checkoutUrl: string };
    const page = await fetch(topUp.checkoutUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Pay with card');
    const paid = await fetch(`${topUp.checkoutUrl}/pay`, { method: 'POST', body: new URLSearchParams({ method: 'card' }), redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toContain(`/hr/budget?topUp=${topUp.topUpId}&checkout=success`);
    const funded = (await (await api('/v1/budget', hrToken)).json()) as { balancePoints: number };
    expect(funded.balancePoints).toBe(budget.balancePoints + 5000);

    // An order goes to its partner through the change stream; the printed partner token sees it.
    const partnerToken = /^\s+partner\s+(\S+)/m.exec(first.output())![1]!;
    const wallet = ((await (await api('/v1/me', employeeToken)).json()) as { balancePoints: number }).balancePoints;
    const gift = catalog.items.find((i) => i.kind === 'physical' && i.variants[0]!.points <= wallet && i.variants[0]!.stock > 0)!;
    const placed = await fetch(`http://localhost:${port}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${employeeToken}`, 'content-type': 'application/json', 'idempotency-key': `e2e-${Date.now()}` },
      body: JSON.stringify({ items: [{ productId: gift.productId, variantId: gift.variants[0]!.variantId, quantity: 1 }], shippingAddress: { name: 'Demo', line1: 'Caddesi 1', city: 'İstanbul', postalCode: '34710', country: 'TR' } }),
    });
    expect(placed.status, await placed.clone().text()).toBe(201);
    const { orderId } = (await placed.json()) as { orderId: string };
    const shipmentOf = async () => {
      const list = (await (await api('/v1/partner/shipments?status=pending&limit=100', partnerToken)).json()) as { items: { orderId: string }[] };
      return list.items.find((s) => s.orderId === orderId);
    };
    expect(await eventually(shipmentOf)).toBeDefined();
    // The emails SES would have sent are in the local mailbox.
    const mailbox = async () => {
      const list = (await (await fetch(`http://localhost:${port}/_local/mailbox.json`)).json()) as { kind: string }[];
      return list.some((m) => m.kind === 'order-confirmed') && list.some((m) => m.kind === 'points-received') ? list : undefined;
    };
    expect(await eventually(mailbox)).toBeDefined();

    // npm run expire-points asks the running platform to run its expiry job.
    const expire = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'local/expire-points.ts'], { env: { ...process.env, PORT: String(port) } });
    let expireOut = '';
    expire.stdout.on('data', (d: Buffer) => (expireOut += d.toString()));
    expect(await new Promise((resolve) => expire.once('exit', resolve))).toBe(0);
    expect(expireOut).toContain('Expiry run:');
    expect(await stop(first.child)).toBe(0);

    const second = await start(port);
    try {
      // The old token still verifies: the issuer's keys live in DATA_DIR.
      const again = (await (await fetch(`http://localhost:${port}/v1/employees?limit=100`, { headers: { authorization: `Bearer ${hrToken}` } })).json()) as EmployeePage;
      expect(again.items).toHaveLength(21);
      expect(again.items.map((e: { email: string }) => e.email)).toContain('kept@acme.example');
      // Seeding again posted nothing twice.
      const budgetAgain = (await (await fetch(`http://localhost:${port}/v1/budget`, { headers: { authorization: `Bearer ${hrToken}` } })).json()) as { balancePoints: number };
      expect(budgetAgain.balancePoints).toBe(funded.balancePoints);
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 120_000);
});
