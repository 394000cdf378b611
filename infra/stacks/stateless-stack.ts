/**
 * Everything that can be replaced without losing data: the HTTP API, one function per route
 * and per queue worker, the work queues, the user pool's configuration, the alarms and the
 * dashboard (constructs/operations.ts), and the portals (S3 + CloudFront, the API under /v1
 * of the same distribution). Routes,
 * workers, queues and each function's grants all come from shared/http/routes.ts, so adding
 * a route there adds its function, its API route, its authorizer and its permissions here.
 */
import { Aws, CfnOutput, Duration, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  type HttpRoute,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { CfnUserPool } from 'aws-cdk-lib/aws-cognito';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { DynamoEventSource, SqsDlq, SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterCriteria, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Alarm, ComparisonOperator, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  QUEUES,
  routeList,
  schedules,
  streamConsumers,
  workers,
  type QueueName,
  type RouteDefinition,
  type ScheduleDefinition,
  type StreamConsumerDefinition,
  type WorkerDefinition,
} from '../../shared/http/routes.js';
import { WEBHOOK_PROVIDERS, type WebhookProvider } from '../../shared/http/webhook-signature-log.js';
import { Identity } from '../constructs/identity.js';
import { Operations, type MonitoredQueue } from '../constructs/operations.js';
import { PlatformFunction, type PlatformFunctionProps, type PlatformResources } from '../constructs/platform-function.js';
import { WebDistribution } from '../constructs/web-distribution.js';
import { WorkQueue } from '../constructs/work-queue.js';
import { functionEnvironment, type FunctionEnvironment } from '../function-environment.js';
import { pascalCase } from '../naming.js';
import type { StageConfig } from '../stage-config.js';

/** Below HTTP API's fixed 30 s integration timeout, so the function fails before the gateway gives up. */
const HTTP_FUNCTION_TIMEOUT = Duration.seconds(15);
/** Deliveries of a work message before it moves to the dead-letter queue. */
const MAX_RECEIVE_COUNT = 5;
/** AWS's guidance for SQS event sources: visibility timeout at least six times the function timeout. */
const VISIBILITY_TIMEOUT_FACTOR = 6;

export interface StatelessStackProps extends StackProps {
  readonly stageConfig: StageConfig;
  readonly mainTable: ITable;
  readonly idempotencyTable: ITable;
  /** Stripe's keys (stateful stack); readable only by functions whose access declares `stripe`. */
  readonly stripeSecret: ISecret;
  /** ShipEngine's API key (stateful stack); readable only by functions whose access declares `shipengine`. */
  readonly shipEngineSecret: ISecret;
  /** Repository root: the function entries and package-lock.json are resolved against it. */
  readonly sourceRoot: string;
}

export class StatelessStack extends Stack {
  readonly api: HttpApi;
  readonly identity: Identity;
  /** The portals, with the API under /v1 of the same distribution. */
  readonly web: WebDistribution;
  readonly authorizer: HttpJwtAuthorizer;
  readonly queues: ReadonlyMap<QueueName, WorkQueue>;
  /** Functions by route id and worker id. */
  readonly functions: ReadonlyMap<string, PlatformFunction>;
  /** The variables every function gets (shared/config.ts). */
  readonly functionEnvironment: FunctionEnvironment;
  /** Dead-letter queues of the stream consumers and the schedules (the work queues hold their own). */
  readonly deadLetterQueues: ReadonlyMap<string, Queue>;
  /** Alarms on the API, Lambda, the main table and webhook signatures, and the dashboard. */
  readonly operations: Operations;

  private readonly props: StatelessStackProps;
  private readonly resources: PlatformResources;
  private readonly functionsById = new Map<string, PlatformFunction>();
  private readonly deadLettersById = new Map<string, Queue>();
  private readonly deadLetterLabels = new Map<Queue, string>();
  private readonly alarmTopic: Topic | undefined;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    this.props = props;
    const { stageConfig } = props;

    const alarmTopic = stageConfig.alarmEmail ? this.createAlarmTopic(stageConfig.alarmEmail) : undefined;
    this.alarmTopic = alarmTopic;
    this.queues = new Map(
      QUEUES.map((name) => [
        name,
        new WorkQueue(this, `${pascalCase(name)}WorkQueue`, {
          visibilityTimeout: visibilityTimeoutFor(name),
          maxReceiveCount: MAX_RECEIVE_COUNT,
          removalPolicy: stageConfig.removalPolicy,
          ...(alarmTopic ? { alarmTopic } : {}),
        }),
      ]),
    );
    this.resources = {
      mainTable: props.mainTable,
      idempotencyTable: props.idempotencyTable,
      queues: new Map<QueueName, IQueue>([...this.queues].map(([name, workQueue]) => [name, workQueue.queue])),
      secrets: { stripe: props.stripeSecret, shipengine: props.shipEngineSecret },
      mailIdentityArn: this.formatArn({ service: 'ses', resource: 'identity', resourceName: mailDomain(stageConfig.mailFrom) }),
    };

    // Order matters, not for CloudFormation (no cycle: see web-distribution.ts) but for the
    // constructs: the distribution needs the API, the app client's callback URLs the
    // distribution, and the SPA's config.json the app client.
    this.api = this.createHttpApi();
    this.web = new WebDistribution(this, 'Web', {
      sourceRoot: props.sourceRoot,
      api: this.api,
      removalPolicy: stageConfig.removalPolicy,
      logRetention: stageConfig.logRetention,
    });
    this.identity = new Identity(this, 'Identity', {
      removalPolicy: stageConfig.removalPolicy,
      deletionProtection: stageConfig.userPoolDeletionProtection,
      featurePlan: stageConfig.userPoolFeaturePlan,
      // Unique per region across all accounts, hence the account id; no word Cognito forbids.
      domainPrefix: `gifting-${stageConfig.stage}-${Aws.ACCOUNT_ID}`,
      portalUrl: this.web.url,
    });
    // The pool holds every user and cannot be restored: like the tables, a static logical id
    // keeps a refactor of this stack from replacing it.
    (this.identity.userPool.node.defaultChild as CfnUserPool).overrideLogicalId('UserPool');
    this.web.deploy({ cognitoDomain: this.identity.domainName, clientId: this.identity.client.userPoolClientId });
    this.authorizer = new HttpJwtAuthorizer('CognitoJwtAuthorizer', this.identity.issuerUrl, {
      jwtAudience: [this.identity.client.userPoolClientId],
    });

    this.functionEnvironment = functionEnvironment({
      stage: stageConfig.stage,
      mainTableName: props.mainTable.tableName,
      idempotencyTableName: props.idempotencyTable.tableName,
      authIssuer: this.identity.issuerUrl,
      authAudience: this.identity.client.userPoolClientId,
      queueUrls: Object.fromEntries([...this.queues].map(([name, workQueue]) => [name, workQueue.queue.queueUrl])) as Record<
        QueueName,
        string
      >,
      // Tracking and email links open the portals' pages; Stripe returns to /v1 on the same origin.
      publicBaseUrl: stageConfig.publicBaseUrl ?? this.web.url,
      stripeSecretArn: props.stripeSecret.secretArn,
      shipEngineSecretArn: props.shipEngineSecret.secretArn,
      mailFrom: stageConfig.mailFrom,
    });

    for (const route of routeList) this.addRoute(route);
    for (const worker of workers) this.addWorker(worker);
    for (const schedule of schedules) this.addSchedule(schedule);
    for (const consumer of streamConsumers) this.addStreamConsumer(consumer);
    this.functions = this.functionsById;
    this.deadLetterQueues = this.deadLettersById;
    this.operations = this.createOperations();

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Base URL of the HTTP API' });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.client.userPoolClientId });
    new CfnOutput(this, 'AuthIssuer', { value: this.identity.issuerUrl });
  }

  private createHttpApi(): HttpApi {
    const { stageConfig } = this.props;
    const cors = stageConfig.corsAllowedOrigins;
    const api = new HttpApi(this, 'HttpApi', {
      description: `Gifting platform API (${stageConfig.stage})`,
      createDefaultStage: false,
      ...(cors?.length
        ? {
            corsPreflight: {
              allowOrigins: [...cors],
              allowMethods: [CorsHttpMethod.ANY],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              exposeHeaders: ['idempotent-replayed'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: stageConfig.logRetention,
      removalPolicy: stageConfig.removalPolicy,
    });
    api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { ...stageConfig.apiThrottle },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            ip: '$context.identity.sourceIp',
            requestTime: '$context.requestTime',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            responseLatency: '$context.responseLatency',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
            userAgent: '$context.identity.userAgent',
          }),
        ),
      },
    });
    return api;
  }

  private addRoute(route: RouteDefinition): void {
    const fn = this.addFunction(route.id, {
      entry: route.entry,
      description: `${route.method} ${route.path}`,
      access: route.access,
      timeout: HTTP_FUNCTION_TIMEOUT,
    });
    const isPublic = route.auth === 'public';
    const [httpRoute] = this.api.addRoutes({
      path: route.path,
      methods: [HttpMethod[route.method]],
      integration: new HttpLambdaIntegration(`${pascalCase(route.id)}Integration`, fn.function),
      // Roles are checked by the function (shared/http); the gateway only proves the token.
      authorizer: isPublic ? new HttpNoneAuthorizer() : this.authorizer,
    });
    if (isPublic && httpRoute) suppressPublicRouteFindings(httpRoute, route);
  }

  private addWorker(worker: WorkerDefinition): void {
    const workQueue = this.queues.get(worker.queue);
    if (!workQueue) throw new Error(`Worker ${worker.id} consumes the unknown queue "${worker.queue}"`);
    const fn = this.addFunction(worker.id, {
      entry: worker.entry,
      description: `Worker of the ${worker.queue} queue`,
      access: worker.access,
      timeout: Duration.seconds(worker.timeoutSeconds),
    });
    fn.function.addEventSource(
      new SqsEventSource(workQueue.queue, { batchSize: worker.batchSize, reportBatchItemFailures: true }),
    );
  }

  /**
   * A consumer of the main table's stream: batches in order, a failing batch bisected and
   * retried, then its records' coordinates sent to a dead-letter queue (with an alarm), so a
   * poison record never blocks the stream for good.
   */
  private addStreamConsumer(consumer: StreamConsumerDefinition): void {
    const fn = this.addFunction(consumer.id, {
      entry: consumer.entry,
      description: `Consumer of the main table's change stream`,
      access: consumer.access,
      timeout: Duration.seconds(consumer.timeoutSeconds),
    });
    const deadLetters = this.addDeadLetterQueue(`${pascalCase(consumer.id)}Stream`, `${consumer.id} stream DLQ`, {
      description: `Stream records ${consumer.id} failed ${consumer.retryAttempts} times: see the dead-letter queue (runbook)`,
      acknowledgment: 'This queue IS a dead-letter queue: the on-failure destination of a stream event source mapping.',
    });
    fn.function.addEventSource(new DynamoEventSource(this.props.mainTable, {
      startingPosition: StartingPosition.TRIM_HORIZON,
      batchSize: consumer.batchSize,
      bisectBatchOnError: true,
      retryAttempts: consumer.retryAttempts,
      reportBatchItemFailures: true,
      onFailure: new SqsDlq(deadLetters),
      filters: consumer.filters.map((pattern) => FilterCriteria.filter(pattern)),
    }));
    Validations.of(fn.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, which the stream event source needs, supports no resource-level permission (resource "*" is the only form IAM accepts); every other stream action is granted on this table\'s stream ARN only. Active tracing\'s xray:PutTraceSegments and xray:PutTelemetryRecords likewise take "*" only (platform-function.ts).',
    });
  }

  /**
   * A function EventBridge Scheduler invokes; failed invocations are retried by the scheduler,
   * then the event goes to the schedules' dead-letter queue (alarmed) instead of vanishing.
   */
  private addSchedule(schedule: ScheduleDefinition): void {
    const fn = this.addFunction(schedule.id, {
      entry: schedule.entry,
      description: schedule.description,
      access: schedule.access,
      timeout: Duration.seconds(schedule.timeoutSeconds),
    });
    const role = new Role(this, `${pascalCase(schedule.id)}SchedulerRole`, {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: `EventBridge Scheduler invokes ${schedule.id}`,
    });
    new Schedule(this, `${pascalCase(schedule.id)}Schedule`, {
      schedule: ScheduleExpression.expression(schedule.expression),
      target: new LambdaInvoke(fn.function, {
        role,
        retryAttempts: 2,
        maxEventAge: Duration.hours(1),
        deadLetterQueue: this.scheduleDeadLetterQueue(),
      }),
      description: schedule.description,
    });
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${this.getLogicalId(fn.function.node.defaultChild as CfnFunction)}.Arn>:*]`,
      reason: 'The scheduler target grants lambda:InvokeFunction on this one function and its versions (<arn>:*); no other resource.',
    });
  }

  /** One dead-letter queue shared by every schedule: a dead letter names its schedule's ARN. */
  private scheduleDeadLetterQueue(): Queue {
    return (
      this.deadLettersById.get('schedules') ??
      this.addDeadLetterQueue('Schedule', 'schedules DLQ', {
        description: 'A scheduled invocation failed 3 times or for an hour: see the schedules\' dead-letter queue (runbook)',
        acknowledgment: 'This queue IS a dead-letter queue: the dead-letter target of the EventBridge Scheduler schedules.',
        key: 'schedules',
      })
    );
  }

  /**
   * A dead-letter queue (encrypted, TLS only, 14 days to inspect and redrive) with an alarm as
   * soon as it holds a message. Construct ids `<id>DeadLetterQueue` and `<id>DeadLetterAlarm`.
   */
  private addDeadLetterQueue(
    id: string,
    label: string,
    options: { description: string; acknowledgment: string; key?: string },
  ): Queue {
    const deadLetters = new Queue(this, `${id}DeadLetterQueue`, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: this.props.stageConfig.removalPolicy,
    });
    const alarm = new Alarm(this, `${id}DeadLetterAlarm`, {
      alarmDescription: options.description,
      metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (this.alarmTopic) alarm.addAlarmAction(new SnsAction(this.alarmTopic));
    Validations.of(deadLetters).acknowledge({ id: 'AwsSolutions-SQS3', reason: options.acknowledgment });
    this.deadLettersById.set(options.key ?? label, deadLetters);
    this.deadLetterLabels.set(deadLetters, label);
    return deadLetters;
  }

  private createOperations(): Operations {
    const { stageConfig } = this.props;
    const pick = (ids: readonly string[]) => new Map(ids.map((id) => [id, this.functionsById.get(id)!] as const));
    const background = [...workers, ...schedules, ...streamConsumers].map((d) => d.id);
    const webhookIds: Record<WebhookProvider, string> = { stripe: 'stripeWebhook', shipengine: 'shipEngineWebhook' };
    const webhooks = Object.fromEntries(
      WEBHOOK_PROVIDERS.map((provider) => [provider, this.functionsById.get(webhookIds[provider])!]),
    ) as Record<WebhookProvider, PlatformFunction>;
    const queues: MonitoredQueue[] = [...this.queues].map(([name, workQueue]) => ({ label: name, queue: workQueue.queue }));
    const deadLetterQueues: MonitoredQueue[] = [
      ...[...this.queues].map(([name, workQueue]) => ({ label: `${name} DLQ`, queue: workQueue.deadLetterQueue })),
      ...[...this.deadLettersById.values()].map((queue) => ({ label: this.deadLetterLabels.get(queue)!, queue })),
    ];
    return new Operations(this, 'Operations', {
      stage: stageConfig.stage,
      thresholds: stageConfig.alarmThresholds,
      ...(this.alarmTopic ? { alarmTopic: this.alarmTopic } : {}),
      api: this.api,
      mainTable: this.props.mainTable,
      background: pick(background),
      // The paths that carry the money and the load: ordering, allocating, paying, tracking, the workers.
      busiest: pick(['placeOrder', 'createAllocation', 'stripeWebhook', 'shipEngineWebhook', ...background]),
      webhooks,
      queues,
      deadLetterQueues,
    });
  }

  private addFunction(
    id: string,
    options: Pick<PlatformFunctionProps, 'entry' | 'description' | 'access' | 'timeout'>,
  ): PlatformFunction {
    if (this.functionsById.has(id)) throw new Error(`Two functions share the id "${id}"`);
    const { stageConfig, sourceRoot } = this.props;
    const fn = new PlatformFunction(this, pascalCase(id), {
      ...options,
      sourceRoot,
      resources: this.resources,
      environment: this.functionEnvironment,
      memorySize: stageConfig.functionMemoryMb,
      logRetention: stageConfig.logRetention,
      removalPolicy: stageConfig.removalPolicy,
    });
    this.functionsById.set(id, fn);
    return fn;
  }

  private createAlarmTopic(email: string): Topic {
    const topic = new Topic(this, 'AlarmTopic', { displayName: 'Gifting platform alarms', enforceSSL: true });
    topic.addSubscription(new EmailSubscription(email));
    Validations.of(topic).acknowledge({
      id: 'AwsSolutions-SNS2',
      reason:
        'The topic carries only alarm state changes (alarm name, metric, threshold), no customer data; CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key, and a customer-managed key for alarm notifications is not worth its cost.',
    });
    return topic;
  }
}

/** `Gifting <no-reply@gifting.example>` → `gifting.example`: the SES identity emails are sent as. */
function mailDomain(from: string): string {
  const domain = /@([^>\s]+)>?\s*$/.exec(from)?.[1];
  if (!domain) throw new Error(`mailFrom "${from}" has no email address`);
  return domain;
}

/** The slowest consumer of a queue sets its visibility timeout. */
function visibilityTimeoutFor(queue: QueueName): Duration {
  const timeouts = workers.filter((worker) => worker.queue === queue).map((worker) => worker.timeoutSeconds);
  return Duration.seconds(Math.max(30, ...timeouts.map((seconds) => seconds * VISIBILITY_TIMEOUT_FACTOR)));
}

function suppressPublicRouteFindings(httpRoute: HttpRoute, route: RouteDefinition): void {
  const reason = `${route.method} ${route.path} is public by the API contract (shared/API.md, route "${route.id}"): ${route.summary}.`;
  Validations.of(httpRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason }, { id: 'AwsSolutions-COG4', reason });
}
