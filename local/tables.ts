import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput, tables, type TableDefinition } from '../shared/adapters/dynamodb/table-definition.js';

export type TableNames = Record<(typeof tables)[number]['id'], string>;

/** Creates the platform's tables (from the shared definition) where they do not exist yet. */
export async function ensureTables(client: DynamoDBClient, prefix: string): Promise<TableNames> {
  const names = {} as TableNames;
  for (const def of tables as readonly TableDefinition[]) {
    const name = `${prefix}-${def.id}`;
    names[def.id as keyof TableNames] = name;
    try {
      await client.send(new DescribeTableCommand({ TableName: name }));
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
      await client.send(new CreateTableCommand(createTableInput(def, name)));
    }
  }
  return names;
}
