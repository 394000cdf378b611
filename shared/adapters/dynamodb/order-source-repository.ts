/**
 * The Order Source surface's reads and records (patterns 38–40 in docs/data-model.md):
 * a partner's shipments by last change (gsi1 of the small PARTNER_MODIFIED item that
 * shipments-repository.ts writes with every save), acknowledgements and notification claims.
 */
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Page } from '../../domain/common/schemas.js';
import { ValidationFailedError } from '../../domain/errors.js';
import type { NotificationClaim, OrderSourceRepository, ShipmentAcknowledgement } from '../../domain/fulfilment/order-source.js';
import type { StoredShipment } from '../../domain/fulfilment/use-cases.js';
import type { ListOptions } from '../../domain/ports.js';
import { batchGet } from './batch.js';
import { orderSourceKeys, shipmentKeys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { StoredShipmentItem } from './shipments-repository.js';

const Acknowledgement = z.object({ shipmentId: z.string(), partnerId: z.string(), importedDate: z.string(), acknowledgedAt: z.string() });
const Claim = z.object({
  partnerId: z.string(), notificationId: z.string(), shipmentId: z.string(), occurredAt: z.string(),
  carrierCode: z.string().nullable(), trackingNumber: z.string().nullable(), claimedAt: z.string(),
});

const INDEX_KEY = ['pk', 'sk', 'gsi1pk', 'gsi1sk'];
/** Sorts after `<to>#<any shipment id>` and before any later time: the window's upper bound, inclusive. */
const upTo = (to: string) => `${to}$`;

/** The export's cursor: the window it was issued for and where the page ended. Opaque to clients. */
const ExportCursor = z.object({ w: z.tuple([z.string(), z.string()]), k: z.record(z.string(), z.string()) });

export class DynamoOrderSourceRepository implements OrderSourceRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async modifiedOfPartner(partnerId: string, window: { from: string; to: string }, options: ListOptions): Promise<Page<StoredShipment>> {
    const partition = orderSourceKeys.partnerModifiedPartition(partnerId);
    const { from, to, start } = options.cursor ? this.decode(options.cursor, partition) : { ...window, start: undefined };
    // One more than a page: a cursor only while more remain, and pages exactly `limit` long
    // (no filter expression, so DynamoDB's Limit counts exactly the items returned).
    const out = await this.db.send(new QueryCommand({
      TableName: this.table, IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
      ExpressionAttributeValues: { ':p': partition, ':from': from, ':to': upTo(to) },
      Limit: options.limit + 1,
      ...(start ? { ExclusiveStartKey: start } : {}),
    }));
    const found = out.Items ?? [];
    const items = found.slice(0, options.limit);
    const last = items.at(-1);
    const more = found.length > options.limit ? last : out.LastEvaluatedKey;
    const nextKey = more && items.length ? Object.fromEntries(INDEX_KEY.map((k) => [k, String(more[k])])) : undefined;

    // The index is eventually consistent and holds ids only: read the shipments themselves.
    const ids = items.map((i) => String(i.shipmentId));
    const byId = new Map((await batchGet(this.db, this.table, ids.map((id) => shipmentKeys.shipment(id))))
      .map((i) => StoredShipmentItem.parse(i)).map((s) => [s.shipmentId, s]));
    return {
      items: ids.map((id) => byId.get(id)).filter((s): s is StoredShipment => s !== undefined),
      nextCursor: nextKey ? Buffer.from(JSON.stringify({ w: [from, to], k: nextKey }), 'utf8').toString('base64url') : null,
    };
  }

  /** A cursor issued to this partner, for a window, ending inside it; anything else is a 422. */
  private decode(cursor: string, partition: string) {
    const invalid = () => new ValidationFailedError([{ path: 'body.cursor', message: 'is not a cursor this export issued' }]);
    let parsed: z.infer<typeof ExportCursor>;
    try {
      parsed = ExportCursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    } catch {
      throw invalid();
    }
    const [from, to] = parsed.w;
    const start = decodeCursor(encodeCursor(parsed.k) ?? undefined, { attribute: 'gsi1pk', value: partition, allowed: INDEX_KEY }, 'body.cursor');
    if (!start || start.sk !== 'PARTNER_MODIFIED' || start.gsi1sk! < from || start.gsi1sk! > upTo(to)) throw invalid();
    return { from, to, start };
  }

  async acknowledge(ack: ShipmentAcknowledgement): Promise<'acknowledged' | 'already'> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.table, Item: { ...orderSourceKeys.acknowledgement(ack.shipmentId), entityType: 'ShipmentAcknowledgement', ...ack },
        ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return 'acknowledged';
    } catch (err) {
      if (err instanceof ConditionalCheckFailedException) return 'already';
      throw err;
    }
  }

  async acknowledgementOf(shipmentId: string): Promise<ShipmentAcknowledgement | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: orderSourceKeys.acknowledgement(shipmentId), ConsistentRead: true }));
    return out.Item ? Acknowledgement.parse(out.Item) : undefined;
  }

  async claimNotification(claim: NotificationClaim): Promise<NotificationClaim> {
    const key = orderSourceKeys.notification(claim.partnerId, claim.notificationId);
    try {
      await this.db.send(new PutCommand({
        TableName: this.table, Item: { ...key, entityType: 'ShipmentNotificationClaim', ...claim }, ConditionExpression: 'attribute_not_exists(pk)',
      }));
      return claim;
    } catch (err) {
      if (!(err instanceof ConditionalCheckFailedException)) throw err;
    }
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }));
    return Claim.parse(out.Item);
  }
}
