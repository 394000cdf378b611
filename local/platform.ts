/**
 * The local platform in one call: the DynamoDB engine, the tables, the development issuer,
 * the environment the handlers read (shared/config.ts), the in-process queue and the HTTP
 * server. `npm start` and the integration tests both use it.
 */
import { join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { resetDynamoClients } from '../shared/adapters/dynamodb/client.js';
import { resetDependencies, useQueue } from '../shared/composition.js';
import { resetConfigForTests } from '../shared/config.js';
import { resetIdempotencyStore } from '../shared/http/idempotency.js';
import { logger } from '../shared/http/logger.js';
import { resetTokenVerifier } from '../shared/http/stack.js';
import { devIssuer, type DevIssuer } from './auth/dev-issuer.js';
import { startDynamoEngine, type DynamoEngine } from './dynamodb/index.js';
import { startDynamoEngineProcess } from './dynamodb/engine-process.js';
import { startHttpServer } from './http-server.js';
import { LocalQueue } from './queue.js';
import { LocalScheduler } from './schedules.js';
import { startStripeStandIn, type StripeStandIn } from './stripe/stand-in.js';
import { clock } from '../shared/adapters/clock.js';
import { resetStripeKeys } from '../shared/adapters/stripe/settings.js';
import { resetShipEngineSettings } from '../shared/adapters/shipengine/settings.js';

/** API.md, Local runtime: a locally signed event is accepted without configuration. */
export const LOCAL_WEBHOOK_SECRET = 'whsec_local_development';
import { ensureTables, type TableNames } from './tables.js';
import { LocalStreams } from './streams.js';
import { LocalMailbox } from '../shared/adapters/email/local-mailbox.js';
import { mailboxViewer } from './mailbox-viewer.js';
import { webApp, type DemoUser } from './web.js';

export const REPO_ROOT = new URL('../', import.meta.url);

export interface LocalPlatformOptions {
  /** Keys and (unless inMemory) the database live here. */
  dataDir: string;
  /** Keep the database in memory (tests). */
  inMemory?: boolean;
  port?: number;
  stage?: 'local' | 'test';
  fallback?: (req: IncomingMessage, res: ServerResponse) => boolean | Promise<boolean>;
  /** Run the scheduled functions on their timers (npm start); tests run them on demand. */
  timers?: boolean;
  /** Run the (in-memory) engine in a process of its own: benchmarks give the database its own core. */
  engineProcess?: boolean;
  /**
   * Deliver the table's change stream to its consumers (fulfilment, emails, tracking). Default
   * on; benchmarks of a single path turn it off. Needs the in-process engine.
   */
  streams?: boolean;
  /** The demo users the portals' local sign-in page offers (npm start passes the seeded ones). */
  demoUsers?: (issuer: DevIssuer) => Promise<DemoUser[]>;
}

export interface LocalPlatform {
  url: string;
  engine: DynamoEngine;
  tables: TableNames;
  issuer: DevIssuer;
  queue: LocalQueue;
  /** The change stream's consumers, when `streams` is on. */
  streams: LocalStreams | undefined;
  /** Emails sent, readable at /_local/mailbox. */
  mailbox: LocalMailbox;
  scheduler: LocalScheduler;
  /** Resolves when the stream and the queues have nothing left to deliver. */
  settle(): Promise<void>;
  /** The Stripe stand-in, unless STRIPE_SECRET_KEY points the platform at Stripe itself. */
  stripe: StripeStandIn | undefined;
  stop(): Promise<void>;
}

export async function startLocalPlatform(options: LocalPlatformOptions): Promise<LocalPlatform> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const engine = options.engineProcess
    ? await startDynamoEngineProcess()
    : await startDynamoEngine(options.inMemory ? {} : { dataDir: join(options.dataDir, 'dynamodb') });
  const client = engine.client();
  const tableNames = await ensureTables(client, 'gifting-local');
  const issuer = await devIssuer(options.dataDir);
  const queue = new LocalQueue(REPO_ROOT);
  const scheduler = new LocalScheduler(REPO_ROOT);
  const streams = options.streams !== false && engine.changes ? new LocalStreams(REPO_ROOT, tableNames.Main!) : undefined;
  if (streams && engine.changes) streams.attach(engine.changes);
  const mailboxDir = join(options.dataDir, 'mailbox');
  const mailbox = new LocalMailbox(mailboxDir);
  const viewMailbox = mailboxViewer(mailbox);
  const web = webApp(REPO_ROOT, () => (options.demoUsers ? options.demoUsers(issuer) : Promise.resolve([])));
  const fallback = async (req: IncomingMessage, res: ServerResponse) => {
    const match = /^\/_local\/schedules\/(\w+)$/.exec(req.url ?? '');
    if (req.method === 'POST' && match && scheduler.has(match[1]!)) {
      const result = await scheduler.run(match[1]!).then((r) => ({ status: 200, r }), (e: Error) => ({ status: 500, r: { error: e.message } }));
      res.writeHead(result.status, { 'content-type': 'application/json' }).end(JSON.stringify(result.r));
      return true;
    }
    if (await viewMailbox(req, res)) return true;
    if (options.fallback && (await options.fallback(req, res))) return true;
    return web(req, res);
  };
  const http = await startHttpServer({ port: options.port ?? 0, root: REPO_ROOT, fallback });

  const webhookSecret = process.env.STRIPE_WEBHOOK_SECRET ?? LOCAL_WEBHOOK_SECRET;
  const realStripe = process.env.STRIPE_SECRET_KEY !== undefined && process.env.STRIPE_API_URL === undefined;
  const stripe = realStripe ? undefined : await startStripeStandIn({ webhookUrl: () => `${http.url}/v1/webhooks/stripe`, webhookSecret, now: () => clock.now().getTime() });

  Object.assign(process.env, {
    STRIPE_WEBHOOK_SECRET: webhookSecret,
    ...(stripe ? { STRIPE_SECRET_KEY: 'sk_test_local_stand_in', STRIPE_API_URL: stripe.url } : {}),
    STAGE: options.stage ?? 'local',
    TABLE_NAME: tableNames.Main,
    IDEMPOTENCY_TABLE_NAME: tableNames.Idempotency,
    DYNAMODB_ENDPOINT: engine.endpoint,
    AUTH_ISSUER: issuer.issuer,
    AUTH_JWKS_URL: issuer.jwksUrl,
    AUTH_AUDIENCE: issuer.audience,
    PUBLIC_BASE_URL: http.url,
    MAILBOX_DIR: mailboxDir,
    AWS_REGION: process.env.AWS_REGION ?? 'local',
    POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? (options.stage === 'test' ? 'SILENT' : 'WARN'),
  });
  logger.setLogLevel(process.env.POWERTOOLS_LOG_LEVEL as 'SILENT');
  resetConfigForTests();
  resetDynamoClients();
  resetTokenVerifier();
  resetIdempotencyStore();
  resetStripeKeys();
  resetShipEngineSettings();
  resetDependencies();
  useQueue(queue);
  if (options.timers) scheduler.start();

  const settle = async () => {
    // Work begets work (an order's stream record queues its fulfilment, whose writes stream
    // again): wait until a full round finds both empty.
    for (;;) {
      await streams?.idle();
      await queue.idle();
      await new Promise((resolve) => setTimeout(resolve, 5));
      if ((!streams || streams.quiet) && queue.quiet) return;
    }
  };

  return {
    url: http.url,
    engine,
    tables: tableNames,
    issuer,
    queue,
    streams,
    mailbox,
    scheduler,
    stripe,
    settle,
    async stop() {
      await scheduler.stop();
      await http.close();
      await stripe?.stop();
      await settle();
      streams?.stop();
      resetDynamoClients();
      client.destroy();
      await engine.stop();
    },
  };
}
