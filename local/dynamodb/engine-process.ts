/** Starts the local engine in a child process (local/dynamodb/serve.ts) and connects to it. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { engineClients, type DynamoEngine } from './engine.js';

export async function startDynamoEngineProcess(): Promise<DynamoEngine> {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'local/dynamodb/serve.ts'], {
    cwd: root,
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const endpoint = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n') && line) resolve((JSON.parse(line) as { endpoint: string }).endpoint);
    });
    child.once('exit', (code) => reject(new Error(`the engine process exited (${code})`)));
  });
  const clients = engineClients(endpoint);
  return {
    ...clients,
    async stop() {
      clients.destroyAll();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
