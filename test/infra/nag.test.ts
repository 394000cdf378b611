import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { VALIDATION_REPORT_FILE } from 'aws-cdk-lib/cx-api';
import { Validations } from 'aws-cdk-lib';
import { Table, AttributeType } from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { buildPlatform, removeStubSources } from './platform-fixture.js';

afterAll(removeStubSources);

/**
 * cdk-nag 3 is a policy-validation plugin, not an Aspect: it emits no annotations, so
 * `Annotations.fromStack(...).findError(...)` would always be empty. Its findings come from
 * `validateScope` (the plugin's own test entry point) and from the synth, which fails on any
 * unacknowledged finding, warning or error.
 */
function nagViolations(scope: IConstruct) {
  return new AwsSolutionsChecks(undefined, { verbose: true })
    .validateScope(scope)
    .violations.map((v) => `${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);
}

function acknowledgments(scope: IConstruct): { at: string; id: string; reason: string }[] {
  return scope.node
    .findAll()
    .flatMap((c) =>
      c.node.metadata
        .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
        .flatMap((m) => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ at: c.node.path, id, reason }))),
    );
}

describe('cdk-nag AwsSolutions', () => {
  it('fails the synth on an unacknowledged finding (the plugin is registered and live)', () => {
    const platform = buildPlatform('dev');
    new Table(platform.stateless, 'Unprotected', { partitionKey: { name: 'pk', type: AttributeType.STRING } });
    expect(nagViolations(platform.stateless)).toEqual([expect.stringMatching(/^AwsSolutions-DDB3 at .*Unprotected/)]);
    expect(() => platform.app.synth()).toThrow(/AwsSolutions-DDB3/);
  });

  describe.each([
    ['dev', {}, {}],
    ['prod', {}, {}],
    ['dev with an alarm email', { alarmEmail: 'ops@example.com' }, {}],
    // `cdk synth` with a region (no credentials): ARNs name the partition and region literally.
    ['dev in a region', {}, { env: { region: 'us-east-1' } }],
    ['prod in an account and region', {}, { env: { account: '123456789012', region: 'eu-central-1' } }],
  ] as const)('%s', (name, overrides, options) => {
    const platform = buildPlatform(name.startsWith('prod') ? 'prod' : 'dev', overrides, options);
    // Synthesis fails on any finding; it also resolves the cross-stack references the rules inspect.
    const assembly = platform.app.synth();

    it('reports no unacknowledged finding', () => {
      expect(nagViolations(platform.app)).toEqual([]);
    });

    it('synthesizes with an empty validation report', () => {
      const report = JSON.parse(readFileSync(path.join(assembly.directory, VALIDATION_REPORT_FILE), 'utf8')) as {
        pluginReports: unknown[];
      };
      expect(report.pluginReports).toEqual([]);
      expect(assembly.stacks.map((s) => s.stackName).sort()).toEqual(
        [platform.stateful.stackName, platform.stateless.stackName].sort(),
      );
    });

    it('justifies every acknowledgment and never acknowledges a whole stack', () => {
      const acks = acknowledgments(platform.app);
      expect(acks.length).toBeGreaterThan(0);
      for (const ack of acks) {
        expect(ack.id).toMatch(/AwsSolutions-[A-Z]+\d+/);
        expect(ack.reason.length).toBeGreaterThan(60);
        expect([platform.stateful.node.path, platform.stateless.node.path]).not.toContain(ack.at);
      }
    });
  });

  it('acknowledges no finding on the tables', () => {
    const { stateful } = buildPlatform('dev');
    expect(acknowledgments(stateful.mainTable)).toEqual([]);
    expect(acknowledgments(stateful.idempotencyTable)).toEqual([]);
  });

  it('acknowledges on the stateful stack only that the Stripe and ShipEngine secrets have no rotation Lambda, and why', () => {
    const { stateful } = buildPlatform('prod');
    expect(acknowledgments(stateful)).toEqual([
      {
        at: stateful.stripeSecret.node.path,
        // aws-cdk-lib records the acknowledged id with its own prefix (`Annotation::`).
        id: expect.stringMatching(/\bAwsSolutions-SMG4$/),
        reason: expect.stringMatching(/Stripe dashboard.*runbook.*every 5 minutes/),
      },
      {
        at: stateful.shipEngineSecret.node.path,
        id: expect.stringMatching(/\bAwsSolutions-SMG4$/),
        reason: expect.stringMatching(/ShipEngine dashboard.*runbook/),
      },
    ]);
  });
});
