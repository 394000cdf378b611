import { describe, expect, it } from 'vitest';
import { RemovalPolicy } from 'aws-cdk-lib';
import { resolveStageConfig, stageConfigs } from '../../infra/stage-config.js';

describe('stage config', () => {
  it('defaults to dev', () => {
    expect(resolveStageConfig(undefined)).toBe(stageConfigs.dev);
  });

  it('rejects an unknown stage instead of deploying a half-configured one', () => {
    expect(() => resolveStageConfig('staging')).toThrow(/Unknown stage "staging"/);
  });

  it('takes an alarm email from the command line, and rejects one that is not an address', () => {
    expect(resolveStageConfig('prod', { alarmEmail: 'ops@example.com' }).alarmEmail).toBe('ops@example.com');
    expect(() => resolveStageConfig('prod', { alarmEmail: 'ops' })).toThrow(/alarmEmail/);
  });

  it('retains and protects what prod cannot lose, and lets dev be torn down', () => {
    expect(stageConfigs.prod).toMatchObject({
      removalPolicy: RemovalPolicy.RETAIN,
      userPoolDeletionProtection: true,
      terminationProtection: true,
    });
    expect(stageConfigs.dev).toMatchObject({ removalPolicy: RemovalPolicy.DESTROY, terminationProtection: false });
    expect(stageConfigs.prod.logRetention).toBeGreaterThan(stageConfigs.dev.logRetention);
  });
});
