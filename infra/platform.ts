/**
 * The platform of one stage: the stateful stack (tables, Stripe secret) and the stateless
 * stack (API, functions, queues, user pool), checked by cdk-nag. Shared by infra/app.ts and the infra
 * tests, so the tests assert on exactly what `cdk synth` produces.
 */
import { fileURLToPath } from 'node:url';
import { Validations, type App, type Environment } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { StageConfig } from './stage-config.js';
import { StatefulStack } from './stacks/stateful-stack.js';
import { StatelessStack } from './stacks/stateless-stack.js';

export const REPOSITORY_ROOT = fileURLToPath(new URL('..', import.meta.url));

export interface PlatformOptions {
  /** Where the function entries and package-lock.json live; default the repository root. */
  sourceRoot?: string;
  env?: Environment;
}

export interface Platform {
  stateful: StatefulStack;
  stateless: StatelessStack;
}

export function createPlatform(app: App, stageConfig: StageConfig, options: PlatformOptions = {}): Platform {
  const { stage } = stageConfig;
  const common = {
    ...(options.env ? { env: options.env } : {}),
    terminationProtection: stageConfig.terminationProtection,
    tags: { project: 'gifting-platform', stage },
  };
  const stateful = new StatefulStack(app, `Gifting-${stage}-Stateful`, {
    ...common,
    description: `Gifting platform (${stage}): DynamoDB tables and the Stripe secret`,
    stageConfig,
  });
  const stateless = new StatelessStack(app, `Gifting-${stage}-Stateless`, {
    ...common,
    description: `Gifting platform (${stage}): HTTP API, functions, queues, user pool, portals`,
    stageConfig,
    mainTable: stateful.mainTable,
    idempotencyTable: stateful.idempotencyTable,
    stripeSecret: stateful.stripeSecret,
    shipEngineSecret: stateful.shipEngineSecret,
    sourceRoot: options.sourceRoot ?? REPOSITORY_ROOT,
  });
  stateless.addStackDependency(stateful, 'The functions read and write the tables and read the Stripe secret');
  // cdk-nag 3 is a policy-validation plugin: any unacknowledged finding fails the synth.
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
  return { stateful, stateless };
}
