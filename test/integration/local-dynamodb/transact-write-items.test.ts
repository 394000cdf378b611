/**
 * Parity suite: TransactWriteItems on the local engine behaves as the DynamoDB API reference
 * documents it. Every call goes through the AWS SDK v3 clients, as production code does.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IdempotentParameterMismatchException,
  ResourceNotFoundException,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { DynamoEngine } from '../../../local/dynamodb/index.js';
import { CLIENT_REQUEST_TOKEN_TTL_MS } from '../../../local/dynamodb/index.js';
import { startEngineWithTables } from '../../support/dynamo.js';

const A = 'parity-a';
const B = 'parity-b';
let clock = Date.now();
let engine: DynamoEngine;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  engine = await startEngineWithTables([A, B], { now: () => clock });
  doc = engine.documentClient();
});
afterAll(() => engine.stop());

let seq = 0;
const uniq = (p: string) => `${p}-${++seq}`;
const get = async (TableName: string, pk: string, sk = 'x') =>
  (await doc.send(new GetCommand({ TableName, Key: { pk, sk }, ConsistentRead: true }))).Item;
const queryGsi = async (TableName: string, gsi1pk: string) =>
  (await doc.send(new QueryCommand({
    TableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': gsi1pk },
  }))).Items ?? [];

async function expectCancelled(promise: Promise<unknown>): Promise<TransactionCanceledException> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(TransactionCanceledException);
  return err as TransactionCanceledException;
}

describe('TransactWriteItems: all or nothing', () => {
  it('applies Put, Update, Delete and ConditionCheck across two tables together, indexes included', async () => {
    const [p1, p2, p3, p4] = [uniq('p'), uniq('p'), uniq('p'), uniq('p')];
    const g = uniq('g');
    await doc.send(new PutCommand({ TableName: A, Item: { pk: p2, sk: 'x', n: 10 } }));
    await doc.send(new PutCommand({ TableName: B, Item: { pk: p3, sk: 'x', gsi1pk: g, gsi1sk: '3' } }));
    await doc.send(new PutCommand({ TableName: B, Item: { pk: p4, sk: 'x', open: true } }));

    await doc.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: A, Item: { pk: p1, sk: 'x', gsi1pk: g, gsi1sk: '1' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Update: { TableName: A, Key: { pk: p2, sk: 'x' }, UpdateExpression: 'SET n = n - :d, gsi1pk = :g, gsi1sk = :s', ConditionExpression: 'n >= :d', ExpressionAttributeValues: { ':d': 4, ':g': g, ':s': '2' } } },
        { Delete: { TableName: B, Key: { pk: p3, sk: 'x' } } },
        { ConditionCheck: { TableName: B, Key: { pk: p4, sk: 'x' }, ConditionExpression: '#o = :t', ExpressionAttributeNames: { '#o': 'open' }, ExpressionAttributeValues: { ':t': true } } },
      ],
    }));

    expect(await get(A, p1)).toEqual({ pk: p1, sk: 'x', gsi1pk: g, gsi1sk: '1' });
    expect(await get(A, p2)).toMatchObject({ n: 6 });
    expect(await get(B, p3)).toBeUndefined();
    expect(await get(B, p4)).toEqual({ pk: p4, sk: 'x', open: true });
    expect((await queryGsi(A, g)).map((i) => i.pk)).toEqual([p1, p2]);
    expect(await queryGsi(B, g)).toEqual([]);
  });

  it('changes nothing in any table or index when one condition fails, and reports one reason per action in order', async () => {
    const [p1, p2, p3] = [uniq('p'), uniq('p'), uniq('p')];
    const g = uniq('g');
    await doc.send(new PutCommand({ TableName: A, Item: { pk: p1, sk: 'x', n: 5, gsi1pk: g, gsi1sk: 'old' } }));
    await doc.send(new PutCommand({ TableName: B, Item: { pk: p2, sk: 'x', n: 1 } }));

    const err = await expectCancelled(doc.send(new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: A, Key: { pk: p1, sk: 'x' }, UpdateExpression: 'SET n = :z, gsi1sk = :new', ExpressionAttributeValues: { ':z': 0, ':new': 'new' } } },
        { Update: { TableName: B, Key: { pk: p2, sk: 'x' }, UpdateExpression: 'SET n = n - :d', ConditionExpression: 'n >= :d', ExpressionAttributeValues: { ':d': 2 } } },
        { Put: { TableName: B, Item: { pk: p3, sk: 'x' } } },
      ],
    })));

    expect(err.CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ConditionalCheckFailed', 'None']);
    expect(err.message).toContain('[None, ConditionalCheckFailed, None]');
    expect(await get(A, p1)).toMatchObject({ n: 5, gsi1sk: 'old' });
    expect(await get(B, p2)).toMatchObject({ n: 1 });
    expect(await get(B, p3)).toBeUndefined();
    expect((await queryGsi(A, g)).map((i) => i.gsi1sk)).toEqual(['old']);
  });

  it('reports every failed condition, not only the first', async () => {
    const [p1, p2] = [uniq('p'), uniq('p')];
    const err = await expectCancelled(doc.send(new TransactWriteCommand({
      TransactItems: [
        { ConditionCheck: { TableName: A, Key: { pk: p1, sk: 'x' }, ConditionExpression: 'attribute_exists(pk)' } },
        { Put: { TableName: A, Item: { pk: p2, sk: 'x' } } },
        { ConditionCheck: { TableName: B, Key: { pk: p1, sk: 'x' }, ConditionExpression: 'attribute_exists(pk)' } },
      ],
    })));
    expect(err.CancellationReasons?.map((r) => r.Code)).toEqual(['ConditionalCheckFailed', 'None', 'ConditionalCheckFailed']);
    expect(await get(A, p2)).toBeUndefined();
  });

  it('returns the current item with a failed condition when ReturnValuesOnConditionCheckFailure is ALL_OLD', async () => {
    const [p1, p2, p3] = [uniq('p'), uniq('p'), uniq('p')];
    await doc.send(new PutCommand({ TableName: A, Item: { pk: p1, sk: 'x', n: 1, tag: 'keep' } }));
    await doc.send(new PutCommand({ TableName: A, Item: { pk: p2, sk: 'x', n: 1 } }));

    const err = await expectCancelled(engine.client().send(new TransactWriteItemsCommand({
      TransactItems: [
        { Update: { TableName: A, Key: { pk: { S: p1 }, sk: { S: 'x' } }, UpdateExpression: 'SET n = :v', ConditionExpression: 'n > :v', ExpressionAttributeValues: { ':v': { N: '9' } }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
        { Put: { TableName: A, Item: { pk: { S: p2 }, sk: { S: 'x' } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Delete: { TableName: A, Key: { pk: { S: p3 }, sk: { S: 'x' } }, ConditionExpression: 'attribute_exists(pk)', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } },
      ],
    })));

    const [first, second, third] = err.CancellationReasons ?? [];
    expect(first).toMatchObject({ Code: 'ConditionalCheckFailed', Item: { pk: { S: p1 }, sk: { S: 'x' }, n: { N: '1' }, tag: { S: 'keep' } } });
    expect(second?.Code).toBe('ConditionalCheckFailed');
    expect(second?.Item).toBeUndefined(); // ReturnValuesOnConditionCheckFailure not set
    expect(third?.Code).toBe('ConditionalCheckFailed');
    expect(third?.Item).toBeUndefined(); // no item exists to return
  });

  it('cancels with a ValidationError reason when an update cannot apply to the stored item', async () => {
    const [p1, p2] = [uniq('p'), uniq('p')];
    await doc.send(new PutCommand({ TableName: A, Item: { pk: p1, sk: 'x', n: 'not a number' } }));
    const err = await expectCancelled(doc.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: A, Item: { pk: p2, sk: 'x' } } },
        { Update: { TableName: A, Key: { pk: p1, sk: 'x' }, UpdateExpression: 'SET n = n + :one', ExpressionAttributeValues: { ':one': 1 } } },
      ],
    })));
    expect(err.CancellationReasons?.map((r) => r.Code)).toEqual(['None', 'ValidationError']);
    expect(await get(A, p2)).toBeUndefined();
  });
});

describe('TransactWriteItems: request validation', () => {
  const puts = (n: number, prefix: string) =>
    Array.from({ length: n }, (_, i) => ({ Put: { TableName: A, Item: { pk: `${prefix}-${i}`, sk: 'x' } } }));

  it('accepts 100 actions in one transaction', async () => {
    const prefix = uniq('hundred');
    await doc.send(new TransactWriteCommand({ TransactItems: puts(100, prefix) }));
    expect(await get(A, `${prefix}-99`)).toBeDefined();
  });

  it('rejects 101 actions with a ValidationException and writes none of them', async () => {
    const prefix = uniq('too-many');
    await expect(doc.send(new TransactWriteCommand({ TransactItems: puts(101, prefix) }))).rejects.toMatchObject({
      name: 'ValidationException',
      message: expect.stringContaining('less than or equal to 100'),
    });
    expect(await get(A, `${prefix}-0`)).toBeUndefined();
  });

  it('rejects an empty transaction', async () => {
    await expect(doc.send(new TransactWriteCommand({ TransactItems: [] }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('rejects two actions on the same item with a ValidationException, even a ConditionCheck and a Put', async () => {
    const p = uniq('p');
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [
        { ConditionCheck: { TableName: A, Key: { pk: p, sk: 'x' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { Put: { TableName: A, Item: { pk: p, sk: 'x', v: 1 } } },
      ],
    }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringContaining('multiple operations on one item') });
    expect(await get(A, p)).toBeUndefined();
  });

  it('allows the same key in two different tables', async () => {
    const p = uniq('p');
    await doc.send(new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: A, Item: { pk: p, sk: 'x' } } }, { Put: { TableName: B, Item: { pk: p, sk: 'x' } } }],
    }));
    expect(await get(A, p)).toBeDefined();
    expect(await get(B, p)).toBeDefined();
  });

  it('rejects an action naming a table that does not exist with ResourceNotFoundException', async () => {
    const p = uniq('p');
    const err = await doc.send(new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: A, Item: { pk: p, sk: 'x' } } }, { Put: { TableName: 'no-such-table', Item: { pk: p, sk: 'x' } } }],
    })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ResourceNotFoundException);
    expect(await get(A, p)).toBeUndefined();
  });

  it('rejects a ConditionCheck without a condition, an Update without an update expression, and a key that does not match the schema', async () => {
    const p = uniq('p');
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [{ ConditionCheck: { TableName: A, Key: { pk: p, sk: 'x' } } as never }],
    }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [{ Update: { TableName: A, Key: { pk: p, sk: 'x' } } as never }],
    }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [{ Delete: { TableName: A, Key: { pk: p } } }],
    }))).rejects.toMatchObject({ name: 'ValidationException' });
  });

  it('rejects a syntactically invalid expression and an unused expression attribute value', async () => {
    const p = uniq('p');
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [{ Update: { TableName: A, Key: { pk: p, sk: 'x' }, UpdateExpression: 'SET = 1' } }],
    }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: A, Item: { pk: p, sk: 'x' }, ConditionExpression: 'attribute_not_exists(pk)', ExpressionAttributeValues: { ':unused': 1 } } }],
    }))).rejects.toMatchObject({ name: 'ValidationException' });
    expect(await get(A, p)).toBeUndefined();
  });

  it('rejects a transaction whose items add up to more than 4 MB', async () => {
    const prefix = uniq('big');
    const items = puts(12, prefix).map((a) => ({ Put: { ...a.Put, Item: { ...a.Put.Item, blob: 'x'.repeat(380 * 1024) } } }));
    await expect(doc.send(new TransactWriteCommand({ TransactItems: items }))).rejects.toMatchObject({
      name: 'ValidationException', message: expect.stringContaining('4 MB'),
    });
    await doc.send(new TransactWriteCommand({ TransactItems: items.slice(0, 10) }));
    expect(await get(A, `${prefix}-9`)).toBeDefined();
  });

  it('rejects an item over 400 KB', async () => {
    const p = uniq('p');
    await expect(doc.send(new TransactWriteCommand({
      TransactItems: [{ Put: { TableName: A, Item: { pk: p, sk: 'x', blob: 'x'.repeat(410 * 1024) } } }],
    }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('TransactWriteItems: ClientRequestToken', () => {
  const increment = (pk: string, ClientRequestToken: string, by = 1) =>
    new TransactWriteCommand({
      ClientRequestToken,
      TransactItems: [{ Update: { TableName: A, Key: { pk, sk: 'x' }, UpdateExpression: 'ADD n :by', ExpressionAttributeValues: { ':by': by } } }],
    });

  it('makes a retry with the same token and parameters succeed without a second effect', async () => {
    const p = uniq('p');
    const token = uniq('token');
    await doc.send(increment(p, token));
    await doc.send(increment(p, token));
    await doc.send(increment(p, token));
    expect(await get(A, p)).toMatchObject({ n: 1 });
  });

  it('rejects the same token with different parameters with IdempotentParameterMismatchException', async () => {
    const p = uniq('p');
    const token = uniq('token');
    await doc.send(increment(p, token, 1));
    const err = await doc.send(increment(p, token, 2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IdempotentParameterMismatchException);
    expect(await get(A, p)).toMatchObject({ n: 1 });
  });

  it('treats the same token as a new request once 10 minutes have passed', async () => {
    const p = uniq('p');
    const token = uniq('token');
    await doc.send(increment(p, token));
    clock += CLIENT_REQUEST_TOKEN_TTL_MS - 1_000;
    await doc.send(increment(p, token));
    expect(await get(A, p)).toMatchObject({ n: 1 });
    clock += 2_000;
    await doc.send(increment(p, token));
    expect(await get(A, p)).toMatchObject({ n: 2 });
  });

  it('applies concurrent requests with one token once: the others replay or report the transaction in progress', async () => {
    const p = uniq('p');
    const token = uniq('token');
    const results = await Promise.allSettled(Array.from({ length: 10 }, () => doc.send(increment(p, token))));
    for (const r of results) {
      if (r.status === 'rejected') expect((r.reason as Error).name).toBe('TransactionInProgressException');
    }
    expect(results.some((r) => r.status === 'fulfilled')).toBe(true);
    expect(await get(A, p)).toMatchObject({ n: 1 });
  });

  it('does not remember the token of a cancelled transaction', async () => {
    const p = uniq('p');
    const token = uniq('token');
    const guarded = new TransactWriteCommand({
      ClientRequestToken: token,
      TransactItems: [{ Update: { TableName: A, Key: { pk: p, sk: 'x' }, UpdateExpression: 'SET done = :t', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':t': true } } }],
    });
    await expectCancelled(doc.send(guarded));
    await doc.send(new PutCommand({ TableName: A, Item: { pk: p, sk: 'x' } }));
    await doc.send(guarded);
    expect(await get(A, p)).toMatchObject({ done: true });
  });
});

describe('TransactWriteItems and single-item writes on the same items', () => {
  it('keeps index entries right when a transaction moves an item between index keys or deletes it', async () => {
    const [p1, p2] = [uniq('p'), uniq('p')];
    const [g1, g2] = [uniq('g'), uniq('g')];
    await doc.send(new PutCommand({ TableName: A, Item: { pk: p1, sk: 'x', gsi1pk: g1, gsi1sk: '1' } }));
    await doc.send(new PutCommand({ TableName: A, Item: { pk: p2, sk: 'x', gsi1pk: g1, gsi1sk: '2' } }));
    await doc.send(new TransactWriteCommand({
      TransactItems: [
        { Update: { TableName: A, Key: { pk: p1, sk: 'x' }, UpdateExpression: 'SET gsi1pk = :g', ExpressionAttributeValues: { ':g': g2 } } },
        { Delete: { TableName: A, Key: { pk: p2, sk: 'x' } } },
      ],
    }));
    expect(await queryGsi(A, g1)).toEqual([]);
    expect((await queryGsi(A, g2)).map((i) => i.pk)).toEqual([p1]);
    await doc.send(new DeleteCommand({ TableName: A, Key: { pk: p1, sk: 'x' } }));
    expect(await queryGsi(A, g2)).toEqual([]);
  });

  it('is seen by single-item conditional writes: a transaction-created item blocks attribute_not_exists', async () => {
    const p = uniq('p');
    await doc.send(new TransactWriteCommand({ TransactItems: [{ Put: { TableName: A, Item: { pk: p, sk: 'x', v: 1 } } }] }));
    await expect(doc.send(new PutCommand({ TableName: A, Item: { pk: p, sk: 'x', v: 2 }, ConditionExpression: 'attribute_not_exists(pk)' })))
      .rejects.toMatchObject({ name: 'ConditionalCheckFailedException' });
    await doc.send(new UpdateCommand({ TableName: A, Key: { pk: p, sk: 'x' }, UpdateExpression: 'SET v = :v', ExpressionAttributeValues: { ':v': 3 } }));
    expect(await get(A, p)).toMatchObject({ v: 3 });
  });
});
