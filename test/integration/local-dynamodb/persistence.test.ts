import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { startDynamoEngine } from '../../../local/dynamodb/index.js';
import { startEngineWithTables } from '../../support/dynamo.js';

const dir = mkdtempSync(join(tmpdir(), 'engine-persist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('engine on a directory', () => {
  it('keeps tables, transactional writes and ClientRequestToken records across a restart', async () => {
    const increment = new TransactWriteCommand({
      ClientRequestToken: 'restart-token',
      TransactItems: [{ Update: { TableName: 'persisted', Key: { pk: 'p', sk: 'x' }, UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 } } }],
    });
    const first = await startEngineWithTables(['persisted'], { dataDir: dir });
    await first.documentClient().send(increment);
    await first.stop();

    const second = await startDynamoEngine({ dataDir: dir });
    try {
      const doc = second.documentClient();
      await doc.send(increment); // a retry after a restart is still the same transaction
      const item = await doc.send(new GetCommand({ TableName: 'persisted', Key: { pk: 'p', sk: 'x' } }));
      expect(item.Item).toEqual({ pk: 'p', sk: 'x', n: 1 });
    } finally {
      await second.stop();
    }
  });
});
