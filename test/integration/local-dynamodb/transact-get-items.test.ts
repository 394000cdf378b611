import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand, TransactGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoEngine } from '../../../local/dynamodb/index.js';
import { startEngineWithTables } from '../../support/dynamo.js';

const T = 'get-parity';
let engine: DynamoEngine;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  engine = await startEngineWithTables([T]);
  doc = engine.documentClient();
});
afterAll(() => engine.stop());

describe('TransactGetItems', () => {
  it('returns the items in request order, an empty response for a missing item, and applies projections', async () => {
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'g1', sk: 'x', a: 1, b: { c: 2, d: 3 } } }));
    await doc.send(new PutCommand({ TableName: T, Item: { pk: 'g2', sk: 'x', a: 4 } }));

    const out = await doc.send(new TransactGetCommand({
      TransactItems: [
        { Get: { TableName: T, Key: { pk: 'g2', sk: 'x' } } },
        { Get: { TableName: T, Key: { pk: 'missing', sk: 'x' } } },
        { Get: { TableName: T, Key: { pk: 'g1', sk: 'x' }, ProjectionExpression: '#b.c, a', ExpressionAttributeNames: { '#b': 'b' } } },
      ],
    }));

    expect(out.Responses).toEqual([{ Item: { pk: 'g2', sk: 'x', a: 4 } }, {}, { Item: { a: 1, b: { c: 2 } } }]);
  });

  it('rejects more than 100 reads and two reads of one item', async () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ Get: { TableName: T, Key: { pk: `k${i}`, sk: 'x' } } }));
    await expect(doc.send(new TransactGetCommand({ TransactItems: many }))).rejects.toMatchObject({ name: 'ValidationException' });
    await expect(doc.send(new TransactGetCommand({
      TransactItems: [{ Get: { TableName: T, Key: { pk: 'g1', sk: 'x' } } }, { Get: { TableName: T, Key: { pk: 'g1', sk: 'x' } } }],
    }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});
