/**
 * The environment of every function: exactly the variables shared/config.ts parses. Typed
 * against `Config`, so a variable added there fails the type check here until the CDK app
 * sets it. DYNAMODB_ENDPOINT stays unset in AWS (it points the SDK at the local engine).
 */
import type { Config } from '../shared/config.js';
import { QUEUES, type QueueName } from '../shared/http/routes.js';

type SnakeCase<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}_${SnakeCase<Tail>}` : S;
export type QueueUrlVariable<N extends QueueName = QueueName> = `QUEUE_URL_${Uppercase<SnakeCase<N>>}`;

/** Variables the local runtime alone sets: in AWS the endpoint is the real one and Stripe's keys come from STRIPE_SECRET_ARN. */
type LocalOnly =
  | 'DYNAMODB_ENDPOINT' | 'STRIPE_SECRET_KEY' | 'STRIPE_API_URL' | 'STRIPE_WEBHOOK_SECRET'
  | 'MAILBOX_DIR' | 'SHIPENGINE_API_KEY' | 'SHIPENGINE_API_URL';
/** Read by Powertools itself (shared/observability.ts, shared/http/logger.ts), not by config.ts. */
type PowertoolsVariable = 'POWERTOOLS_SERVICE_NAME' | 'POWERTOOLS_METRICS_NAMESPACE';
export type FunctionEnvironment = { [K in Exclude<keyof Config, LocalOnly> | PowertoolsVariable]: string };

/** Namespace of a stage's own metrics (embedded in logs or log-derived): dev and prod may share an account. */
export const metricNamespace = (stage: Config['STAGE']) => `Gifting/${stage}`;
/** The `service` dimension Powertools puts on every metric. */
export const SERVICE_NAME = 'gifting';

/** `employee-imports` → `QUEUE_URL_EMPLOYEE_IMPORTS`. */
export function queueUrlVariable<N extends QueueName>(name: N): QueueUrlVariable<N> {
  return `QUEUE_URL_${name.toUpperCase().replaceAll('-', '_')}` as QueueUrlVariable<N>;
}

export interface FunctionEnvironmentInputs {
  stage: Config['STAGE'];
  mainTableName: string;
  idempotencyTableName: string;
  authIssuer: string;
  authAudience: string;
  queueUrls: Readonly<Record<QueueName, string>>;
  publicBaseUrl: string;
  stripeSecretArn: string;
  shipEngineSecretArn: string;
  mailFrom: string;
}

export function functionEnvironment(inputs: FunctionEnvironmentInputs): FunctionEnvironment {
  const queueUrls = Object.fromEntries(QUEUES.map((name) => [queueUrlVariable(name), inputs.queueUrls[name]])) as Record<
    QueueUrlVariable,
    string
  >;
  return {
    STAGE: inputs.stage,
    TABLE_NAME: inputs.mainTableName,
    IDEMPOTENCY_TABLE_NAME: inputs.idempotencyTableName,
    AUTH_ISSUER: inputs.authIssuer,
    AUTH_JWKS_URL: `${inputs.authIssuer}/.well-known/jwks.json`,
    AUTH_AUDIENCE: inputs.authAudience,
    PUBLIC_BASE_URL: inputs.publicBaseUrl,
    STRIPE_SECRET_ARN: inputs.stripeSecretArn,
    SHIPENGINE_SECRET_ARN: inputs.shipEngineSecretArn,
    SHIPENGINE_JWKS_URL: 'https://api.shipengine.com/jwks',
    MAIL_FROM: inputs.mailFrom,
    POWERTOOLS_SERVICE_NAME: SERVICE_NAME,
    POWERTOOLS_METRICS_NAMESPACE: metricNamespace(inputs.stage),
    ...queueUrls,
  };
}
