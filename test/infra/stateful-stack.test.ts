import { afterAll, describe, expect, it } from 'vitest';
import { Template } from 'aws-cdk-lib/assertions';
import { createTableInput, tables } from '../../shared/adapters/dynamodb/table-definition.js';
import { buildPlatform, removeStubSources } from './platform-fixture.js';

afterAll(removeStubSources);

const dev = Template.fromStack(buildPlatform('dev').stateful);
const prod = Template.fromStack(buildPlatform('prod').stateful);

describe('stateful stack', () => {
  it('keeps every resource under a static logical id, the same in every stage', () => {
    // A rename here means CloudFormation would replace (empty) a table: change it only with a migration plan.
    const expected = ['IdempotencyTable', 'MainTable'];
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
});
