/**
 * Per-stage settings of the CDK app. A stage is chosen with `-c stage=dev|prod` (default dev).
 * The DynamoDB tables are not configurable here on purpose: they are retained and protected
 * from deletion in every stage (infra/stacks/stateful-stack.ts).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { RetentionDays } from 'aws-cdk-lib/aws-logs';

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

/**
 * Thresholds of the operational alarms (infra/constructs/operations.ts; what each means and
 * what to check first: docs/runbook.md). Every alarm looks at 5-minute periods.
 */
export interface AlarmThresholds {
  /** 5xx answers of the HTTP API, as a percentage of its requests in 5 minutes. */
  readonly api5xxPercent: number;
  /** Below this many requests in 5 minutes neither API alarm fires: one 5xx of three requests is not an outage. */
  readonly apiMinRequests: number;
  /** p99 of the HTTP API's latency, in milliseconds, for three periods in a row. */
  readonly apiLatencyP99Ms: number;
  /** Lambda throttles in the account and region in 5 minutes. */
  readonly lambdaThrottles: number;
  /** Errors (failed invocations) of the queue workers, schedules and stream consumers in 5 minutes. */
  readonly backgroundErrors: number;
  /** Throttled requests on the main table in 5 minutes (the SDK's retries absorb a few). */
  readonly tableThrottles: number;
  /** Age of the oldest message of any work queue, in seconds: work is waiting, not done. */
  readonly queueAgeSeconds: number;
  /** Webhook requests refused for their signature in 5 minutes (Stripe and ShipEngine together). */
  readonly webhookSignatureFailures: number;
  /** Postings the ledger gave up on after its retries (answered 503 `unavailable`: hot accounts) in 5 minutes. */
  readonly ledgerBusy: number;
}

const ALARM_THRESHOLDS: AlarmThresholds = {
  api5xxPercent: 1,
  apiMinRequests: 20,
  apiLatencyP99Ms: 3000,
  lambdaThrottles: 5,
  backgroundErrors: 5,
  tableThrottles: 10,
  queueAgeSeconds: 1800,
  webhookSignatureFailures: 10,
  ledgerBusy: 0,
};

export interface StageConfig {
  readonly stage: StageName;
  /** Retention of every function's and the API's access log group. */
  readonly logRetention: RetentionDays;
  /**
   * Applied to the replaceable stateless resources (log groups, queues, the user pool) and to
   * the Stripe secret, whose keys can be pasted again from the Stripe dashboard.
   */
  readonly removalPolicy: RemovalPolicy;
  /** Cognito deletion protection: the pool holds every user's identity and group. */
  readonly userPoolDeletionProtection: boolean;
  /**
   * Cognito feature plan. `plus` adds threat protection (compromised credentials, risky
   * sign-ins) for accounts that hold spendable points; it is billed per active user.
   */
  readonly userPoolFeaturePlan: 'essentials' | 'plus';
  /** CloudFormation termination protection of both stacks. */
  readonly terminationProtection: boolean;
  /** Where alarm notifications go; without it the alarms exist but notify nobody. */
  readonly alarmEmail?: string;
  readonly alarmThresholds: AlarmThresholds;
  readonly functionMemoryMb: number;
  /** Stage-wide API Gateway throttle. */
  readonly apiThrottle: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Public base URL of links in emails and tracking pages (a custom domain in front of the
   * portals); defaults to the portals' CloudFront URL, which also serves the API under /v1.
   */
  readonly publicBaseUrl?: string;
  /** Sender of emails: an SES-verified identity of the stage. */
  readonly mailFrom: string;
  /** Browser origins allowed by CORS; none when the portals are served from the API's origin. */
  readonly corsAllowedOrigins?: readonly string[];
}

export const stageConfigs: Readonly<Record<StageName, StageConfig>> = {
  dev: {
    stage: 'dev',
    logRetention: RetentionDays.ONE_WEEK,
    removalPolicy: RemovalPolicy.DESTROY,
    userPoolDeletionProtection: false,
    userPoolFeaturePlan: 'essentials',
    terminationProtection: false,
    functionMemoryMb: 1024,
    apiThrottle: { rateLimit: 50, burstLimit: 100 },
    alarmThresholds: ALARM_THRESHOLDS,
    mailFrom: 'Gifting (dev) <no-reply@dev.gifting.example>',
  },
  prod: {
    stage: 'prod',
    logRetention: RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.RETAIN,
    userPoolDeletionProtection: true,
    userPoolFeaturePlan: 'plus',
    terminationProtection: true,
    functionMemoryMb: 1024,
    apiThrottle: { rateLimit: 500, burstLimit: 1000 },
    alarmThresholds: ALARM_THRESHOLDS,
    mailFrom: 'Gifting <no-reply@gifting.example>',
  },
};

function isStageName(value: unknown): value is StageName {
  return (STAGES as readonly unknown[]).includes(value);
}

export interface StageOverrides {
  alarmEmail?: unknown;
}

/** The config of a stage named on the command line; an unknown name fails the synth. */
export function resolveStageConfig(stage: unknown = 'dev', overrides: StageOverrides = {}): StageConfig {
  if (!isStageName(stage)) {
    throw new Error(`Unknown stage "${String(stage)}": use -c stage=${STAGES.join('|')}`);
  }
  const base = stageConfigs[stage];
  if (overrides.alarmEmail === undefined) return base;
  if (typeof overrides.alarmEmail !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(overrides.alarmEmail)) {
    throw new Error(`alarmEmail must be an email address, got "${String(overrides.alarmEmail)}"`);
  }
  return { ...base, alarmEmail: overrides.alarmEmail };
}
