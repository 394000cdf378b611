/**
 * One Lambda function of the platform (an HTTP route or a queue worker): bundled locally with
 * esbuild as ESM for nodejs22.x on arm64, with its own log group and its own role that holds
 * exactly what the function's `access` declares, and nothing else.
 *
 * Table grants are written out rather than taken from `grantReadData`: those add
 * `<table>/index/*`, and cdk-nag 3 can only acknowledge that finding by an id that embeds the
 * cross-stack reference (stack name, region, output hash), which changes per stage and region.
 */
import path from 'node:path';
import { Validations, type Duration, type RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { Grant, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  idempotencyTable,
  mainTable,
  type TableDefinition,
} from '../../shared/adapters/dynamodb/table-definition.js';
import type { Access, QueueName, SecretName } from '../../shared/http/routes.js';

/**
 * Item reads, including TransactGetItems. Scan is left out on purpose: no request path scans
 * (shared/STYLE.md), and the role makes that a fact rather than a convention.
 */
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query'];
/** Item writes, including every action of TransactWriteItems (conditions, puts, updates, deletes). */
const WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

/** ESM output still meets CommonJS dependencies that call `require`: give them one. */
export const ESM_REQUIRE_BANNER = "import { createRequire } from 'node:module';const require = createRequire(import.meta.url);";

/** Everything a function may be granted access to. */
export interface PlatformResources {
  readonly mainTable: ITable;
  readonly idempotencyTable: ITable;
  readonly queues: ReadonlyMap<QueueName, IQueue>;
  /** One secret per name of shared/http/routes.ts: a new name fails the type check until infra provides it. */
  readonly secrets: Readonly<Record<SecretName, ISecret>>;
  /** The SES identity (domain) functions that send email may send as. */
  readonly mailIdentityArn: string;
}

export interface PlatformFunctionProps {
  /** Entry file relative to `sourceRoot`; it exports `handler`. */
  readonly entry: string;
  /** Directory holding the entries and package-lock.json (the repository root). */
  readonly sourceRoot: string;
  readonly description: string;
  readonly access: Access;
  readonly resources: PlatformResources;
  readonly environment: Readonly<Record<string, string>>;
  readonly timeout: Duration;
  readonly memorySize: number;
  readonly logRetention: RetentionDays;
  readonly removalPolicy: RemovalPolicy;
}

export class PlatformFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: PlatformFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention, removalPolicy: props.removalPolicy });
    // An own role instead of the managed AWSLambdaBasicExecutionRole: logs go to this
    // function's log group only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Execution role of ${props.entry}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Function', {
      entry: path.join(props.sourceRoot, props.entry),
      projectRoot: props.sourceRoot,
      depsLockFilePath: path.join(props.sourceRoot, 'package-lock.json'),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      // X-Ray active tracing: Lambda samples invocations and records their segments (the
      // grant to write them is added to this role by the construct).
      tracing: Tracing.ACTIVE,
      environment: {
        ...props.environment,
        // Stack traces in the logs point at the TypeScript sources (the bundle ships its .map).
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node22',
        mainFields: ['module', 'main'],
        banner: ESM_REQUIRE_BANNER,
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        sourcesContent: false,
        // The SDK is bundled, so the deployed code runs the versions the lock file and the
        // tests pinned, not whatever the runtime ships that month.
        bundleAwsSDK: true,
        forceDockerBundling: false,
        logLevel: LogLevel.WARNING,
      },
    });
    Validations.of(this.function).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'nodejs22.x is the chosen runtime (Node 22 LTS, supported by Lambda into 2027); moving to nodejs24.x is a deliberate upgrade once middy, Powertools and the bundle are verified on it, not an implicit one.',
    });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Active tracing grants xray:PutTraceSegments and xray:PutTelemetryRecords, which support no resource-level permission (resource "*" is the only form IAM accepts); they only write trace data. The stream consumers also need dynamodb:ListStreams on "*" (stateless-stack.ts).',
    });
    grantAccess(this.function, props.access, props.resources);
  }
}

/** Least privilege: exactly the grants `access` names. */
function grantAccess(fn: NodejsFunction, access: Access, resources: PlatformResources): void {
  if (access.main !== 'none') grantTableData(fn, resources.mainTable, mainTable, access.main);
  if (access.idempotency) grantTableData(fn, resources.idempotencyTable, idempotencyTable, 'readwrite');
  for (const name of access.sendsTo ?? []) {
    const queue = resources.queues.get(name);
    if (!queue) throw new Error(`${fn.node.path} sends to the unknown queue "${name}"`);
    queue.grantSendMessages(fn);
  }
  // GetSecretValue and DescribeSecret on the secret's full ARN; no KMS grant, as the secret
  // is encrypted with the AWS-managed key.
  for (const name of new Set(access.secrets ?? [])) resources.secrets[name].grantRead(fn);
  // Sending as the stage's verified domain only (SES authorizes SendEmail on the identity).
  if (access.sendsEmail) fn.addToRolePolicy(new PolicyStatement({ actions: ['ses:SendEmail'], resources: [resources.mailIdentityArn] }));
}

/**
 * Like `grantReadData`/`grantReadWriteData`, but on the table and each of its named indexes
 * instead of `<table>/index/*`: no wildcard resource, so nothing for cdk-nag (IAM5) to
 * acknowledge, and the index names come from the same table definition as the table.
 */
function grantTableData(fn: NodejsFunction, table: ITable, def: TableDefinition, level: 'read' | 'readwrite'): void {
  Grant.addToPrincipal({
    grantee: fn,
    actions: level === 'read' ? READ_ACTIONS : [...READ_ACTIONS, ...WRITE_ACTIONS],
    resourceArns: [table.tableArn, ...def.globalIndexes.map((index) => `${table.tableArn}/index/${index.name}`)],
  });
}
