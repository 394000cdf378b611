import { CreateTableCommand, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { startDynamoEngine, type DynamoEngine, type DynamoEngineOptions } from '../../local/dynamodb/index.js';

/** A table shaped like the platform's: generic pk/sk keys and one generic GSI. */
export function genericTable(TableName: string): CreateTableCommandInput {
  return {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'pk', AttributeType: 'S' },
      { AttributeName: 'sk', AttributeType: 'S' },
      { AttributeName: 'gsi1pk', AttributeType: 'S' },
      { AttributeName: 'gsi1sk', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'pk', KeyType: 'HASH' },
      { AttributeName: 'sk', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'gsi1',
        KeySchema: [
          { AttributeName: 'gsi1pk', KeyType: 'HASH' },
          { AttributeName: 'gsi1sk', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
  };
}

/** Starts an in-memory engine (or one on `dataDir`) with the given tables created. */
export async function startEngineWithTables(
  tables: string[],
  options: DynamoEngineOptions = {},
): Promise<DynamoEngine> {
  const engine = await startDynamoEngine(options);
  const client = engine.client();
  for (const name of tables) await client.send(new CreateTableCommand(genericTable(name)));
  return engine;
}
