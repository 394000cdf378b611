/**
 * `npm run bench [-- <suite>...]`: runs the benchmark suites and prints figures and ratios.
 * Benchmarks measure; they never fail a build. Suites: engine, orders, allocation (`-- allocation 5000` for a smaller run),
 * catalog, bundles, contention (`-- contention 500`).
 */
import { benchEngine } from './dynamodb-engine.js';
import { benchAllocation, printAllocationBench } from './allocation.js';
import { printRatio, printTable } from './harness.js';
import { benchOrders, printOrdersBench } from './orders.js';
import { benchCatalog } from './catalog.js';
import { benchBundles, printBundles } from './bundles.js';
import { benchContention, printContention } from './contention.js';

const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const suites = args.filter((a) => !/^\d+$/.test(a));
const size = args.find((a) => /^\d+$/.test(a));
const want = (name: string) => suites.length === 0 || suites.includes(name);

console.log(`node ${process.version}, ${new Date().toISOString()}`);
if (want('engine')) {
  const figures = await benchEngine();
  printTable('Local DynamoDB engine (in memory, AWS SDK v3 over loopback HTTP)', figures);
  const [update1, update16, tx1, tx16] = figures;
  printRatio('4-action transaction / single update (1 in flight)', tx1!, update1!);
  printRatio('4-action transaction / single update (16 in flight)', tx16!, update16!);
}
if (want('orders')) {
  printOrdersBench(await benchOrders(), 'engine in this process');
  printOrdersBench(await benchOrders({ engineProcess: true }), 'engine in its own process, as a database service is');
}
if (want('allocation')) printAllocationBench(await benchAllocation(size ? Number(size) : undefined));
if (want('catalog')) {
  const [health, browse, search] = await benchCatalog();
  printTable('Catalog browsing through the local HTTP stack (demo catalog, employee token)', [health!, browse!, search!]);
  printRatio('catalog page / health', browse!, health!);
  printRatio('catalog search / health', search!, health!);
}
if (want('bundles')) printBundles(await benchBundles());
if (want('contention')) printContention(await benchContention(size ? Number(size) : undefined));
