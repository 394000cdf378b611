/**
 * Local DynamoDB engine throughput, through the AWS SDK v3 over loopback HTTP, in memory:
 *   - single conditional UpdateItem calls per second (1 and 16 in flight),
 *   - 4-action TransactWriteItems per second (2 conditional balance updates + 2 ledger puts),
 *   - BatchWriteItem items per second (25 items per request).
 * Run: npm run bench -- engine     (figures vary with the machine; compare ratios)
 */
import { CreateTableCommand } from '@aws-sdk/client-dynamodb';
import { BatchWriteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoEngine } from '../local/dynamodb/index.js';
import { genericTable } from '../test/support/dynamo.js';
import { measure, printTable, type Figure } from './harness.js';

export async function benchEngine(): Promise<Figure[]> {
  const engine = await startDynamoEngine();
  const doc = engine.documentClient();
  const T = 'bench';
  await engine.client().send(new CreateTableCommand(genericTable(T)));
  const wallets = 64;
  for (let w = 0; w < wallets; w++) {
    await doc.send(new PutCommand({ TableName: T, Item: { pk: `w${w}`, sk: 'balance', points: 1_000_000_000 } }));
  }

  const update = (i: number) =>
    doc.send(new UpdateCommand({
      TableName: T, Key: { pk: `w${i % wallets}`, sk: 'balance' },
      UpdateExpression: 'SET points = points - :p', ConditionExpression: 'points >= :p', ExpressionAttributeValues: { ':p': 1 },
    }));
  const transfer = (i: number) => {
    const from = `w${i % wallets}`;
    const to = `w${(i + 1) % wallets}`;
    return doc.send(new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: T, Key: { pk: from, sk: 'balance' }, UpdateExpression: 'SET points = points - :p', ConditionExpression: 'points >= :p', ExpressionAttributeValues: { ':p': 1 } } },
        { Update: { TableName: T, Key: { pk: to, sk: 'balance' }, UpdateExpression: 'SET points = points + :p', ExpressionAttributeValues: { ':p': 1 } } },
        { Put: { TableName: T, Item: { pk: from, sk: `e#${i}#out`, delta: -1, gsi1pk: 'entries', gsi1sk: `${i}#out` }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: T, Item: { pk: to, sk: `e#${i}#in`, delta: 1, gsi1pk: 'entries', gsi1sk: `${i}#in` }, ConditionExpression: 'attribute_not_exists(pk)' } },
      ],
    }));
  };
  let batchNo = 0;
  const batch = () => {
    const b = batchNo++;
    return doc.send(new BatchWriteCommand({
      RequestItems: { [T]: Array.from({ length: 25 }, (_, k) => ({ PutRequest: { Item: { pk: `b${b}`, sk: `i${k}`, gsi1pk: `b${b}`, gsi1sk: `${k}`, payload: 'x'.repeat(200) } } })) },
    }));
  };

  const figures: Figure[] = [];
  await update(0); // warm-up: connections, code paths
  figures.push(await measure('conditional UpdateItem, 1 in flight', 'updates/s', 1_000, 1, update));
  figures.push(await measure('conditional UpdateItem, 16 in flight', 'updates/s', 3_000, 16, update));
  figures.push(await measure('TransactWriteItems (4 actions), 1 in flight', 'transactions/s', 500, 1, transfer));
  figures.push(await measure('TransactWriteItems (4 actions), 16 in flight', 'transactions/s', 2_000, 16, (i) => transfer(i + 10_000)));
  const batches = await measure('BatchWriteItem (25 puts/request), 8 in flight', 'requests/s', 400, 8, batch);
  figures.push(batches, { name: 'BatchWriteItem items', unit: 'items/s', value: batches.value * 25, detail: 'requests/s × 25' });

  await engine.stop();
  return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable('Local DynamoDB engine', await benchEngine());
}
