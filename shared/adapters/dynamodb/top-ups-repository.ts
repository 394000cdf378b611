import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Page } from '../../domain/common/schemas.js';
import { TopUp, type TopUpStatus } from '../../domain/budget/schemas.js';
import type { StoredTopUp, TopUpRepository, WebhookEventStore } from '../../domain/budget/top-ups.js';
import type { ListOptions } from '../../domain/ports.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const StoredTopUpItem = TopUp.extend({ companyId: z.string(), refundedMinor: z.number().int(), paymentIntentId: z.string().nullable() });
const WEBHOOK_EVENT_TTL_SECONDS = 90 * 24 * 3600;

const isConditionFailure = (err: unknown) =>
  (err as Error).name === 'ConditionalCheckFailedException' ||
  (err instanceof TransactionCanceledException && err.CancellationReasons?.some((r) => r.Code === 'ConditionalCheckFailed'));

/** Top-ups under the company (pattern 13), by Checkout Session on gsi1 and by payment intent through a lookup item (pattern 14). */
export class DynamoTopUpRepository implements TopUpRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async create(topUp: StoredTopUp): Promise<boolean> {
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.table,
              Item: { ...keys.topUp(topUp.companyId, topUp.topUpId), entityType: 'TopUp', ...topUp },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: this.table,
              Key: keys.budget(topUp.companyId),
              UpdateExpression: 'SET entityType = :t, companyId = :c ADD pendingTopUpPoints :p',
              ExpressionAttributeValues: { ':t': 'BudgetAccount', ':c': topUp.companyId, ':p': topUp.points },
            },
          },
        ],
      }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async get(companyId: string, topUpId: string): Promise<StoredTopUp | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.topUp(companyId, topUpId), ConsistentRead: true }));
    return out.Item ? StoredTopUpItem.parse(out.Item) : undefined;
  }

  async attachCheckout(companyId: string, topUpId: string, sessionId: string, url: string): Promise<void> {
    await this.db.send(new UpdateCommand({
      TableName: this.table,
      Key: keys.topUp(companyId, topUpId),
      UpdateExpression: 'SET checkoutSessionId = :s, checkoutUrl = :u, gsi1pk = :g, gsi1sk = :gs',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':s': sessionId, ':u': url, ':g': keys.topUpByStripeId(sessionId).gsi1pk, ':gs': 'TOPUP' },
    }));
  }

  async list(companyId: string, options: ListOptions): Promise<Page<TopUp>> {
    const partition = keys.company(companyId).pk;
    const out = await this.db.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :t)',
      ExpressionAttributeValues: { ':p': partition, ':t': 'TOPUP#' },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, { attribute: 'pk', value: partition, allowed: ['pk', 'sk'], sortKey: { attribute: 'sk', prefix: 'TOPUP#' } }),
    }));
    return {
      items: (out.Items ?? []).map((i) => {
        const { companyId: _c, refundedMinor: _r, paymentIntentId: _p, ...topUp } = StoredTopUpItem.parse(i);
        return topUp;
      }),
      nextCursor: encodeCursor(out.LastEvaluatedKey),
    };
  }

  async findByPaymentIntent(paymentIntentId: string): Promise<StoredTopUp | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.paymentIntentLookup(paymentIntentId), ConsistentRead: true }));
    const hit = out.Item;
    return hit ? this.get(hit.companyId as string, hit.topUpId as string) : undefined;
  }

  async recordPaymentIntent(companyId: string, topUpId: string, paymentIntentId: string): Promise<void> {
    await this.db.send(new TransactWriteCommand({
      TransactItems: [
        { Put: { TableName: this.table, Item: { ...keys.paymentIntentLookup(paymentIntentId), entityType: 'PaymentIntentLookup', companyId, topUpId } } },
        {
          Update: {
            TableName: this.table, Key: keys.topUp(companyId, topUpId), UpdateExpression: 'SET paymentIntentId = :pi',
            ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':pi': paymentIntentId },
          },
        },
      ],
    }));
  }

  async update(companyId: string, topUpId: string, from: TopUpStatus[], set: Partial<StoredTopUp>): Promise<boolean> {
    const names = Object.keys(set);
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.table,
        Key: keys.topUp(companyId, topUpId),
        UpdateExpression: 'SET ' + names.map((_, i) => `#n${i} = :v${i}`).join(', '),
        ConditionExpression: `#status IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
        ExpressionAttributeNames: { '#status': 'status', ...Object.fromEntries(names.map((n, i) => [`#n${i}`, n])) },
        ExpressionAttributeValues: {
          ...Object.fromEntries(names.map((n, i) => [`:v${i}`, set[n as keyof StoredTopUp]])),
          ...Object.fromEntries(from.map((f, i) => [`:f${i}`, f])),
        },
      }));
      return true;
    } catch (err) {
      if (isConditionFailure(err)) return false;
      throw err;
    }
  }

  async savePendingRefund(paymentIntentId: string, refundedMinor: number, currency: string): Promise<void> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.table,
        Item: { ...keys.pendingRefund(paymentIntentId), entityType: 'PendingRefund', refundedMinor, currency },
        ConditionExpression: 'attribute_not_exists(pk) OR refundedMinor < :r',
        ExpressionAttributeValues: { ':r': refundedMinor },
      }));
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
    }
  }

  async customerOf(companyId: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.stripeCustomer(companyId), ConsistentRead: true }));
    return typeof out.Item?.customerId === 'string' ? out.Item.customerId : undefined;
  }

  async saveCustomer(companyId: string, customerId: string): Promise<string> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.table,
        Item: { ...keys.stripeCustomer(companyId), entityType: 'StripeCustomer', companyId, customerId },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return customerId;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      return (await this.customerOf(companyId))!;
    }
  }

  async pendingRefund(paymentIntentId: string): Promise<number | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.pendingRefund(paymentIntentId), ConsistentRead: true }));
    return typeof out.Item?.refundedMinor === 'number' ? out.Item.refundedMinor : undefined;
  }
}

/** Webhook deliveries already applied (pattern 15), kept 90 days. */
export class DynamoWebhookEventStore implements WebhookEventStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async seen(provider: string, eventId: string): Promise<boolean> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.webhookEvent(provider, eventId), ConsistentRead: true }));
    return out.Item !== undefined;
  }

  async markSeen(provider: string, eventId: string, outcome: string): Promise<void> {
    await this.db.send(new PutCommand({
      TableName: this.table,
      Item: {
        ...keys.webhookEvent(provider, eventId), entityType: 'WebhookEvent', provider, eventId, outcome,
        at: new Date().toISOString(), expiresAtEpoch: Math.floor(Date.now() / 1000) + WEBHOOK_EVENT_TTL_SECONDS,
      },
    }));
  }
}
