import { afterAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { createTableInput, tables } from '../../shared/adapters/dynamodb/table-definition.js';
import { buildPlatform, removeStubSources } from './platform-fixture.js';

afterAll(removeStubSources);

const dev = Template.fromStack(buildPlatform('dev').stateful);
const prod = Template.fromStack(buildPlatform('prod').stateful);

describe('stateful stack', () => {
  it('keeps every resource under a static logical id, the same in every stage', () => {
    // A rename here means CloudFormation would replace (empty) a table or the secret (and the
    // keys operators pasted into it): change it only with a migration plan.
    const expected = ['IdempotencyTable', 'MainTable', 'ShipEngineSecret', 'StripeSecret'];
    expect(Object.keys(dev.toJSON().Resources).sort()).toEqual(expected);
    expect(Object.keys(prod.toJSON().Resources).sort()).toEqual(expected);
  });

  describe.each(tables.map((def) => [def.id, def] as const))('the %s table', (_id, def) => {
    const logicalId = `${def.id}Table`;
    const table = () => dev.toJSON().Resources[logicalId];
    const local = createTableInput(def, 'local');

    it('has the keys, attributes and indexes of the table definition (the same the local engine creates)', () => {
      const props = table().Properties;
      expect(props.KeySchema).toEqual(local.KeySchema);
      expect(props.AttributeDefinitions).toEqual(expect.arrayContaining(local.AttributeDefinitions));
      expect(props.AttributeDefinitions).toHaveLength(local.AttributeDefinitions.length);
      expect(props.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    });

    it('bills on demand, with point-in-time recovery and deletion protection', () => {
      dev.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: local.KeySchema,
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
      });
    });

    it('is retained when its stack is deleted or it would be replaced, in dev as in prod', () => {
      for (const template of [dev, prod]) {
        const resource = template.toJSON().Resources[logicalId];
        expect(resource.DeletionPolicy).toBe('Retain');
        expect(resource.UpdateReplacePolicy).toBe('Retain');
        expect(resource.Properties.DeletionProtectionEnabled).toBe(true);
      }
    });

    it('expires items by the TTL attribute of the definition', () => {
      expect(table().Properties.TimeToLiveSpecification).toEqual(
        def.timeToLiveAttribute ? { AttributeName: def.timeToLiveAttribute, Enabled: true } : undefined,
      );
    });

    it(`${def.stream ? 'streams new and old images' : 'has no stream'}`, () => {
      expect(table().Properties.StreamSpecification).toEqual(
        def.stream ? { StreamViewType: 'NEW_AND_OLD_IMAGES' } : undefined,
      );
    });

    it('has no physical table name (CloudFormation generates it)', () => {
      expect(table().Properties.TableName).toBeUndefined();
    });
  });

  describe('the Stripe secret', () => {
    const secret = (template: Template) => template.toJSON().Resources.StripeSecret;

    it('is a Secrets Manager secret under the logical id StripeSecret', () => {
      expect(secret(dev).Type).toBe('AWS::SecretsManager::Secret');
      expect(secret(prod).Type).toBe('AWS::SecretsManager::Secret');
    });

    it('is created with a placeholder, so a deploy needs no real Stripe key and the template holds none', () => {
      // Changing GenerateSecretString makes CloudFormation overwrite the keys operators put there.
      expect(secret(dev).Properties.GenerateSecretString).toEqual({
        SecretStringTemplate: JSON.stringify({ secretKey: 'set-me' }),
        GenerateStringKey: 'webhookSecret',
      });
      expect(secret(dev).Properties.SecretString).toBeUndefined();
    });

    it('tells operators which JSON keys to put in it', () => {
      expect(secret(dev).Properties.Description).toMatch(/"secretKey".*"webhookSecret"/);
    });

    it('is retained in prod, and deleted with the dev stack (the stage removal policy)', () => {
      expect(secret(prod).DeletionPolicy).toBe('Retain');
      expect(secret(prod).UpdateReplacePolicy).toBe('Retain');
      expect(secret(dev).DeletionPolicy).toBe('Delete');
    });

    it('has no physical name (CloudFormation generates it)', () => {
      expect(secret(dev).Properties.Name).toBeUndefined();
    });
  });
});
