/**
 * The local engine as a process of its own (in memory): prints `{"endpoint": …}` on its first
 * line, stops on SIGTERM. Benchmarks use it to give the database its own core, as a database
 * service has in production.
 */
import { startDynamoEngine } from './engine.js';

const engine = await startDynamoEngine({});
process.stdout.write(`${JSON.stringify({ endpoint: engine.endpoint })}\n`);
const stop = async () => {
  await engine.stop();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
