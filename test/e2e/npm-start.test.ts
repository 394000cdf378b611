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
    expect(await stop(first.child)).toBe(0);

    const second = await start(port);
    try {
      // The old token still verifies: the issuer's keys live in DATA_DIR.
      const again = (await (await fetch(`http://localhost:${port}/v1/employees?limit=100`, { headers: { authorization: `Bearer ${hrToken}` } })).json()) as EmployeePage;
      expect(again.items).toHaveLength(21);
      expect(again.items.map((e: { email: string }) => e.email)).toContain('kept@acme.example');
    } finally {
      expect(await stop(second.child)).toBe(0);
    }
  }, 120_000);
});
