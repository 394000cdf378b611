import { afterAll, describe, expect, it } from 'vitest';
import { Stack, type CfnResource } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { QUEUES, ROLES, routeList, schedules, streamConsumers, workers, type Access } from '../../shared/http/routes.js';
import { buildPlatform, removeStubSources } from './platform-fixture.js';

afterAll(removeStubSources);

const platform = buildPlatform('dev');
const stack = platform.stateless;
const template = Template.fromStack(stack);
/** Template JSON as `Template.toJSON()` types it: plain objects, indexed freely. */
type TemplateJson = ReturnType<Template['toJSON']>;
const resources: Record<string, { Type: string; Properties: TemplateJson }> = template.toJSON().Resources;
const statefulOutputs: Record<string, { Value: unknown }> = Template.fromStack(platform.stateful).toJSON().Outputs;

/**
 * The variables of shared/config.ts without the local-only ones (DYNAMODB_ENDPOINT and Stripe's
 * keys, which AWS reads from STRIPE_SECRET_ARN), plus source maps for stack traces.
 */
const EXPECTED_ENVIRONMENT = [
  'AUTH_AUDIENCE',
  'AUTH_ISSUER',
  'AUTH_JWKS_URL',
  'IDEMPOTENCY_TABLE_NAME',
  'MAIL_FROM',
  'NODE_OPTIONS',
  'POWERTOOLS_METRICS_NAMESPACE',
  'POWERTOOLS_SERVICE_NAME',
  'PUBLIC_BASE_URL',
  'QUEUE_URL_ALLOCATIONS',
  'QUEUE_URL_EMPLOYEE_IMPORTS',
  'QUEUE_URL_FULFILMENT',
  'QUEUE_URL_NOTIFICATIONS',
  'QUEUE_URL_TRACKING',
  'SHIPENGINE_JWKS_URL',
  'SHIPENGINE_SECRET_ARN',
  'STAGE',
  'STRIPE_SECRET_ARN',
  'TABLE_NAME',
];
/** The Stripe secret's ARN as the stateful template names it (its logical id is pinned there). */
const STRIPE_SECRET_REF = { Ref: 'StripeSecret' };
const SECRETS_MANAGER_READ = ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'];

const READ = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
const WRITE = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

/** Lambda functions aws-cdk-lib adds for its own custom resources (not the platform's). */
const CDK_HANDLER = /^Custom(CDKBucketDeployment|S3AutoDeleteObjects)/;
const partition = <T>(items: T[], test: (item: T) => boolean): [T[], T[]] => [items.filter(test), items.filter((i) => !test(i))];
const ofType = (type: string) => Object.entries(resources).filter(([, r]) => r.Type === type);
/** The one resource of a type (fails when there are none or several). */
const single = (type: string) => {
  const found = ofType(type);
  expect(found, type).toHaveLength(1);
  return found[0]![1];
};
const functionLogicalId = (id: string) => {
  const fn = stack.functions.get(id);
  if (!fn) throw new Error(`no function for ${id}`);
  return stack.getLogicalId(fn.function.node.defaultChild as CfnFunction);
};
const functionProps = (id: string) => resources[functionLogicalId(id)]!.Properties;

interface Statement {
  Action: string | string[];
  Resource: unknown;
  Effect: string;
}
/** Active tracing's grant: the two X-Ray writes, which IAM accepts only on "*". */
const isXRayWrite = (statement: Statement) =>
  statement.Resource === '*' &&
  JSON.stringify([statement.Action].flat().sort()) === JSON.stringify(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
/** Every Allow statement of the policies attached to a function's role. */
function statementsOf(id: string): Statement[] {
  const fn = stack.functions.get(id)!;
  const roleId = stack.getLogicalId(fn.role.node.defaultChild as CfnRole);
  expect(functionProps(id).Role).toEqual({ 'Fn::GetAtt': [roleId, 'Arn'] });
  expect(resources[roleId]!.Properties.ManagedPolicyArns).toBeUndefined();
  return ofType('AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Statement[]);
}
const actionsOn = (statements: Statement[], marker: string) =>
  statements
    .filter((s) => JSON.stringify(s.Resource).includes(marker))
    .flatMap((s) => [s.Action].flat());
const byRef = (a: { Ref: string }, b: { Ref: string }) => a.Ref.localeCompare(b.Ref);
const allActions = (statements: Statement[]) => statements.flatMap((s) => [s.Action].flat());
/** The value of a stateful stack output that a stateless template refers to (Fn::GetStackOutput). */
function statefulValue(reference: unknown): unknown {
  const ref = (reference as { 'Fn::GetStackOutput'?: { StackName: string; OutputName: string } })['Fn::GetStackOutput'];
  expect(ref, `not a stateful stack output: ${JSON.stringify(reference)}`).toBeDefined();
  expect(ref!.StackName).toBe(platform.stateful.stackName);
  return statefulOutputs[ref!.OutputName]?.Value;
}
const queueLogicalId = (name: (typeof QUEUES)[number]) => stack.getLogicalId(stack.queues.get(name)!.queue.node.defaultChild as CfnResource);
const dlqLogicalId = (name: (typeof QUEUES)[number]) =>
  stack.getLogicalId(stack.queues.get(name)!.deadLetterQueue.node.defaultChild as CfnResource);

describe('functions', () => {
  it('has exactly one function per route, per worker, per schedule and per stream consumer (besides CDK\'s own handlers)', () => {
    const [cdk, platformFunctions] = partition(ofType('AWS::Lambda::Function'), ([id]) => CDK_HANDLER.test(id));
    expect(platformFunctions).toHaveLength(routeList.length + workers.length + schedules.length + streamConsumers.length);
    // The web distribution's BucketDeployment and (dev) the buckets' auto-delete.
    expect(cdk.map(([id]) => id.replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'CustomCDKBucketDeployment8693BB64968944B69AAFB0CC9EB8756C',
      'CustomS3AutoDeleteObjectsCustomResourceProviderHandler',
    ]);
    expect([...stack.functions.keys()].sort()).toEqual([...routeList, ...workers, ...schedules, ...streamConsumers].map((d) => d.id).sort());
  });

  it.each(streamConsumers.map((c) => [c.id, c]))('feeds %s the main table\'s stream, filtered, bisecting and retrying failures into an alarmed dead-letter queue', (id, consumer) => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: functionLogicalId(id) }));
    expect(mappings).toHaveLength(1);
    const props = mappings[0]![1].Properties;
    expect(JSON.stringify(props.EventSourceArn)).toContain('MainTable');
    expect(JSON.stringify(props.EventSourceArn)).toContain('StreamArn');
    expect(props).toMatchObject({
      StartingPosition: 'TRIM_HORIZON', BatchSize: consumer.batchSize, BisectBatchOnFunctionError: true, MaximumRetryAttempts: consumer.retryAttempts,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      FilterCriteria: { Filters: consumer.filters.map((f) => ({ Pattern: JSON.stringify(f) })) },
    });
    const dlq = props.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0] as string;
    expect(resources[dlq]!.Type).toBe('AWS::SQS::Queue');
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible', Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlq, 'QueueName'] } }], Threshold: 1,
    });
  });

  it('lets only functions that send email send, as the stage\'s domain identity only', () => {
    for (const { id, access } of [...routeList, ...workers, ...schedules, ...streamConsumers]) {
      const ses = statementsOf(id).filter((s) => [s.Action].flat().some((a) => a.startsWith('ses:')));
      if (!access.sendsEmail) {
        expect(ses).toEqual([]);
        continue;
      }
      expect(ses).toHaveLength(1);
      expect(ses[0]!.Action).toBe('ses:SendEmail');
      expect(JSON.stringify(ses[0]!.Resource)).toContain(':identity/dev.gifting.example');
    }
  });

  it.each(schedules.map((s) => [s.id, s]))('invokes %s on its schedule through a role that may invoke only that function', (id, schedule) => {
    const found = Object.values(resources).filter((r) => r.Type === 'AWS::Scheduler::Schedule');
    const mine = found.find((r) => JSON.stringify(r.Properties.Target.Arn).includes(stack.getLogicalId(stack.functions.get(id)!.function.node.defaultChild as CfnResource)));
    expect(mine?.Properties.ScheduleExpression).toBe(schedule.expression);
    expect(mine?.Properties.Target.RetryPolicy.MaximumRetryAttempts).toBe(2);
    expect(functionProps(id).Timeout).toBe(schedule.timeoutSeconds);
  });

  it.each([...routeList, ...workers].map((d) => [d.id]))('%s runs ESM on nodejs22.x, arm64, with its own log group', (id) => {
    const props = functionProps(id);
    expect(props.Runtime).toBe('nodejs22.x');
    expect(props.Architectures).toEqual(['arm64']);
    expect(props.Handler).toBe('index.handler');
    const logGroupId = props.LoggingConfig.LogGroup.Ref;
    expect(resources[logGroupId]!.Type).toBe('AWS::Logs::LogGroup');
    expect(resources[logGroupId]!.Properties.RetentionInDays).toBe(7);
  });

  it.each([...routeList, ...workers, ...schedules].map((d) => [d.id]))('%s gets exactly the variables of shared/config.ts', (id) => {
    const variables = functionProps(id).Environment.Variables;
    expect(Object.keys(variables).sort()).toEqual(EXPECTED_ENVIRONMENT);
    expect(variables.STAGE).toBe('dev');
    expect(variables.DYNAMODB_ENDPOINT).toBeUndefined();
    expect(variables.STRIPE_SECRET_KEY).toBeUndefined();
    expect(variables.STRIPE_WEBHOOK_SECRET).toBeUndefined();
    expect(statefulValue(variables.STRIPE_SECRET_ARN)).toEqual(STRIPE_SECRET_REF);
    expect(JSON.stringify(variables.TABLE_NAME)).toContain('MainTable');
    expect(JSON.stringify(variables.IDEMPOTENCY_TABLE_NAME)).toContain('IdempotencyTable');
    expect(variables.QUEUE_URL_EMPLOYEE_IMPORTS).toEqual({ Ref: queueLogicalId('employee-imports') });
    expect(variables.QUEUE_URL_ALLOCATIONS).toEqual({ Ref: queueLogicalId('allocations') });
    expect(variables.AUTH_ISSUER).toEqual({ 'Fn::GetAtt': ['UserPool', 'ProviderURL'] });
    expect(variables.AUTH_AUDIENCE).toEqual({ Ref: stack.getLogicalId(stack.identity.client.node.defaultChild as CfnResource) });
  });

  it('gives HTTP functions less time than the API gateway waits, and workers their declared timeout', () => {
    for (const route of routeList) expect(functionProps(route.id).Timeout).toBeLessThan(30);
    for (const worker of workers) expect(functionProps(worker.id).Timeout).toBe(worker.timeoutSeconds);
  });
});

describe('HTTP API', () => {
  const routeResources = ofType('AWS::ApiGatewayV2::Route');
  const authorizers = ofType('AWS::ApiGatewayV2::Authorizer');
  const routeFor = (method: string, path: string) => {
    const found = routeResources.filter(([, r]) => r.Properties.RouteKey === `${method} ${path}`);
    expect(found).toHaveLength(1);
    return found[0]![1].Properties;
  };

  it('has one route per entry of the route table, and no other', () => {
    expect(routeResources.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(
      routeList.map((r) => `${r.method} ${r.path}`).sort(),
    );
  });

  it('validates tokens with a JWT authorizer for the Cognito pool and its app client', () => {
    expect(authorizers).toHaveLength(1);
    const props = authorizers[0]![1].Properties;
    const clientId = stack.getLogicalId(stack.identity.client.node.defaultChild as CfnResource);
    expect(props.AuthorizerType).toBe('JWT');
    expect(props.IdentitySource).toEqual(['$request.header.Authorization']);
    expect(props.JwtConfiguration.Audience).toEqual([{ Ref: clientId }]);
    expect(props.JwtConfiguration.Issuer).toEqual({ 'Fn::GetAtt': ['UserPool', 'ProviderURL'] });
  });

  it.each(routeList.map((r) => [`${r.method} ${r.path}`, r]))('%s: authorizer and integration', (_key, route) => {
    const props = routeFor(route.method, route.path);
    if (route.auth === 'public') {
      expect(props.AuthorizationType).toBe('NONE');
      expect(props.AuthorizerId).toBeUndefined();
    } else {
      expect(props.AuthorizationType).toBe('JWT');
      expect(props.AuthorizerId).toEqual({ Ref: authorizers[0]![0] });
    }
    const integrationId = (props.Target['Fn::Join'][1] as unknown[])[1] as { Ref: string };
    const integration = resources[integrationId.Ref]!.Properties;
    expect(integration.IntegrationType).toBe('AWS_PROXY');
    expect(integration.IntegrationUri).toEqual({ 'Fn::GetAtt': [functionLogicalId(route.id), 'Arn'] });
  });

  it('logs every request to a log group and throttles the stage', () => {
    const stage = single('AWS::ApiGatewayV2::Stage');
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.AutoDeploy).toBe(true);
    const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0];
    expect(resources[logGroupId]!.Type).toBe('AWS::Logs::LogGroup');
    expect(JSON.parse(stage.Properties.AccessLogSettings.Format)).toMatchObject({ requestId: '$context.requestId' });
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
  });
});

describe('least-privilege grants', () => {
  // Stream consumers also read the stream (their own test below checks exactly how).
  const definitions: [string, Access][] = [...routeList, ...workers, ...schedules].map((d) => [d.id, d.access]);

  it.each(streamConsumers.map((c) => [c.id, c.access] as const))('%s reads only the table\'s stream (ListStreams and the X-Ray writes alone on "*") and sends to its queues', (id, access) => {
    const statements = statementsOf(id);
    const dynamodb = allActions(statements).filter((a) => a.startsWith('dynamodb:'));
    expect(new Set(dynamodb)).toEqual(new Set(['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator', 'dynamodb:ListStreams']));
    // IAM merges statements on "*" into one: ListStreams and active tracing's two X-Ray writes.
    const onlyOnStar = ['dynamodb:ListStreams', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
    for (const statement of statements) {
      const wildcard = JSON.stringify(statement.Resource).match(/[*?]/);
      if (wildcard) expect(onlyOnStar).toEqual(expect.arrayContaining([statement.Action].flat()));
    }
    expect(statements.filter((st) => st.Resource === '*').flatMap((st) => [st.Action].flat()).sort()).toEqual(onlyOnStar);
    for (const queue of QUEUES) {
      expect(actionsOn(statements, queueLogicalId(queue)).includes('sqs:SendMessage')).toBe(access.sendsTo?.includes(queue) ?? false);
    }
  });

  it.each(definitions)('%s holds exactly what its access declares', (id, access) => {
    const statements = statementsOf(id);
    const main = actionsOn(statements, 'MainTable');
    const idempotency = actionsOn(statements, 'IdempotencyTable');
    const dynamodb = allActions(statements).filter((a) => a.startsWith('dynamodb:'));

    if (access.main === 'none') expect(main).toEqual([]);
    if (access.main === 'read') expect(main.sort()).toEqual([...READ].sort());
    if (access.main === 'readwrite') expect(main).toEqual(expect.arrayContaining([...READ, ...WRITE]));
    if (access.main !== 'readwrite') for (const write of WRITE) expect(main).not.toContain(write);

    if (access.idempotency) expect(idempotency).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:PutItem']));
    else expect(idempotency).toEqual([]);
    // Every DynamoDB grant is on one of the two tables (one statement may name both).
    for (const statement of statements.filter((st) => [st.Action].flat().some((a: string) => a.startsWith('dynamodb:')))) {
      for (const resource of [statement.Resource].flat()) expect(JSON.stringify(resource)).toMatch(/MainTable|IdempotencyTable/);
    }
    expect(dynamodb.every((a) => main.includes(a) || idempotency.includes(a))).toBe(true);

    const sends = allActions(statements).filter((a) => a === 'sqs:SendMessage');
    expect(sends).toHaveLength(access.sendsTo?.length ?? 0);
    for (const queue of access.sendsTo ?? []) {
      expect(actionsOn(statements, queueLogicalId(queue))).toContain('sqs:SendMessage');
    }
  });

  it.each(definitions)(
    '%s has no wildcard (but the X-Ray writes), no Scan and no service outside logs, DynamoDB, SQS and (if it declares secrets) Secrets Manager',
    (id, access) => {
      const services = new RegExp(`^(logs|dynamodb|sqs${access.secrets?.length ? '|secretsmanager' : ''}${access.sendsEmail ? '|ses' : ''}):`);
      const [tracing, statements] = partition(statementsOf(id), isXRayWrite);
      expect(tracing).toHaveLength(1);
      for (const statement of statements) {
        expect(statement.Effect).toBe('Allow');
        // `?` too: a partial secret ARN (`<arn>-??????`) is a wildcard as well.
        expect(JSON.stringify(statement.Resource)).not.toMatch(/[*?]/);
        for (const action of [statement.Action].flat()) {
          expect(action).not.toContain('*');
          expect(action).toMatch(services);
        }
      }
      expect(allActions(statements)).not.toContain('dynamodb:Scan');
    },
  );

  it.each(definitions)('%s reads each secret if and only if its access declares it', (id, access) => {
    const statements = statementsOf(id).filter((s) => [s.Action].flat().some((a) => a.startsWith('secretsmanager:')));
    const declared = access.secrets ?? [];
    expect(statements).toHaveLength(declared.length);
    const refs = { stripe: STRIPE_SECRET_REF, shipengine: { Ref: 'ShipEngineSecret' } };
    for (const name of declared) {
      const statement = statements.find((s) => JSON.stringify(statefulValue(s.Resource)) === JSON.stringify(refs[name]));
      expect(statement, name).toBeDefined();
      expect([statement!.Action].flat().sort()).toEqual(SECRETS_MANAGER_READ);
    }
  });

  it('lets exactly the functions that declare a secret read it, and no other role touch Secrets Manager', () => {
    const declaring = definitions.filter(([, access]) => access.secrets?.length).map(([id]) => id);
    expect(declaring).toEqual(expect.arrayContaining(['createTopUp', 'stripeWebhook', 'startTracking', 'reconcileTracking']));
    const roleIds = declaring.map((id) => stack.getLogicalId(stack.functions.get(id)!.role.node.defaultChild as CfnRole));
    const secretPolicies = ofType('AWS::IAM::Policy').filter(([, policy]) =>
      (policy.Properties.PolicyDocument.Statement as Statement[]).some((s) =>
        [s.Action].flat().some((a) => a.startsWith('secretsmanager:')),
      ),
    );
    expect(secretPolicies.flatMap(([, policy]) => policy.Properties.Roles).sort(byRef)).toEqual(
      roleIds.map((roleId) => ({ Ref: roleId })).sort(byRef),
    );
  });

  it('lets a worker consume only its own queue', () => {
    for (const worker of workers) {
      const statements = statementsOf(worker.id);
      expect(actionsOn(statements, queueLogicalId(worker.queue))).toEqual(
        expect.arrayContaining(['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility']),
      );
      for (const other of QUEUES.filter((q) => q !== worker.queue)) expect(actionsOn(statements, queueLogicalId(other))).toEqual([]);
    }
  });
});

describe('work queues', () => {
  it.each(QUEUES.map((q) => [q]))('%s moves a message failed 5 times to its dead-letter queue', (name) => {
    const queue = resources[queueLogicalId(name)]!.Properties;
    expect(queue.RedrivePolicy).toEqual({
      deadLetterTargetArn: { 'Fn::GetAtt': [dlqLogicalId(name), 'Arn'] },
      maxReceiveCount: 5,
    });
    const consumers = workers.filter((w) => w.queue === name);
    for (const worker of consumers) expect(queue.VisibilityTimeout).toBeGreaterThanOrEqual(6 * worker.timeoutSeconds);
  });

  it.each(QUEUES.map((q) => [q]))('%s and its dead-letter queue refuse requests without TLS and are encrypted', (name) => {
    for (const logicalId of [queueLogicalId(name), dlqLogicalId(name)]) {
      expect(resources[logicalId]!.Properties.SqsManagedSseEnabled).toBe(true);
      const policy = ofType('AWS::SQS::QueuePolicy').find(([, p]) =>
        JSON.stringify(p.Properties.Queues).includes(logicalId),
      );
      expect(policy).toBeDefined();
      expect(policy![1].Properties.PolicyDocument.Statement).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      );
    }
  });

  it.each(QUEUES.map((q) => [q]))('%s raises an alarm as soon as its dead-letter queue holds a message', (name) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqLogicalId(name), 'QueueName'] } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it.each(workers.map((w) => [w.id, w]))('%s is triggered by its queue and reports partial batch failures', (_id, worker) => {
    const mappings = ofType('AWS::Lambda::EventSourceMapping').filter(
      ([, m]) => JSON.stringify(m.Properties.FunctionName) === JSON.stringify({ Ref: functionLogicalId(worker.id) }),
    );
    expect(mappings).toHaveLength(1);
    expect(mappings[0]![1].Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [queueLogicalId(worker.queue), 'Arn'] },
      BatchSize: worker.batchSize,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('notifies nobody without an alarm email, and the address given with one', () => {
    expect(ofType('AWS::SNS::Topic')).toHaveLength(0);
    const withEmail = Template.fromStack(buildPlatform('dev', { alarmEmail: 'ops@example.com' }).stateless);
    withEmail.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com' });
    const topicId = Object.keys(withEmail.findResources('AWS::SNS::Topic'))[0];
    withEmail.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }] });
  });
});

describe('user pool', () => {
  it('keeps the pool under a static logical id, so a refactor never replaces it (and its users)', () => {
    expect(resources.UserPool?.Type).toBe('AWS::Cognito::UserPool');
  });

  it('has one group per platform role', () => {
    expect(ofType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName).sort()).toEqual([...ROLES].sort());
  });

  it('carries the tenant ids as mutable custom attributes, without self sign-up', () => {
    const pool = single('AWS::Cognito::UserPool');
    const custom = (pool.Properties.Schema as { Name: string; Mutable: boolean }[]).filter((a) =>
      ['company_id', 'employee_id', 'partner_id'].includes(a.Name),
    );
    expect(custom.map((a) => [a.Name, a.Mutable]).sort()).toEqual([
      ['company_id', true],
      ['employee_id', true],
      ['partner_id', true],
    ]);
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
  });

  it('lets the app client read the tenant attributes but never write them', () => {
    const client = single('AWS::Cognito::UserPoolClient');
    const tenant = ['custom:company_id', 'custom:employee_id', 'custom:partner_id'];
    expect(client.Properties.ReadAttributes).toEqual(expect.arrayContaining(tenant));
    expect(client.Properties.WriteAttributes.length).toBeGreaterThan(0);
    for (const attribute of tenant) expect(client.Properties.WriteAttributes).not.toContain(attribute);
    expect(client.Properties.GenerateSecret).toBe(false);
  });
});

describe('stages', () => {
  const prod = buildPlatform('prod');
  const prodTemplate = Template.fromStack(prod.stateless);

  it('keeps prod logs longer, and protects its user pool and stacks from deletion', () => {
    prodTemplate.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    prodTemplate.hasResource('AWS::Cognito::UserPool', {
      DeletionPolicy: 'Retain',
      Properties: { DeletionProtection: 'ACTIVE', UserPoolTier: 'PLUS' },
    });
    expect(prod.stateless.terminationProtection).toBe(true);
    expect(prod.stateful.terminationProtection).toBe(true);
    expect(stack.terminationProtection).toBe(false);
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Delete' });
  });

  it('names the stage in every function', () => {
    for (const [id, fn] of Object.entries(prodTemplate.findResources('AWS::Lambda::Function'))) {
      if (CDK_HANDLER.test(id)) continue;
      expect(fn.Properties.Environment.Variables.STAGE).toBe('prod');
    }
  });

  it('deploys the stateless stack after the stateful one', () => {
    expect(stack.dependencies.map((s: Stack) => s.stackName)).toEqual([platform.stateful.stackName]);
  });
});
