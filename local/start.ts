/**
 * `npm start`: the local platform. For now it runs the local DynamoDB engine, persistent under
 * DATA_DIR; the API server joins it with the foundation issue.
 */
import { join, resolve } from 'node:path';
import { startDynamoEngine } from './dynamodb/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
const engine = await startDynamoEngine({ dataDir: join(dataDir, 'dynamodb') });
console.log(`DynamoDB engine: ${engine.endpoint}  (data in ${dataDir})`);
console.log('Press Ctrl-C to stop.');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await engine.stop();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
