/**
 * Feedback on orders (patterns 33, 33b): beside the order (`C#<cid>#O#<oid>` / `FEEDBACK`) and
 * listed per company by the time it was given (gsi1), so reports read a period with a Query.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { UnavailableError } from '../../domain/errors.js';
import type { FeedbackRepository, StoredFeedback } from '../../domain/feedback/use-cases.js';
import { feedbackKeys, orderKeys } from './keys.js';
import { queryItems } from './batch.js';

const ATTEMPTS = 5;
const ScoreItem = z.object({ score: z.number().int().min(0).max(10) });

export class DynamoFeedbackRepository implements FeedbackRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async create(companyId: string, feedback: StoredFeedback): Promise<'created' | 'exists' | 'not-delivered'> {
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      try {
        await this.db.send(new TransactWriteCommand({
          TransactItems: [
            {
              // The order as it is at the write, not as it was read: still this employee's, still delivered.
              ConditionCheck: {
                TableName: this.table, Key: orderKeys.order(companyId, feedback.orderId),
                ConditionExpression: '#status = :delivered AND employeeId = :e',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':delivered': 'delivered', ':e': feedback.employeeId },
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: {
                  ...feedbackKeys.feedback(companyId, feedback.orderId),
                  ...feedbackKeys.listing(companyId, feedback.createdAt, feedback.orderId),
                  entityType: 'Feedback', companyId, ...feedback,
                },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }));
        return 'created';
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const [order, put] = err.CancellationReasons ?? [];
        if (put?.Code === 'ConditionalCheckFailed') return 'exists';
        if (order?.Code === 'ConditionalCheckFailed') return 'not-delivered';
        // A concurrent write to the order (TransactionConflict): try again.
        await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt * Math.random()));
      }
    }
    throw new UnavailableError('The order is busy; retry the request');
  }

  async scoresBetween(companyId: string, from: string, to: string): Promise<number[]> {
    const scores: number[] = [];
    // `<createdAt>#<orderId>` BETWEEN from AND to: exactly createdAt in [from, to).
    for await (const item of queryItems(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':p': feedbackKeys.partition(companyId), ':from': from, ':to': to },
      ProjectionExpression: 'score',
    })) scores.push(ScoreItem.parse(item).score);
    return scores;
  }
}
