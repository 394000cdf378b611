import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { DueLot, ExpiryIndex } from '../../domain/wallet/expiry.js';
import { keys } from './keys.js';
import { queryItems } from './batch.js';

const DueLotItem = z.object({ companyId: z.string(), employeeId: z.string(), lotId: z.string(), expiresAt: z.string(), remaining: z.number().int() });

/** Lots due per day on gsi3 (docs/data-model.md, pattern 19) and the job's progress. */
export class DynamoExpiryIndex implements ExpiryIndex {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async due(day: string, until: string): Promise<DueLot[]> {
    const lots: DueLot[] = [];
    for await (const item of queryItems(this.db, {
      TableName: this.table,
      IndexName: 'gsi3',
      // gsi3sk starts with the expiry instant; '~' sorts after the rest of the key.
      KeyConditionExpression: 'gsi3pk = :day AND gsi3sk <= :until',
      ExpressionAttributeValues: { ':day': keys.lotExpiryPartition(day), ':until': `${until}~` },
    })) lots.push(DueLotItem.parse(item));
    return lots;
  }

  async nextDay(): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.expiryJob(), ConsistentRead: true }));
    return typeof out.Item?.nextDay === 'string' ? out.Item.nextDay : undefined;
  }

  /** Only moves forward: two overlapping runs cannot set it back. */
  async setNextDay(day: string): Promise<void> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.table,
        Item: { ...keys.expiryJob(), entityType: 'ExpiryJob', nextDay: day },
        ConditionExpression: 'attribute_not_exists(nextDay) OR nextDay < :day',
        ExpressionAttributeValues: { ':day': day },
      }));
    } catch (err) {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    }
  }
}
