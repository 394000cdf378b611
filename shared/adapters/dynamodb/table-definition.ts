/**
 * The ONE definition of the platform's DynamoDB tables. CDK (infra/), the local runtime and
 * the tests all derive their tables from it, so they cannot drift. Access patterns and key
 * formats: docs/data-model.md and keys.ts.
 */
export type KeyType = 'S' | 'N';

export interface IndexDefinition {
  name: string;
  partitionKey: string;
  sortKey: string;
}

export interface TableDefinition {
  /** Stable id: the CDK logical id and the suffix of the local table name. */
  id: string;
  partitionKey: { name: string; type: KeyType };
  sortKey?: { name: string; type: KeyType };
  globalIndexes: IndexDefinition[];
  /** Attribute holding the expiry epoch seconds, when the table has TTL. */
  timeToLiveAttribute?: string;
  /** Whether item changes feed a stream (NEW_AND_OLD_IMAGES). */
  stream: boolean;
}

/** Tenant-partitioned single table: companies, employees, wallets, ledger, catalog, orders, ... */
export const mainTable: TableDefinition = {
  id: 'Main',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalIndexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
    { name: 'gsi3', partitionKey: 'gsi3pk', sortKey: 'gsi3sk' },
  ],
  timeToLiveAttribute: 'expiresAtEpoch',
  stream: true,
};

/** Idempotency records of value-moving requests (Powertools idempotency), with their own TTL. */
export const idempotencyTable: TableDefinition = {
  id: 'Idempotency',
  partitionKey: { name: 'id', type: 'S' },
  globalIndexes: [],
  timeToLiveAttribute: 'expiration',
  stream: false,
};

export const tables = [mainTable, idempotencyTable] as const;

/** CreateTable input for a definition: what the local runtime and tests create. */
export function createTableInput(def: TableDefinition, tableName: string) {
  const attributes = new Map<string, KeyType>([[def.partitionKey.name, def.partitionKey.type]]);
  if (def.sortKey) attributes.set(def.sortKey.name, def.sortKey.type);
  for (const index of def.globalIndexes) {
    attributes.set(index.partitionKey, 'S');
    attributes.set(index.sortKey, 'S');
  }
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: def.partitionKey.name, KeyType: 'HASH' as const },
      ...(def.sortKey ? [{ AttributeName: def.sortKey.name, KeyType: 'RANGE' as const }] : []),
    ],
    ...(def.globalIndexes.length
      ? {
          GlobalSecondaryIndexes: def.globalIndexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
              { AttributeName: index.sortKey, KeyType: 'RANGE' as const },
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
}
