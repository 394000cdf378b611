import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Outbox, OutboxEntry } from '../../domain/notifications/use-cases.js';
import { outboxKeys } from './keys.js';

/** The email outbox: a claim is a conditional update that takes a short lease on a pending email. */
export class DynamoOutbox implements Outbox {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async claim(entry: OutboxEntry, now: string, leaseSeconds: number): Promise<boolean> {
    const lease = new Date(Date.parse(now) + leaseSeconds * 1000).toISOString();
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.table,
        Key: outboxKeys.email(entry.emailId),
        UpdateExpression: 'SET entityType = :t, #status = :pending, companyId = :c, kind = :k, recipient = :to, ' +
          'createdAt = if_not_exists(createdAt, :now), leaseUntil = :lease ADD attempts :one',
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':t': 'OutboxEmail', ':pending': 'pending', ':c': entry.companyId, ':k': entry.kind, ':to': entry.to, ':now': now, ':lease': lease, ':one': 1,
        },
      }));
      return true;
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return false;
      throw err;
    }
  }

  async settle(emailId: string, outcome: { status: 'sent' | 'rejected'; at: string } | { status: 'failed'; at: string; error: string }): Promise<void> {
    const failed = outcome.status === 'failed';
    await this.db.send(new UpdateCommand({
      TableName: this.table,
      Key: outboxKeys.email(emailId),
      // A failed send stays pending (the next delivery of its event claims it again at once).
      UpdateExpression: failed ? 'SET lastError = :e, failedAt = :at REMOVE leaseUntil' : 'SET #status = :s, settledAt = :at REMOVE leaseUntil',
      ConditionExpression: 'attribute_exists(pk)',
      ...(failed ? {} : { ExpressionAttributeNames: { '#status': 'status' } }),
      ExpressionAttributeValues: failed ? { ':e': outcome.error, ':at': outcome.at } : { ':s': outcome.status, ':at': outcome.at },
    }));
  }
}
