/**
 * Shipments (patterns 29–33 in docs/data-model.md). A shipment is its own partition, found by
 * id (partners), by tracking token (the public page) and by tracking number (carriers). A
 * change of shipments is written together with its order's fulfilment fields in ONE
 * transaction, conditional on the shipment versions and the order's fulfilment version read.
 */
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Page } from '../../domain/common/schemas.js';
import { ShippingAddress, ORDER_STATUSES } from '../../domain/orders/schemas.js';
import { ShipmentEvent, ShipmentItem, ShipmentStatusSchema } from '../../domain/fulfilment/schemas.js';
import type { OrderChange, OrderFulfilmentState, ShipmentRepository, StoredShipment } from '../../domain/fulfilment/use-cases.js';
import type { ShipmentStatus } from '../../domain/fulfilment/statuses.js';
import type { ListOptions } from '../../domain/ports.js';
import { orderKeys, orderSourceKeys, shipmentKeys, WATCH_SHARDS } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { batchGet } from './batch.js';

/** A shipment item as stored (also read by the Order Source export, order-source-repository.ts). */
export const StoredShipmentItem = z.object({
  shipmentId: z.string(), companyId: z.string(), orderId: z.string(), employeeId: z.string(), partnerId: z.string(),
  status: ShipmentStatusSchema, furthest: ShipmentStatusSchema, latestEventAt: z.string().nullable(),
  items: z.array(ShipmentItem), shippingAddress: ShippingAddress, carrierCode: z.string().nullable(), trackingNumber: z.string().nullable(),
  events: z.array(ShipmentEvent), trackingToken: z.string(), version: z.number().int(), createdAt: z.string(), updatedAt: z.string(),
});

const Summary = z.object({
  shipmentId: z.string(), partnerId: z.string(), status: ShipmentStatusSchema, furthest: ShipmentStatusSchema,
  carrierCode: z.string().nullable(), trackingNumber: z.string().nullable(), trackingUrl: z.string(),
});
const OrderState = z.object({
  status: z.enum(ORDER_STATUSES),
  history: z.array(z.object({ status: z.enum(ORDER_STATUSES), at: z.string() })),
  shipments: z.array(Summary),
  fulfilmentVersion: z.number().int().default(0),
});

const FINAL: ShipmentStatus[] = ['delivered', 'returned', 'cancelled'];

export class DynamoShipmentRepository implements ShipmentRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async get(shipmentId: string): Promise<StoredShipment | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: shipmentKeys.shipment(shipmentId), ConsistentRead: true }));
    return out.Item ? StoredShipmentItem.parse(out.Item) : undefined;
  }

  async byTrackingToken(token: string): Promise<StoredShipment | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: shipmentKeys.token(token), ConsistentRead: true }));
    return typeof out.Item?.shipmentId === 'string' ? this.get(out.Item.shipmentId) : undefined;
  }

  async byTrackingNumber(trackingNumber: string): Promise<StoredShipment[]> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.table, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': shipmentKeys.trackingNumberPartition(trackingNumber) }, Limit: 25,
    }));
    // The index is eventually consistent: read each shipment itself before changing it.
    const found = await Promise.all((out.Items ?? []).map((i) => this.get(String(i.shipmentId))));
    return found.filter((s): s is StoredShipment => s !== undefined && s.trackingNumber === trackingNumber);
  }

  async listOfPartner(partnerId: string, status: ShipmentStatus | undefined, options: ListOptions): Promise<Page<StoredShipment>> {
    const partition = shipmentKeys.partnerPartition(partnerId);
    const prefix = status ? `${status}#` : undefined;
    const out = await this.db.send(new QueryCommand({
      TableName: this.table, IndexName: 'gsi1',
      KeyConditionExpression: prefix ? 'gsi1pk = :p AND begins_with(gsi1sk, :s)' : 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': partition, ...(prefix ? { ':s': prefix } : {}) },
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, {
        attribute: 'gsi1pk', value: partition, allowed: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
        ...(prefix ? { sortKey: { attribute: 'gsi1sk', prefix } } : {}),
      }),
    }));
    return { items: (out.Items ?? []).map((i) => StoredShipmentItem.parse(i)), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async orderState(companyId: string, orderId: string): Promise<OrderFulfilmentState | undefined> {
    const out = await this.db.send(new GetCommand({
      TableName: this.table, Key: orderKeys.order(companyId, orderId), ConsistentRead: true,
      ProjectionExpression: '#status, history, shipments, fulfilmentVersion', ExpressionAttributeNames: { '#status': 'status' },
    }));
    return out.Item ? OrderState.parse(out.Item) : undefined;
  }

  async save(shipments: StoredShipment[], order: OrderChange): Promise<'saved' | 'conflict'> {
    const statuses = order.expectStatus.map((_, i) => `:st${i}`);
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          ...shipments.flatMap((s) => [
            {
              Put: {
                TableName: this.table,
                Item: this.item(s),
                ConditionExpression: s.version === 1 ? 'attribute_not_exists(pk)' : 'version = :v',
                ...(s.version === 1 ? {} : { ExpressionAttributeValues: { ':v': s.version - 1 } }),
              },
            },
            ...(s.version === 1
              ? [{ Put: { TableName: this.table, Item: { ...shipmentKeys.token(s.trackingToken), entityType: 'TrackingToken', shipmentId: s.shipmentId }, ConditionExpression: 'attribute_not_exists(pk)' } }]
              : []),
            // The partner's shipments by last change (pattern 38, the Order Source export): kept
            // beside the shipment and moved with every change of it, in this same transaction.
            { Put: { TableName: this.table, Item: { ...orderSourceKeys.partnerModified(s.partnerId, s.shipmentId, s.updatedAt), entityType: 'ShipmentModified', shipmentId: s.shipmentId } } },
          ]),
          {
            Update: {
              TableName: this.table,
              Key: orderKeys.order(order.companyId, order.orderId),
              UpdateExpression: 'SET #status = :s, gsi2sk = :g2, shipments = :sh, history = :h, fulfilmentVersion = :fv1',
              ConditionExpression: `#status IN (${statuses.join(', ')}) AND ` +
                (order.expectVersion === 0 ? 'attribute_not_exists(fulfilmentVersion)' : 'fulfilmentVersion = :fv'),
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':s': order.status, ':g2': orderKeys.statusSort(order.status, order.orderId), ':sh': order.shipments, ':h': order.history,
                ':fv1': order.expectVersion + 1,
                ...(order.expectVersion === 0 ? {} : { ':fv': order.expectVersion }),
                ...Object.fromEntries(order.expectStatus.map((st, i) => [`:st${i}`, st])),
              },
            },
          },
        ],
      }));
      return 'saved';
    } catch (err) {
      if (err instanceof TransactionCanceledException) return 'conflict';
      throw err;
    }
  }

  async quiet(before: string, limit: number): Promise<StoredShipment[]> {
    const pages = await Promise.all(Array.from({ length: WATCH_SHARDS }, (_, shard) => this.db.send(new QueryCommand({
      TableName: this.table, IndexName: 'gsi3', KeyConditionExpression: 'gsi3pk = :p AND gsi3sk < :b',
      ExpressionAttributeValues: { ':p': shipmentKeys.watchPartition(shard), ':b': before }, Limit: limit,
    }))));
    const ids = pages.flatMap((p) => p.Items ?? []).map((i) => String(i.shipmentId)).slice(0, limit);
    if (!ids.length) return [];
    return (await batchGet(this.db, this.table, ids.map((id) => shipmentKeys.shipment(id)))).map((i) => StoredShipmentItem.parse(i));
  }

  async markChecked(shipmentId: string, at: string): Promise<void> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.table, Key: shipmentKeys.shipment(shipmentId), UpdateExpression: 'SET gsi3sk = :s',
        ConditionExpression: 'attribute_exists(gsi3pk)', ExpressionAttributeValues: { ':s': shipmentKeys.watch(shipmentId, at).gsi3sk },
      }));
    } catch (err) {
      // Final or changed meanwhile (and so no longer quiet): nothing to mark.
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
  }

  private item(s: StoredShipment) {
    const watched = s.trackingNumber && !FINAL.includes(s.status);
    return {
      ...shipmentKeys.shipment(s.shipmentId),
      ...shipmentKeys.partnerListing(s.partnerId, s.status, s.shipmentId),
      ...(s.trackingNumber ? shipmentKeys.trackingNumber(s.trackingNumber, s.shipmentId) : {}),
      ...(watched ? shipmentKeys.watch(s.shipmentId, s.updatedAt) : {}),
      entityType: 'Shipment',
      ...s,
    };
  }
}
