/**
 * The engine's change feed against DynamoDB Streams' documented semantics (NEW_AND_OLD_IMAGES):
 * one record per item actually modified, INSERT/MODIFY/REMOVE with the images before and
 * after, in commit order per item; a write that fails its condition, and a cancelled
 * transaction, produce no record; a ConditionCheck never does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { BatchWriteCommand, DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoEngine } from '../../../local/dynamodb/index.js';
import type { ChangeRecord } from '../../../local/dynamodb/change-feed.js';
import { matchesPattern } from '../../../local/streams.js';
import { startEngineWithTables } from '../../support/dynamo.js';

const T = 'changes';
let engine: DynamoEngine;
let doc: DynamoDBDocumentClient;
let records: ChangeRecord[] = [];

beforeAll(async () => {
  engine = await startEngineWithTables([T]);
  doc = engine.documentClient({ maxAttempts: 1 });
  engine.changes!.subscribe((r) => records.push(r));
});
afterAll(() => engine.stop());

const seen = () => records.map((r) => ({
  event: r.eventName, old: r.oldImage && unmarshall(r.oldImage as never), new: r.newImage && unmarshall(r.newImage as never),
}));

describe('the local change stream', () => {
  it('reports single-item writes with their old and new images, and nothing for a write that changes nothing', async () => {
    records = [];
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'a', sk: '1', n: 1 } }));
    await doc.send(new UpdateCommand({ TableName: T, Key: { pk: 'a', sk: '1' }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': 1 } }));
    await doc.send(new UpdateCommand({ TableName: T, Key: { pk: 'a', sk: '1' }, UpdateExpression: 'SET n = :same', ExpressionAttributeValues: { ':same': 2 } }));
    await doc.send(new DeleteCommand({ TableName: T, Key: { pk: 'a', sk: '1' } }));
    await doc.send(new DeleteCommand({ TableName: T, Key: { pk: 'never', sk: 'there' } }));

    expect(seen()).toEqual([
      { event: 'INSERT', old: undefined, new: { pk: 'a', sk: '1', n: 1 } },
      { event: 'MODIFY', old: { pk: 'a', sk: '1', n: 1 }, new: { pk: 'a', sk: '1', n: 2 } },
      { event: 'REMOVE', old: { pk: 'a', sk: '1', n: 2 }, new: undefined },
    ]);
    expect(records.map((r) => r.sequenceNumber)).toEqual([...records.map((r) => r.sequenceNumber)].sort());
  });

  it('reports nothing for a write whose condition fails', async () => {
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'b', sk: '1', n: 1 } }));
    records = [];
    await expect(doc.send(new PutCommand({ TableName: T, Item: { pk: 'b', sk: '1', n: 9 }, ConditionExpression: 'attribute_not_exists(pk)' }))).rejects.toThrow();
    expect(records).toEqual([]);
  });

  it('reports a batch write item by item', async () => {
    records = [];
    await doc.send(new BatchWriteCommand({ RequestItems: { [T]: [{ PutRequest: { Item: { pk: 'c', sk: '1' } } }, { PutRequest: { Item: { pk: 'c', sk: '2' } } }] } }));
    expect(seen().map((r) => [r.event, r.new?.sk])).toEqual([['INSERT', '1'], ['INSERT', '2']]);
  });

  it('reports a committed transaction\'s writes, not its condition checks, and nothing of a cancelled one', async () => {
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'd', sk: 'acct', balance: 10 } }));
    records = [];
    await doc.send(new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: T, Key: { pk: 'd', sk: 'acct' }, UpdateExpression: 'SET balance = balance - :x', ConditionExpression: 'balance >= :x', ExpressionAttributeValues: { ':x': 4 } } },
        { Put: { TableName: T, Item: { pk: 'd', sk: 'entry-1', delta: -4 } } },
        { ConditionCheck: { TableName: T, Key: { pk: 'b', sk: '1' }, ConditionExpression: 'attribute_exists(pk)' } },
        { Delete: { TableName: T, Key: { pk: 'c', sk: '1' } } },
      ],
    }));
    expect(seen()).toEqual([
      { event: 'MODIFY', old: { pk: 'd', sk: 'acct', balance: 10 }, new: { pk: 'd', sk: 'acct', balance: 6 } },
      { event: 'INSERT', old: undefined, new: { pk: 'd', sk: 'entry-1', delta: -4 } },
      { event: 'REMOVE', old: { pk: 'c', sk: '1' }, new: undefined },
    ]);

    records = [];
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: T, Key: { pk: 'd', sk: 'acct' }, UpdateExpression: 'SET balance = balance - :x', ConditionExpression: 'balance >= :x', ExpressionAttributeValues: { ':x': 100 } } },
        { Put: { TableName: T, Item: { pk: 'd', sk: 'entry-2', delta: -100 } } },
      ],
    }))).rejects.toThrow(/cancel/i);
    expect(records).toEqual([]);
  });
});

describe('Lambda event filter patterns (as the local runtime applies them)', () => {
  const record = { eventName: 'INSERT', dynamodb: { NewImage: { entityType: { S: 'LedgerEntry' }, kind: { S: 'allocation' }, account: { S: 'wallet e1' } } } };

  it('matches values, prefixes and existence, and needs every key of the pattern', () => {
    expect(matchesPattern({ dynamodb: { NewImage: { entityType: { S: ['Order', 'LedgerEntry'] } } } }, record)).toBe(true);
    expect(matchesPattern({ eventName: ['INSERT'], dynamodb: { NewImage: { account: { S: [{ prefix: 'wallet ' }] } } } }, record)).toBe(true);
    expect(matchesPattern({ eventName: ['MODIFY'], dynamodb: { NewImage: { account: { S: [{ prefix: 'wallet ' }] } } } }, record)).toBe(false);
    expect(matchesPattern({ dynamodb: { NewImage: { account: { S: [{ prefix: 'budget' }] } } } }, record)).toBe(false);
    expect(matchesPattern({ dynamodb: { NewImage: { status: [{ exists: false }] } } }, record)).toBe(true);
    expect(matchesPattern({ dynamodb: { NewImage: { kind: [{ exists: true }] } } }, record)).toBe(true);
    expect(matchesPattern({ dynamodb: { OldImage: { entityType: { S: ['Order'] } } } }, record)).toBe(false);
  });
});
