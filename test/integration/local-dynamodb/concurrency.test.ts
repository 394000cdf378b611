/**
 * Concurrency: transactions and single-item writes on the same items serialize. These tests
 * fail with lost updates or torn reads if the engine evaluated conditions outside the item
 * locks or committed a transaction's writes one by one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactGetCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoEngine } from '../../../local/dynamodb/index.js';
import { startEngineWithTables } from '../../support/dynamo.js';

const T = 'concurrency';
let engine: DynamoEngine;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  engine = await startEngineWithTables([T]);
  // Enough sockets that the requests really overlap inside the engine.
  doc = engine.documentClient({ maxAttempts: 1 });
});
afterAll(() => engine.stop());

const balanceOf = async (pk: string) =>
  (await doc.send(new GetCommand({ TableName: T, Key: { pk, sk: 'balance' }, ConsistentRead: true }))).Item?.points as number;

/** A debit as the money path writes it: a conditional balance update and a ledger entry, atomically. */
const debit = (wallet: string, n: number, points: number) =>
  doc.send(new TransactWriteCommand({
    TransactItems: [
      { Update: { TableName: T, Key: { pk: wallet, sk: 'balance' }, UpdateExpression: 'SET points = points - :p', ConditionExpression: 'points >= :p', ExpressionAttributeValues: { ':p': points } } },
      { Put: { TableName: T, Item: { pk: wallet, sk: `entry#${String(n).padStart(3, '0')}`, delta: -points, gsi1pk: `${wallet}#entries`, gsi1sk: String(n).padStart(3, '0') }, ConditionExpression: 'attribute_not_exists(pk)' } },
    ],
  }));

describe('concurrent transactions on one item', () => {
  it('lets exactly as many of 50 parallel conditional debits succeed as the balance covers, and loses none', async () => {
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'w1', sk: 'balance', points: 300 } }));

    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => debit('w1', i, 10)));

    const ok = results.filter((r) => r.status === 'fulfilled').length;
    const cancelled = results.filter((r) => r.status === 'rejected' && (r.reason as Error).name === 'TransactionCanceledException').length;
    expect(ok).toBe(30);
    expect(cancelled).toBe(20);
    expect(await balanceOf('w1')).toBe(0);
    const entries = await doc.send(new QueryCommand({ TableName: T, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': 'w1#entries' } }));
    expect(entries.Items).toHaveLength(30);
  });

  it('serializes transactions with single-item UpdateItem calls on the same item: no lost update', async () => {
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'w2', sk: 'balance', points: 0 } }));

    await Promise.all(Array.from({ length: 60 }, (_, i) => i % 2
      ? doc.send(new UpdateCommand({ TableName: T, Key: { pk: 'w2', sk: 'balance' }, UpdateExpression: 'SET points = points + :one', ExpressionAttributeValues: { ':one': 1 } }))
      : doc.send(new TransactWriteCommand({ TransactItems: [{ Update: { TableName: T, Key: { pk: 'w2', sk: 'balance' }, UpdateExpression: 'SET points = points + :one', ExpressionAttributeValues: { ':one': 1 } } }] }))));

    expect(await balanceOf('w2')).toBe(60);
  });

  it('never shows a torn transfer to a transactional read, and finishes transfers taken in opposite orders without deadlock', async () => {
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'ta', sk: 'balance', points: 1000 } }));
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'tb', sk: 'balance', points: 1000 } }));
    const transfer = (from: string, to: string, points: number) => doc.send(new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: T, Key: { pk: from, sk: 'balance' }, UpdateExpression: 'SET points = points - :p', ConditionExpression: 'points >= :p', ExpressionAttributeValues: { ':p': points } } },
        { Update: { TableName: T, Key: { pk: to, sk: 'balance' }, UpdateExpression: 'SET points = points + :p', ExpressionAttributeValues: { ':p': points } } },
      ],
    }));
    const read = async () => {
      const out = await doc.send(new TransactGetCommand({
        TransactItems: [{ Get: { TableName: T, Key: { pk: 'ta', sk: 'balance' } } }, { Get: { TableName: T, Key: { pk: 'tb', sk: 'balance' } } }],
      }));
      return (out.Responses ?? []).reduce((sum, r) => sum + (r.Item?.points as number), 0);
    };

    const work: Promise<unknown>[] = [];
    const sums: Promise<number>[] = [];
    for (let i = 0; i < 40; i++) {
      work.push(i % 2 ? transfer('ta', 'tb', 7) : transfer('tb', 'ta', 5));
      sums.push(read());
    }
    await Promise.all(work);

    expect(new Set(await Promise.all(sums))).toEqual(new Set([2000]));
    expect((await balanceOf('ta')) + (await balanceOf('tb'))).toBe(2000);
    // Different amounts each way, so a lost update shows even where the sum survives it.
    expect(await balanceOf('ta')).toBe(1000 - 20 * 7 + 20 * 5);
  });
});
