/**
 * The platform's operational alarms and its dashboard, inside the stateless stack.
 *
 * The stateless stack is close to CloudFormation's 500-resource limit (one function, role,
 * policy, log group, route, integration and permission per route), so this adds few resources:
 * one alarm per symptom, with metric math across functions instead of one alarm per function,
 * two log metric filters and one dashboard. What each alarm means and what to check first:
 * docs/runbook.md ("Alarms"). The dead-letter queues' alarms live with their queues
 * (work-queue.ts, stateless-stack.ts).
 */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  AlarmStatusWidget,
  ComparisonOperator,
  Dashboard,
  GraphWidget,
  type IMetric,
  MathExpression,
  Metric,
  TextWidget,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { SIGNATURE_REJECTED_EVENT, type WebhookProvider } from '../../shared/http/webhook-signature-log.js';
import type { AlarmThresholds, StageName } from '../stage-config.js';
import { metricNamespace, SERVICE_NAME } from '../function-environment.js';
import type { PlatformFunction } from './platform-function.js';

/** Every alarm and graph looks at 5-minute periods. */
export const PERIOD = Duration.minutes(5);
/** CloudWatch accepts at most 10 metrics in one alarm's math expression. */
const MAX_METRICS_PER_ALARM = 10;
export { metricNamespace };
export const SIGNATURE_REJECTED_METRIC = 'WebhookSignatureRejected';

/**
 * The operations the platform calls on the main table (the grants of platform-function.ts
 * plus the transactions); DynamoDB reports ThrottledRequests per operation. Nine, within
 * the 10 metrics one alarm may use.
 */
const TABLE_OPERATIONS = [
  'GetItem', 'BatchGetItem', 'Query', 'PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem', 'TransactWriteItems', 'TransactGetItems',
] as const;

export interface MonitoredQueue {
  /** Shown on the dashboard: `allocations`, `allocations DLQ`. */
  readonly label: string;
  readonly queue: IQueue;
}

export interface OperationsProps {
  readonly stage: StageName;
  readonly thresholds: AlarmThresholds;
  readonly alarmTopic?: ITopic;
  readonly api: HttpApi;
  readonly mainTable: ITable;
  /** Queue workers, schedules and stream consumers: a failed invocation is work not done. */
  readonly background: ReadonlyMap<string, PlatformFunction>;
  /** The functions the dashboard graphs (the busiest paths). */
  readonly busiest: ReadonlyMap<string, PlatformFunction>;
  /** The webhook functions, whose logs the signature-failure metric is counted from. */
  readonly webhooks: Readonly<Record<WebhookProvider, PlatformFunction>>;
  /** Work queues and dead-letter queues, graphed by depth and age. */
  readonly queues: readonly MonitoredQueue[];
  readonly deadLetterQueues: readonly MonitoredQueue[];
}

export class Operations extends Construct {
  readonly api5xxAlarm: Alarm;
  readonly apiLatencyAlarm: Alarm;
  readonly lambdaThrottlesAlarm: Alarm;
  readonly backgroundErrorAlarms: Alarm[];
  readonly tableThrottlesAlarm: Alarm;
  readonly queueAgeAlarms: Alarm[];
  readonly signatureFailuresAlarm: Alarm;
  readonly ledgerBusyAlarm: Alarm;
  readonly dashboard: Dashboard;

  private readonly props: OperationsProps;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.props = props;
    const { thresholds: t, api, stage } = props;
    const prefix = `Gifting-${stage}`;

    // --- HTTP API -------------------------------------------------------------------------
    const requests = api.metricCount({ period: PERIOD, statistic: 'Sum' });
    const serverErrors = api.metricServerError({ period: PERIOD, statistic: 'Sum' });
    const clientErrors = api.metricClientError({ period: PERIOD, statistic: 'Sum' });
    const latencyP99 = api.metricLatency({ period: PERIOD, statistic: 'p99' });
    const api5xxRate = new MathExpression({
      expression: `IF(requests >= ${t.apiMinRequests}, 100 * FILL(errors, 0) / requests, 0)`,
      usingMetrics: { requests, errors: serverErrors },
      label: '5xx % of requests',
      period: PERIOD,
    });
    this.api5xxAlarm = this.alarm('Api5xxRate', {
      description: `More than ${t.api5xxPercent}% of the API's answers in 5 minutes were 5xx (with at least ${t.apiMinRequests} requests).`,
      metric: api5xxRate,
      threshold: t.api5xxPercent,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });
    this.apiLatencyAlarm = this.alarm('ApiLatencyP99', {
      description: `The API's p99 latency exceeded ${t.apiLatencyP99Ms} ms for 15 minutes (with at least ${t.apiMinRequests} requests per 5 minutes).`,
      metric: new MathExpression({
        expression: `IF(requests >= ${t.apiMinRequests}, latency, 0)`,
        usingMetrics: { requests, latency: latencyP99 },
        label: 'p99 latency (ms)',
        period: PERIOD,
      }),
      threshold: t.apiLatencyP99Ms,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
    });

    // --- Lambda ---------------------------------------------------------------------------
    // Throttles share the account's concurrency: any throttle in the region starves the
    // platform's functions too, so the account-wide metric is the one that matters (and one
    // metric covers every function, which no per-function math within 10 metrics could).
    const throttles = LambdaFunction.metricAllThrottles({ period: PERIOD, statistic: 'Sum' });
    this.lambdaThrottlesAlarm = this.alarm('LambdaThrottles', {
      description: `Lambda throttled at least ${t.lambdaThrottles} invocations in this account and region in 5 minutes: API calls answer 5xx, queue messages are retried later.`,
      metric: throttles,
      threshold: t.lambdaThrottles,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });
    const background = [...props.background];
    this.backgroundErrorAlarms = [];
    for (let start = 0; start < background.length; start += MAX_METRICS_PER_ALARM) {
      const group = background.slice(start, start + MAX_METRICS_PER_ALARM);
      const suffix = start === 0 ? '' : String(start / MAX_METRICS_PER_ALARM + 1);
      this.backgroundErrorAlarms.push(
        this.alarm(`BackgroundErrors${suffix}`, {
          description: `Workers, schedules and stream consumers (${group.map(([name]) => name).join(', ')}) failed at least ${t.backgroundErrors} invocations in 5 minutes.`,
          metric: sumOf(group.map(([name, fn]) => [name, fn.function.metricErrors({ period: PERIOD, statistic: 'Sum' })]), 'errors'),
          threshold: t.backgroundErrors,
          comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        }),
      );
    }

    // --- DynamoDB -------------------------------------------------------------------------
    const tableThrottles = sumOf(
      TABLE_OPERATIONS.map((operation) => [
        operation,
        new Metric({
          namespace: 'AWS/DynamoDB',
          metricName: 'ThrottledRequests',
          dimensionsMap: { TableName: props.mainTable.tableName, Operation: operation },
          period: PERIOD,
          statistic: 'Sum',
        }),
      ]),
      'throttled requests (main table)',
    );
    this.tableThrottlesAlarm = this.alarm('TableThrottles', {
      description: `At least ${t.tableThrottles} requests on the main table were throttled in 5 minutes (after the SDK's own retries gave up on some, callers see 503 rate-limited).`,
      metric: tableThrottles,
      threshold: t.tableThrottles,
      comparison: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    });

    // --- Work queues (their dead-letter queues have an alarm each, with the queue) -----------
    const queueAges = props.queues.map(({ label, queue }) =>
      [label, queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum' })] as const,
    );
    this.queueAgeAlarms = [];
    for (let start = 0; start < queueAges.length; start += MAX_METRICS_PER_ALARM) {
      const group = queueAges.slice(start, start + MAX_METRICS_PER_ALARM);
      const suffix = start === 0 ? '' : String(start / MAX_METRICS_PER_ALARM + 1);
      const usingMetrics = Object.fromEntries(group.map(([, metric], i) => [`m${i}`, metric]));
      this.queueAgeAlarms.push(
        this.alarm(`QueueAge${suffix}`, {
          description: `A message of a work queue (${group.map(([label]) => label).join(', ')}) waited more than ${t.queueAgeSeconds} s: its worker is failing, throttled or too slow.`,
          metric: new MathExpression({
            expression: `MAX([${Object.keys(usingMetrics).join(', ')}])`,
            usingMetrics,
            label: 'oldest message of any work queue (s)',
            period: PERIOD,
          }),
          threshold: t.queueAgeSeconds,
          comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
        }),
      );
    }

    // --- Webhook signatures (counted from the log line of shared/http/webhook-signature-log.ts)
    const signatureFailures = Object.entries(props.webhooks).map(([provider, fn]) => {
      new MetricFilter(this, `${provider}SignatureRejected`, {
        logGroup: fn.logGroup,
        filterPattern: FilterPattern.stringValue('$.event', '=', SIGNATURE_REJECTED_EVENT),
        metricNamespace: metricNamespace(stage),
        metricName: SIGNATURE_REJECTED_METRIC,
        metricValue: '1',
        dimensions: { Provider: '$.provider' },
      });
      return [provider, signatureMetric(stage, provider)] as [string, Metric];
    });
    const signatureTotal = sumOf(signatureFailures, 'refused webhook signatures');
    this.signatureFailuresAlarm = this.alarm('WebhookSignatureFailures', {
      description: `More than ${t.webhookSignatureFailures} webhook requests were refused for their signature in 5 minutes: a rolled secret not yet in its secret, or someone probing the endpoints.`,
      metric: signatureTotal,
      threshold: t.webhookSignatureFailures,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    // --- Application metrics (embedded metric format, shared/observability.ts) --------------
    const app = (metricName: string, label = metricName) => appMetric(stage, metricName).with({ label });
    this.ledgerBusyAlarm = this.alarm('LedgerBusy', {
      description: 'The ledger gave up on a posting after its retries (the caller got 503 unavailable): accounts too hot for their traffic, or the table is throttling.',
      metric: app('LedgerBusy'),
      threshold: t.ledgerBusy,
      comparison: ComparisonOperator.GREATER_THAN_THRESHOLD,
    });

    // --- Dashboard ------------------------------------------------------------------------
    this.dashboard = new Dashboard(this, 'Dashboard', {
      dashboardName: `${prefix}-Operations`,
      defaultInterval: Duration.hours(3),
    });
    const busiest = [...props.busiest];
    const labelled = (name: string, m: Metric) => m.with({ label: name });
    this.dashboard.addWidgets(
      new TextWidget({
        markdown: `# Gifting ${stage}\nAlarms and what to check first: docs/runbook.md ("Alarms"). Periods of 5 minutes.`,
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({ title: 'API requests', left: [requests], width: 6 }),
      new GraphWidget({ title: 'API 4xx / 5xx', left: [clientErrors, serverErrors], right: [api5xxRate], width: 6 }),
      new GraphWidget({
        title: 'API latency (ms)',
        left: [api.metricLatency({ period: PERIOD, statistic: 'p50' }), latencyP99, api.metricIntegrationLatency({ period: PERIOD, statistic: 'p99' })],
        width: 6,
      }),
      new AlarmStatusWidget({ title: 'Alarms', alarms: this.alarms, width: 6 }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Lambda errors (busiest functions)',
        left: busiest.map(([name, fn]) => labelled(name, fn.function.metricErrors({ period: PERIOD, statistic: 'Sum' }))),
        width: 8,
      }),
      new GraphWidget({
        title: 'Lambda throttles',
        left: [throttles.with({ label: 'account and region' })],
        right: busiest.map(([name, fn]) => labelled(name, fn.function.metricThrottles({ period: PERIOD, statistic: 'Sum' }))),
        width: 8,
      }),
      new GraphWidget({
        title: 'Lambda duration p99 (ms)',
        left: busiest.map(([name, fn]) => labelled(name, fn.function.metricDuration({ period: PERIOD, statistic: 'p99' }))),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Queues: messages visible',
        left: props.queues.map(({ label, queue }) => queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Queues: age of oldest message (s)',
        left: props.queues.map(({ label, queue }) => queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label })),
        width: 8,
      }),
      new GraphWidget({
        title: 'Dead-letter queues: messages visible',
        left: props.deadLetterQueues.map(({ label, queue }) => queue.metricApproximateNumberOfMessagesVisible({ period: PERIOD, statistic: 'Maximum', label })),
        right: props.deadLetterQueues.map(({ label, queue }) =>
          queue.metricApproximateAgeOfOldestMessage({ period: PERIOD, statistic: 'Maximum', label: `${label} age (s)` }),
        ),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Main table: consumed capacity',
        left: [
          props.mainTable.metricConsumedReadCapacityUnits({ period: PERIOD, label: 'read units' }),
          props.mainTable.metricConsumedWriteCapacityUnits({ period: PERIOD, label: 'write units' }),
        ],
        width: 8,
      }),
      new GraphWidget({ title: 'Main table: throttled requests', left: [tableThrottles], width: 8 }),
      new GraphWidget({
        title: 'Webhook signatures refused',
        left: signatureFailures.map(([provider, m]) => m.with({ label: provider })),
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new GraphWidget({
        title: 'Domain events published',
        left: DASHBOARD_EVENTS.map((type) => app(`Event.${type}`, type)),
        width: 8,
      }),
      new GraphWidget({
        title: 'Ledger contention',
        left: [app('LedgerRetries', 'retried postings')],
        right: [app('LedgerBusy', 'given up (503)'), app('Problem.conflict', '409 conflict')],
        width: 8,
      }),
      new GraphWidget({
        title: 'Refusals worth a look',
        left: ['insufficient-points', 'out-of-stock', 'unavailable', 'rate-limited'].map((code) => app(`Problem.${code}`, code)),
        right: [app('MessagesFailed', 'queue messages failed'), app('MessagesDropped', 'queue messages dropped')],
        width: 8,
      }),
    );
  }

  /** Every alarm of this construct: named after the stage, notifying the alarm topic when there is one. */
  get alarms(): Alarm[] {
    return [this.api5xxAlarm, this.apiLatencyAlarm, this.lambdaThrottlesAlarm, ...this.backgroundErrorAlarms, this.tableThrottlesAlarm, ...this.queueAgeAlarms, this.signatureFailuresAlarm, this.ledgerBusyAlarm];
  }

  private alarm(
    id: string,
    options: { description: string; metric: IMetric; threshold: number; comparison: ComparisonOperator; evaluationPeriods?: number },
  ): Alarm {
    const alarm = new Alarm(this, `${id}Alarm`, {
      alarmName: `Gifting-${this.props.stage}-${id}`,
      alarmDescription: `${options.description} Runbook: docs/runbook.md, "Alarms".`,
      metric: options.metric,
      threshold: options.threshold,
      comparisonOperator: options.comparison,
      evaluationPeriods: options.evaluationPeriods ?? 1,
      // No traffic or no failure publishes nothing: that is healthy, not unknown.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (this.props.alarmTopic) alarm.addAlarmAction(new SnsAction(this.props.alarmTopic));
    return alarm;
  }
}

/** The metric the signature metric filter publishes for one provider. */
export function signatureMetric(stage: StageName, provider: string): Metric {
  return new Metric({
    namespace: metricNamespace(stage),
    metricName: SIGNATURE_REJECTED_METRIC,
    dimensionsMap: { Provider: provider },
    period: PERIOD,
    statistic: 'Sum',
  });
}

/** The domain events the dashboard graphs (counted by the stream publisher). */
const DASHBOARD_EVENTS = ['OrderPlaced', 'OrderShipped', 'OrderDelivered', 'OrderCancelled', 'PointsReceived'] as const;

/** A count the functions publish in embedded metric format (shared/observability.ts), summed over a period. */
export function appMetric(stage: StageName, metricName: string): Metric {
  return new Metric({
    namespace: metricNamespace(stage),
    metricName,
    dimensionsMap: { service: SERVICE_NAME },
    period: PERIOD,
    statistic: 'Sum',
  });
}

/** `FILL(m0,0) + FILL(m1,0) + …`: a sum that a metric without data points does not blank out. */
function sumOf(metrics: readonly (readonly [string, IMetric])[], label: string): MathExpression {
  if (metrics.length > MAX_METRICS_PER_ALARM) throw new Error(`An alarm may use at most ${MAX_METRICS_PER_ALARM} metrics, got ${metrics.length}`);
  const usingMetrics = Object.fromEntries(metrics.map(([, metric], i) => [`m${i}`, metric]));
  return new MathExpression({
    expression: Object.keys(usingMetrics).map((key) => `FILL(${key}, 0)`).join(' + '),
    usingMetrics,
    label,
    period: PERIOD,
  });
}
