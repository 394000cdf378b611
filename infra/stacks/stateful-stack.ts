/**
 * Stateful resources: the DynamoDB tables. Kept apart from the stateless stack so that code
 * and API changes never touch the data, and with static logical ids so that a refactor of
 * this file (renamed constructs, moved scopes) can never make CloudFormation replace a table.
 */
import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { AttributeType, BillingMode, CfnTable, StreamViewType, Table, type ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import {
  idempotencyTable,
  mainTable,
  type KeyType,
  type TableDefinition,
} from '../../shared/adapters/dynamodb/table-definition.js';

const attributeTypes: Record<KeyType, AttributeType> = { S: AttributeType.STRING, N: AttributeType.NUMBER };

/** Index key attributes are strings (createTableInput declares them the same way). */
const INDEX_KEY_TYPE = AttributeType.STRING;

/** The CloudFormation logical id of a table: its definition's stable id plus `Table`. */
export function tableLogicalId(def: TableDefinition): string {
  return `${def.id}Table`;
}

export class StatefulStack extends Stack {
  readonly mainTable: ITable;
  readonly idempotencyTable: ITable;

  constructor(scope: Construct, id: string, props: StackProps = {}) {
    super(scope, id, props);
    this.mainTable = this.createTable(mainTable);
    this.idempotencyTable = this.createTable(idempotencyTable);
  }

  private createTable(def: TableDefinition): Table {
    const table = new Table(this, tableLogicalId(def), {
      partitionKey: { name: def.partitionKey.name, type: attributeTypes[def.partitionKey.type] },
      ...(def.sortKey ? { sortKey: { name: def.sortKey.name, type: attributeTypes[def.sortKey.type] } } : {}),
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      // Retained in every stage: deleting a stack must never delete customer balances or orders.
      removalPolicy: RemovalPolicy.RETAIN,
      ...(def.timeToLiveAttribute ? { timeToLiveAttribute: def.timeToLiveAttribute } : {}),
      ...(def.stream ? { stream: StreamViewType.NEW_AND_OLD_IMAGES } : {}),
    });
    for (const index of def.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: INDEX_KEY_TYPE },
        sortKey: { name: index.sortKey, type: INDEX_KEY_TYPE },
      });
    }
    (table.node.defaultChild as CfnTable).overrideLogicalId(tableLogicalId(def));
    return table;
  }
}
