/**
 * The CDK app: `npx cdk synth -c stage=dev|prod` (default dev), optionally
 * `-c alarmEmail=ops@example.com`. Account and region come from the CLI's environment;
 * without credentials the stacks synthesize environment-agnostic.
 */
import { App } from 'aws-cdk-lib';
import { createPlatform } from './platform.js';
import { resolveStageConfig } from './stage-config.js';

const app = new App();
const stageConfig = resolveStageConfig(app.node.tryGetContext('stage') ?? 'dev', {
  alarmEmail: app.node.tryGetContext('alarmEmail'),
});
const account = process.env.CDK_DEFAULT_ACCOUNT;
const region = process.env.CDK_DEFAULT_REGION;
createPlatform(app, stageConfig, account || region ? { env: { account, region } } : {});
