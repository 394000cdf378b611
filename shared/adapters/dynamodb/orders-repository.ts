import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { randomInt } from 'node:crypto';
import * as z from 'zod';
import type { Page } from '../../domain/common/schemas.js';
import { Order, type OrderStatus } from '../../domain/orders/schemas.js';
import type { CodePool, OrderRepository, StoredOrder } from '../../domain/orders/use-cases.js';
import type { ListOptions } from '../../domain/ports.js';
import { catalogKeys, orderKeys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const LotShape = z.object({
  employeeId: z.string(), lotId: z.string(), remaining: z.number().int(), expiresAt: z.string().nullable(), grantedAt: z.string(), reference: z.string(),
});
const StoredOrderItem = Order.extend({ requestHash: z.string(), draws: z.array(z.object({ lot: LotShape, take: z.number().int() })) });
const CodesItem = z.object({ codes: z.record(z.string(), z.array(z.string())) });

/** Orders are written by the ledger with their transfer (ledger-store.ts); this reads them (patterns 25–28). */
export class DynamoOrderRepository implements OrderRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async get(companyId: string, orderId: string, options: { withCodes?: boolean } = {}): Promise<StoredOrder | undefined> {
    // The order and its codes share a partition: one Query reads both.
    const out = await this.db.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :p',
      ExpressionAttributeValues: { ':p': orderKeys.order(companyId, orderId).pk },
      ConsistentRead: true,
    }));
    const order = out.Items?.find((i) => i.sk === 'ORDER');
    if (!order) return undefined;
    const stored: StoredOrder = StoredOrderItem.parse(order);
    const codes = out.Items?.find((i) => i.sk === 'CODES');
    if (options.withCodes && codes) stored.giftCodes = CodesItem.parse(codes).codes;
    return stored;
  }

  async companyOf(orderId: string): Promise<string | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: orderKeys.lookup(orderId), ConsistentRead: true }));
    return typeof out.Item?.companyId === 'string' ? out.Item.companyId : undefined;
  }

  private async page(
    index: 'gsi1' | 'gsi2' | 'gsi3',
    partition: string,
    prefix: string | undefined,
    options: ListOptions,
    status?: OrderStatus,
  ): Promise<Page<StoredOrder>> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.table,
      IndexName: index,
      KeyConditionExpression: prefix ? `${index}pk = :p AND begins_with(${index}sk, :s)` : `${index}pk = :p`,
      // Indexes without the status in their key filter on it (a page may then hold fewer items).
      ...(status ? { FilterExpression: '#status = :status', ExpressionAttributeNames: { '#status': 'status' } } : {}),
      ExpressionAttributeValues: { ':p': partition, ...(prefix ? { ':s': prefix } : {}), ...(status ? { ':status': status } : {}) },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, {
        attribute: `${index}pk`, value: partition, allowed: ['pk', 'sk', `${index}pk`, `${index}sk`],
        ...(prefix ? { sortKey: { attribute: `${index}sk`, prefix } } : {}),
      }),
    }));
    return { items: (out.Items ?? []).map((i) => StoredOrderItem.parse(i)), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  listOfEmployee(companyId: string, employeeId: string, status: OrderStatus | undefined, options: ListOptions) {
    return this.page('gsi1', orderKeys.employeeOrdersPartition(companyId, employeeId), undefined, options, status);
  }

  listOfCompany(companyId: string, status: OrderStatus | undefined, options: ListOptions) {
    return this.page('gsi2', orderKeys.companyOrdersPartition(companyId), status ? `${status}#` : undefined, options);
  }

  /** The operator's view: this month's orders, newest first (month buckets keep partitions bounded). */
  listAll(status: OrderStatus | undefined, options: ListOptions) {
    return this.page('gsi3', orderKeys.monthPartition(new Date().toISOString().slice(0, 7)), undefined, options, status);
  }
}

/** Unused digital codes of a variant (pattern 24). */
export class DynamoCodePool implements CodePool {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  /**
   * Reads more codes than needed and picks at random, so concurrent orders of one card rarely
   * reach for the same codes (the order's transaction still takes each code conditionally).
   */
  async unused(variantId: string, count: number) {
    const out = await this.db.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :f)',
      ExpressionAttributeValues: { ':p': catalogKeys.freeCode(variantId, '').pk, ':f': 'FREE#' },
      ConsistentRead: true,
      Limit: count * 4 + 16,
    }));
    const codes = (out.Items ?? []).map((i) => ({ key: i.sk as string, code: i.code as string }));
    for (let i = codes.length - 1; i > 0; i--) {
      const j = randomInt(i + 1);
      [codes[i], codes[j]] = [codes[j]!, codes[i]!];
    }
    return codes.slice(0, count);
  }
}
