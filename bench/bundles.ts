/**
 * Per-function bundle size (esbuild with the CDK app's settings: ESM, node22, minified, SDK
 * bundled) and cold module-load time in a fresh Node process, against a bare handler that only
 * creates a DynamoDB DocumentClient and reads one item.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { ESM_REQUIRE_BANNER } from '../infra/constructs/platform-function.js';
import { routeList, schedules, streamConsumers, workers } from '../shared/http/routes.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const BARE = `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
const doc = DynamoDBDocumentClient.from(new DynamoDBClient({}));
export const handler = async () => (await doc.send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }))).Item ?? null;
`;

export interface BundleFigure { id: string; bytes: number; loadMs?: number }

/** `entry`: a file, or `{ contents }` resolved from the repository (the bare handler). */
async function bundle(entry: string | { contents: string }, outfile: string): Promise<number> {
  await build({
    ...(typeof entry === 'string' ? { entryPoints: [entry] } : { stdin: { contents: entry.contents, resolveDir: ROOT, loader: 'ts' as const } }),
    outfile, bundle: true, platform: 'node', format: 'esm', target: 'node22', minify: true,
    mainFields: ['module', 'main'], banner: { js: ESM_REQUIRE_BANNER }, logLevel: 'silent', absWorkingDir: ROOT,
  });
  return statSync(outfile).size;
}

/** Median of `runs` fresh processes importing the bundle (module evaluation, not the first request). */
function coldLoad(file: string, runs = 7): number {
  const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { env: { ...process.env, AWS_REGION: 'eu-central-1' }, encoding: 'utf8' });
    if (out.status !== 0) throw new Error(`importing ${file} failed: ${out.stderr}`);
    times.push(Number(out.stdout.trim()));
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchBundles(): Promise<{ figures: BundleFigure[]; bare: BundleFigure }> {
  const dir = mkdtempSync(join(tmpdir(), 'gifting-bench-bundles-'));
  try {
    const bareFile = join(dir, 'bare.mjs');
    const bare: BundleFigure = { id: 'bare DocumentClient handler', bytes: await bundle({ contents: BARE }, bareFile) };
    bare.loadMs = coldLoad(bareFile);
    const figures: BundleFigure[] = [];
    const timed = new Set(['health', 'getMe', 'createAllocation', 'placeOrder', 'browseCatalog', 'stripeWebhook', 'shipEngineWebhook', 'sendNotification', 'publishEvents']);
    for (const fn of [...routeList, ...workers, ...schedules, ...streamConsumers]) {
      const file = join(dir, `${fn.id}.mjs`);
      const figure: BundleFigure = { id: fn.id, bytes: await bundle(join(ROOT, fn.entry), file) };
      if (timed.has(fn.id)) figure.loadMs = coldLoad(file);
      figures.push(figure);
    }
    return { figures, bare };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printBundles({ figures, bare }: { figures: BundleFigure[]; bare: BundleFigure }): void {
  const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  console.log('\nFunction bundles (esbuild as the CDK app builds them) and cold module load (median of 7 fresh processes)');
  console.log(`  ${bare.id.padEnd(28)} ${kb(bare.bytes).padStart(9)}  load ${bare.loadMs!.toFixed(1)} ms`);
  for (const f of [...figures].sort((a, b) => b.bytes - a.bytes)) {
    const load = f.loadMs === undefined ? '' : `  load ${f.loadMs.toFixed(1)} ms (${(f.loadMs / bare.loadMs!).toFixed(2)}× bare)`;
    console.log(`  ${f.id.padEnd(28)} ${kb(f.bytes).padStart(9)}  ${(f.bytes / bare.bytes).toFixed(2)}× bare${load}`);
  }
}
