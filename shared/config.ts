/**
 * Environment, parsed once at cold start. The only module that reads process.env for the
 * functions; the CDK app sets exactly these variables (infra/), the local runtime sets them
 * for its in-process handlers (local/).
 */
import * as z from 'zod';

const EnvSchema = z.object({
  STAGE: z.enum(['local', 'test', 'dev', 'prod']).default('local'),
  TABLE_NAME: z.string().min(1),
  IDEMPOTENCY_TABLE_NAME: z.string().min(1),
  /** Set locally and in tests to reach the local DynamoDB engine; unset in AWS. */
  DYNAMODB_ENDPOINT: z.url().optional(),
  /** Token issuer: the Cognito user pool URL in AWS, the development issuer locally. */
  AUTH_ISSUER: z.string().min(1),
  /** JWKS of the issuer. Locally a file:// URL under DATA_DIR. */
  AUTH_JWKS_URL: z.string().min(1),
  /** Accepted audience / client id (Cognito app client id). */
  AUTH_AUDIENCE: z.string().min(1),
  /** SQS queue URL per queue; locally the in-process queue ignores it. */
  QUEUE_URL_EMPLOYEE_IMPORTS: z.string().default('local://employee-imports'),
  QUEUE_URL_ALLOCATIONS: z.string().default('local://allocations'),
  QUEUE_URL_FULFILMENT: z.string().default('local://fulfilment'),
  QUEUE_URL_NOTIFICATIONS: z.string().default('local://notifications'),
  QUEUE_URL_TRACKING: z.string().default('local://tracking'),
  /** In AWS: the Secrets Manager secret holding {"secretKey","webhookSecret"} of Stripe. */
  STRIPE_SECRET_ARN: z.string().min(1).optional(),
  /** Stripe API key, when not read from STRIPE_SECRET_ARN (the local runtime sets a test key). */
  STRIPE_SECRET_KEY: z.string().min(1).optional(),
  /** Base URL of a Stripe stand-in (local runtime and tests only). */
  STRIPE_API_URL: z.url().optional(),
  /** Endpoint secret of the Stripe webhook; without it the webhook rejects everything. */
  STRIPE_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** Sender of the platform's emails (a verified SES identity in AWS). */
  MAIL_FROM: z.string().min(3).default('Gifting <no-reply@gifting.example>'),
  /** Local runtime: emails are written to this directory instead of SES. */
  MAILBOX_DIR: z.string().min(1).optional(),
  /** In AWS: the Secrets Manager secret holding {"apiKey"} of ShipEngine; without a key, tracking comes from partners only. */
  SHIPENGINE_SECRET_ARN: z.string().min(1).optional(),
  /** ShipEngine API key when not read from SHIPENGINE_SECRET_ARN (local runtime, tests). */
  SHIPENGINE_API_KEY: z.string().min(1).optional(),
  /** Base URL of a ShipEngine stand-in (local runtime and tests only). */
  SHIPENGINE_API_URL: z.url().optional(),
  /** ShipEngine's published webhook key set. */
  SHIPENGINE_JWKS_URL: z.url().default('https://api.shipengine.com/jwks'),
  /** Public base URL of the API (links in responses). */
  PUBLIC_BASE_URL: z.url().default('http://localhost:3000'),
});

export type Config = z.infer<typeof EnvSchema>;

let cached: Config | undefined;

export function config(): Config {
  cached ??= EnvSchema.parse(process.env);
  return cached;
}

/** Tests and the local runtime set the environment first, then call this once. */
export function resetConfigForTests(): void {
  cached = undefined;
}
