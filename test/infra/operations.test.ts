import { afterAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnResource } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { QUEUES, routeList, schedules, streamConsumers, workers } from '../../shared/http/routes.js';
import { SIGNATURE_REJECTED_EVENT } from '../../shared/http/webhook-signature-log.js';
import { stageConfigs } from '../../infra/stage-config.js';
import { buildPlatform, removeStubSources } from './platform-fixture.js';

afterAll(removeStubSources);

type Json = ReturnType<Template['toJSON']>;
interface Resource {
  Type: string;
  Properties: Json;
}

function synth(stage: 'dev' | 'prod', alarmEmail?: string) {
  const platform = buildPlatform(stage, alarmEmail ? { alarmEmail } : {});
  const stack = platform.stateless;
  const resources: Record<string, Resource> = Template.fromStack(stack).toJSON().Resources;
  const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
  const logicalId = (construct: { node: { defaultChild?: unknown } }) => stack.getLogicalId(construct.node.defaultChild as CfnResource);
  const functionId = (id: string) => stack.getLogicalId(stack.functions.get(id)!.function.node.defaultChild as CfnFunction);
  const alarms = ofType('AWS::CloudWatch::Alarm');
  /** The alarm of the Operations construct named `Gifting-<stage>-<name>`. */
  const alarm = (name: string) => {
    const found = alarms.filter(([, a]) => a.Properties.AlarmName === `Gifting-${stage}-${name}`);
    expect(found, name).toHaveLength(1);
    return found[0]![1].Properties;
  };
  /** The metrics (MetricStat) an alarm's math uses, or its single metric. */
  const metricsOf = (props: Json): { Namespace: string; MetricName: string; Dimensions?: { Name: string; Value: unknown }[]; Stat?: string }[] =>
    props.Metrics
      ? props.Metrics.filter((m: Json) => m.MetricStat).map((m: Json) => ({ ...m.MetricStat.Metric, Stat: m.MetricStat.Stat }))
      : [{ Namespace: props.Namespace, MetricName: props.MetricName, Dimensions: props.Dimensions, Stat: props.Statistic }];
  const expressionOf = (props: Json): string => props.Metrics.find((m: Json) => m.Expression).Expression;
  return { platform, stack, resources, ofType, logicalId, functionId, alarms, alarm, metricsOf, expressionOf };
}

const dev = synth('dev');
const thresholds = stageConfigs.dev.alarmThresholds;
const OPERATIONS_ALARMS = ['Api5xxRate', 'ApiLatencyP99', 'LambdaThrottles', 'BackgroundErrors', 'TableThrottles', 'QueueAge', 'WebhookSignatureFailures', 'LedgerBusy'];

describe('asynchronous paths and their queues', () => {
  it('gives every queue of the stack an alarm: dead-letter queues by depth, work queues by the age of their oldest message', () => {
    const queues = dev.ofType('AWS::SQS::Queue');
    expect(queues.length).toBe(QUEUES.length * 2 + streamConsumers.length + 1);
    for (const [id] of queues) {
      const queueName = JSON.stringify({ 'Fn::GetAtt': [id, 'QueueName'] });
      const watching = dev.alarms.filter(([, a]) => JSON.stringify(a.Properties).includes(queueName));
      expect(watching.length, id).toBeGreaterThan(0);
    }
  });

  it('alarms on the first message in each dead-letter queue: the work queues\', the stream consumers\' and the schedules\'', () => {
    const deadLetterIds = [
      ...[...dev.stack.queues.values()].map((q) => dev.logicalId(q.deadLetterQueue)),
      ...[...dev.stack.deadLetterQueues.values()].map((q) => dev.logicalId(q)),
    ];
    expect(deadLetterIds).toHaveLength(QUEUES.length + streamConsumers.length + 1);
    for (const id of deadLetterIds) {
      const depth = dev.alarms.find(
        ([, a]) =>
          a.Properties.MetricName === 'ApproximateNumberOfMessagesVisible' &&
          JSON.stringify(a.Properties.Dimensions) === JSON.stringify([{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id, 'QueueName'] } }]),
      );
      expect(depth, id).toBeDefined();
      expect(depth![1].Properties).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', TreatMissingData: 'notBreaching' });
    }
  });

  it('sends what fails for good somewhere: work queues redrive, stream mappings and schedules have a dead-letter target', () => {
    for (const [name, workQueue] of dev.stack.queues) {
      expect(dev.resources[dev.logicalId(workQueue.queue)]!.Properties.RedrivePolicy, name).toMatchObject({
        deadLetterTargetArn: { 'Fn::GetAtt': [dev.logicalId(workQueue.deadLetterQueue), 'Arn'] },
      });
    }
    const streamMappings = dev.ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.EventSourceArn).includes('StreamArn'));
    expect(streamMappings).toHaveLength(streamConsumers.length);
    for (const [, mapping] of streamMappings) expect(mapping.Properties.DestinationConfig.OnFailure.Destination).toBeDefined();

    const schedulesDlq = dev.logicalId(dev.stack.deadLetterQueues.get('schedules')!);
    const scheduled = dev.ofType('AWS::Scheduler::Schedule');
    expect(scheduled).toHaveLength(schedules.length);
    for (const [, schedule] of scheduled) {
      expect(schedule.Properties.Target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [schedulesDlq, 'Arn'] } });
    }
    // The scheduler's roles may send to that queue, and only to it.
    const sends = dev.ofType('AWS::IAM::Policy').flatMap(([, p]) => p.Properties.PolicyDocument.Statement as Json[])
      .filter((s) => [s.Action].flat().includes('sqs:SendMessage') && JSON.stringify(s.Resource).includes(schedulesDlq));
    expect(sends).toHaveLength(schedules.length);
  });
});

describe('operational alarms', () => {
  it('alarms on the 5xx rate of the HTTP API: 5xx / Count above 1% in 5 minutes, only with enough requests', () => {
    const props = dev.alarm('Api5xxRate');
    expect(props).toMatchObject({ Threshold: thresholds.api5xxPercent, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1, TreatMissingData: 'notBreaching' });
    expect(thresholds.api5xxPercent).toBeGreaterThan(0);
    expect(thresholds.api5xxPercent).toBeLessThanOrEqual(5);
    const metrics = dev.metricsOf(props);
    expect(metrics.map((m) => `${m.Namespace} ${m.MetricName} ${m.Stat}`).sort()).toEqual(['AWS/ApiGateway 5xx Sum', 'AWS/ApiGateway Count Sum']);
    for (const m of metrics) expect(m.Dimensions).toEqual([{ Name: 'ApiId', Value: { Ref: dev.logicalId(dev.stack.api) } }]);
    expect(dev.expressionOf(props)).toBe(`IF(requests >= ${thresholds.apiMinRequests}, 100 * FILL(errors, 0) / requests, 0)`);
    for (const m of props.Metrics.filter((x: Json) => x.MetricStat)) expect(m.MetricStat.Period).toBe(300);
  });

  it('alarms on the API\'s p99 latency for 15 minutes', () => {
    const props = dev.alarm('ApiLatencyP99');
    expect(props).toMatchObject({ Threshold: thresholds.apiLatencyP99Ms, EvaluationPeriods: 3 });
    expect(thresholds.apiLatencyP99Ms).toBeLessThan(15_000); // below the HTTP functions' timeout
    expect(dev.metricsOf(props).find((m) => m.MetricName === 'Latency')?.Stat).toBe('p99');
  });

  it('alarms on Lambda throttles across the account and region (every platform function draws on that concurrency)', () => {
    const props = dev.alarm('LambdaThrottles');
    expect(props).toMatchObject({ Namespace: 'AWS/Lambda', MetricName: 'Throttles', Statistic: 'Sum', Period: 300, Threshold: thresholds.lambdaThrottles });
    expect(props.Dimensions).toBeUndefined();
    expect(thresholds.lambdaThrottles).toBeGreaterThanOrEqual(1);
    expect(thresholds.lambdaThrottles).toBeLessThanOrEqual(20);
  });

  it('alarms on errors of every worker, schedule and stream consumer, summed in one alarm per 10 functions', () => {
    const background = [...workers, ...schedules, ...streamConsumers].map((d) => d.id);
    const errorAlarms = dev.alarms.filter(([, a]) => String(a.Properties.AlarmName).startsWith('Gifting-dev-BackgroundErrors'));
    expect(errorAlarms).toHaveLength(Math.ceil(background.length / 10));
    const watched = errorAlarms.flatMap(([, a]) => dev.metricsOf(a.Properties))
      .filter((m) => m.Namespace === 'AWS/Lambda' && m.MetricName === 'Errors')
      .map((m) => JSON.stringify(m.Dimensions));
    expect(watched.sort()).toEqual(background.map((id) => JSON.stringify([{ Name: 'FunctionName', Value: { Ref: dev.functionId(id) } }])).sort());
    for (const [, a] of errorAlarms) expect(a.Properties.Threshold).toBe(thresholds.backgroundErrors);
  });

  it('alarms on throttled requests to the main table, per operation the platform calls, summed', () => {
    const props = dev.alarm('TableThrottles');
    const metrics = dev.metricsOf(props);
    expect(metrics.every((m) => m.Namespace === 'AWS/DynamoDB' && m.MetricName === 'ThrottledRequests')).toBe(true);
    const operations = metrics.map((m) => m.Dimensions!.find((d) => d.Name === 'Operation')!.Value);
    expect(operations).toEqual(expect.arrayContaining(['GetItem', 'Query', 'PutItem', 'UpdateItem', 'TransactWriteItems', 'BatchWriteItem']));
    expect(operations.length).toBeLessThanOrEqual(10);
    for (const m of metrics) expect(JSON.stringify(m.Dimensions!.find((d) => d.Name === 'TableName')!.Value)).toContain('MainTable');
    expect(dev.expressionOf(props)).toMatch(/^FILL\(m0, 0\)( \+ FILL\(m\d, 0\))+$/);
    expect(props.Threshold).toBe(thresholds.tableThrottles);
  });

  it('alarms when a work queue\'s oldest message waited too long', () => {
    const props = dev.alarm('QueueAge');
    const metrics = dev.metricsOf(props);
    expect(metrics).toHaveLength(QUEUES.length);
    expect(metrics.every((m) => m.MetricName === 'ApproximateAgeOfOldestMessage' && m.Stat === 'Maximum')).toBe(true);
    expect(dev.expressionOf(props)).toMatch(/^MAX\(\[/);
    expect(props.Threshold).toBe(thresholds.queueAgeSeconds);
  });

  it('counts refused webhook signatures from the webhooks\' log line and alarms on a burst of them', () => {
    const filters = dev.ofType('AWS::Logs::MetricFilter');
    const webhookLogs = ['stripeWebhook', 'shipEngineWebhook'].map((id) => ({ Ref: dev.logicalId(dev.stack.functions.get(id)!.logGroup) }));
    expect(filters.map(([, f]) => f.Properties.LogGroupName)).toEqual(expect.arrayContaining(webhookLogs));
    for (const [, filter] of filters) {
      expect(filter.Properties.FilterPattern).toBe(`{ $.event = "${SIGNATURE_REJECTED_EVENT}" }`);
      expect(filter.Properties.MetricTransformations).toEqual([
        expect.objectContaining({ MetricNamespace: 'Gifting/dev', MetricName: 'WebhookSignatureRejected', MetricValue: '1', Dimensions: [{ Key: 'Provider', Value: '$.provider' }] }),
      ]);
    }
    const props = dev.alarm('WebhookSignatureFailures');
    expect(dev.metricsOf(props).map((m) => m.Dimensions)).toEqual([
      [{ Name: 'Provider', Value: 'stripe' }],
      [{ Name: 'Provider', Value: 'shipengine' }],
    ]);
    expect(props.Threshold).toBe(thresholds.webhookSignatureFailures);
    expect(thresholds.webhookSignatureFailures).toBeGreaterThan(0);
  });

  it('alarms when the ledger gives up on a posting (the metric the ledger store counts, in the stage namespace)', () => {
    const props = dev.alarm('LedgerBusy');
    expect(dev.metricsOf(props)).toEqual([
      expect.objectContaining({ Namespace: 'Gifting/dev', MetricName: 'LedgerBusy', Dimensions: [{ Name: 'service', Value: 'gifting' }] }),
    ]);
    expect(dev.metricsOf(props)[0]!.Stat).toBe('Sum');
    expect(props.Threshold).toBe(thresholds.ledgerBusy);
  });

  it('names every alarm after its stage and points to the runbook', () => {
    for (const name of OPERATIONS_ALARMS) expect(dev.alarm(name).AlarmDescription).toMatch(/runbook/);
  });

  it('notifies the alarm topic from every alarm when an alarm email is set, and nobody otherwise', () => {
    for (const [, a] of dev.alarms) expect(a.Properties.AlarmActions).toBeUndefined();
    const withEmail = synth('prod', 'ops@example.com');
    const topics = withEmail.ofType('AWS::SNS::Topic');
    expect(topics).toHaveLength(1);
    expect(withEmail.alarms.length).toBeGreaterThanOrEqual(OPERATIONS_ALARMS.length + QUEUES.length + streamConsumers.length + 1);
    for (const [id, a] of withEmail.alarms) expect(a.Properties.AlarmActions, id).toEqual([{ Ref: topics[0]![0] }]);
  });
});

describe('dashboard', () => {
  it('shows the API, the busiest functions, every queue, the main table and refused signatures', () => {
    const dashboards = dev.ofType('AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]![1].Properties.DashboardName).toBe('Gifting-dev-Operations');
    const body = JSON.stringify(dashboards[0]![1].Properties.DashboardBody);
    for (const metric of ['"Count"', '"4xx"', '"5xx"', '"Latency"', '"Errors"', '"Throttles"', '"Duration"', 'ApproximateNumberOfMessagesVisible', 'ApproximateAgeOfOldestMessage', 'ConsumedReadCapacityUnits', 'ConsumedWriteCapacityUnits', 'ThrottledRequests', 'WebhookSignatureRejected',
      // Powertools metrics of the functions (shared/observability.ts)
      'Event.OrderPlaced', 'Event.OrderDelivered', 'Event.PointsReceived', 'LedgerRetries', 'LedgerBusy', 'Problem.conflict', 'Problem.out-of-stock', 'MessagesFailed']) {
      expect(body, metric).toContain(metric.replaceAll('"', '\\"'));
    }
    for (const id of ['placeOrder', 'createAllocation', 'stripeWebhook', 'shipEngineWebhook', ...workers.map((w) => w.id)]) {
      expect(body, id).toContain(dev.functionId(id));
    }
    for (const [id] of dev.ofType('AWS::SQS::Queue')) expect(body, id).toContain(id);
  });
});

describe('Powertools', () => {
  it('gives every function the service name and its stage\'s metric namespace, where the alarms look', () => {
    const platformFunctions = [...routeList, ...workers, ...schedules, ...streamConsumers].map((d) => dev.functionId(d.id));
    for (const id of platformFunctions) {
      expect(dev.resources[id]!.Properties.Environment.Variables, id).toMatchObject({ POWERTOOLS_SERVICE_NAME: 'gifting', POWERTOOLS_METRICS_NAMESPACE: 'Gifting/dev' });
    }
  });
});

describe('tracing', () => {
  it('runs every platform function with X-Ray active tracing', () => {
    const platformFunctions = [...routeList, ...workers, ...schedules, ...streamConsumers].map((d) => dev.functionId(d.id));
    for (const id of platformFunctions) expect(dev.resources[id]!.Properties.TracingConfig, id).toEqual({ Mode: 'Active' });
  });
});

describe('size', () => {
  it('keeps the stateless stack clear of CloudFormation\'s 500-resource limit in every stage, with the alarm topic', () => {
    // dev is the largest (its buckets' auto-delete custom resource); 10 left for the next routes.
    for (const stage of ['dev', 'prod'] as const) {
      const { resources } = synth(stage, 'ops@example.com');
      expect(Object.keys(resources).length, stage).toBeLessThanOrEqual(490);
    }
  });
});
