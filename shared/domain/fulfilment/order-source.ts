/**
 * The Order Source surface: a partner's 3PL or shipping software (ShipStation, ShipEngine
 * Connect and the like) pulls the partner's shipments as sales orders, acknowledges their import
 * and reports them shipped, in the Order Source API's vocabulary (order-source-schemas.ts).
 *
 * A sales order is one shipment (`order_id` = shipmentId): it is what a partner fulfils, and it
 * carries only what a label needs, never the employee or the company. A partner only ever
 * reaches its own shipments; anything else is "no such order", the same words whether the id
 * is unknown or another partner's, so existence does not leak.
 */
import type { Page } from '../common/schemas.js';
import { InvalidStateError, NotFoundError, ValidationFailedError } from '../errors.js';
import type { ListOptions } from '../ports.js';
import type {
  AcknowledgeOrdersRequest,
  AcknowledgeOrdersResponse,
  SalesOrder,
  SalesOrdersExportRequest,
  SalesOrdersExportResponse,
  ShipmentNotification,
  ShipmentNotificationRequest,
  ShipmentNotificationResponse,
  ShipmentNotificationResult,
} from './order-source-schemas.js';
import { Carrier, TrackingNumber } from './schemas.js';
import type { ShipmentStatus } from './statuses.js';
import { hasShipped } from './statuses.js';
import { recordShipmentEvents, type FulfilmentDeps, type StoredShipment } from './use-cases.js';

export const EXPORT_PAGE_SIZE = 100;
/** Before every stored timestamp: "modified since the beginning". */
const BEGINNING = '0000-01-01T00:00:00.000Z';
const NO_SUCH_ORDER = 'No such order for this connection';
/** There is no gift message in an order (shared/domain/orders/schemas.ts); a neutral one, nothing invented. */
export const DEFAULT_GIFT_MESSAGE = 'A gift for you';

/** The partner's acknowledgement that its software imported a shipment. */
export interface ShipmentAcknowledgement {
  shipmentId: string;
  partnerId: string;
  /** When the partner's software says it imported the order. */
  importedDate: string;
  acknowledgedAt: string;
}

/**
 * A shipment notification, claimed before its event is recorded. The claim fixes the event's
 * time, so a repeat (or a concurrent twin) records the very same event, which the event
 * identity then ignores: one notification, one event, even without a `ship_date`.
 */
export interface NotificationClaim {
  partnerId: string;
  notificationId: string;
  shipmentId: string;
  occurredAt: string;
  carrierCode: string | null;
  trackingNumber: string | null;
  claimedAt: string;
}

export interface OrderSourceRepository {
  /**
   * A partner's shipments modified in [from, to] (inclusive), oldest change first, exactly
   * `limit` per page while more remain. The cursor carries the window: with a cursor, `from`
   * and `to` are ignored.
   * @throws ValidationFailedError for a cursor this partner was not given
   */
  modifiedOfPartner(partnerId: string, window: { from: string; to: string }, options: ListOptions): Promise<Page<StoredShipment>>;
  /** Records an acknowledgement once; a repeat keeps the first. */
  acknowledge(ack: ShipmentAcknowledgement): Promise<'acknowledged' | 'already'>;
  acknowledgementOf(shipmentId: string): Promise<ShipmentAcknowledgement | undefined>;
  /** Writes the claim unless one with its partner and notification id exists; returns the one that stands. */
  claimNotification(claim: NotificationClaim): Promise<NotificationClaim>;
}

export interface OrderSourceDeps extends FulfilmentDeps {
  orderSource: OrderSourceRepository;
}

/**
 * pending, label_created → AwaitingShipment; on its way or delivered → Completed (returned too:
 * the partner's part is done); cancelled → Cancelled. An exception before the parcel left the
 * partner (an address problem) holds the order (OnHold); after, it is the carrier's and the
 * partner's order stays Completed.
 */
export function salesOrderStatusOf(s: { status: ShipmentStatus; furthest: ShipmentStatus }): SalesOrder['status'] {
  switch (s.status) {
    case 'pending':
    case 'label_created':
      return 'AwaitingShipment';
    case 'cancelled':
      return 'Cancelled';
    case 'exception':
      return hasShipped(s) ? 'Completed' : 'OnHold';
    default:
      return 'Completed';
  }
}

const SHIPPED_EVENTS: ShipmentStatus[] = ['shipped', 'in_transit', 'out_for_delivery', 'delivered'];

/** A shipment as a sales order: one requested fulfilment, a gift, no price and no buyer. */
export function toSalesOrder(s: StoredShipment): SalesOrder {
  const a = s.shippingAddress;
  const status = salesOrderStatusOf(s);
  const shippedAt = s.events.find((e) => SHIPPED_EVENTS.includes(e.status))?.occurredAt;
  return {
    order_id: s.shipmentId,
    order_number: s.orderId,
    status,
    ...(status === 'Completed' && shippedAt ? { fulfilled_date: shippedAt } : {}),
    requested_fulfillments: [{
      requested_fulfillment_id: s.shipmentId,
      ship_to: {
        name: a.name,
        ...(a.phone ? { phone: a.phone } : {}),
        address_line_1: a.line1,
        ...(a.line2 ? { address_line_2: a.line2 } : {}),
        city: a.city,
        ...(a.region ? { state_province: a.region } : {}),
        postal_code: a.postalCode,
        country_code: a.country,
      },
      items: s.items.map((item, index) => ({
        // The items of a shipment never change after it is split off, so the position is stable.
        line_item_id: `${index + 1}-${item.variantId}`,
        description: `${item.name} — ${item.variantName}`,
        product: {
          product_id: item.productId,
          name: item.name,
          ...(item.sku ? { identifiers: { sku: item.sku } } : {}),
          details: [{ name: 'Variant', value: item.variantName }],
        },
        quantity: item.quantity,
        // Paid with points: the recipient owes nothing, and no currency is required.
        unit_price: 0,
      })),
      shipping_preferences: { gift: true },
    }],
    notes: [{ type: 'GiftMessage', text: DEFAULT_GIFT_MESSAGE }],
    created_date_time: s.createdAt,
    modified_date_time: s.updatedAt,
  };
}

/**
 * SalesOrdersExport: the partner's shipments changed in the window, as sales orders.
 * Without `from_date_time`, from the beginning; without `to_date_time`, until now.
 * @throws ValidationFailedError for a cursor this partner was not given
 */
export async function exportSalesOrders(deps: OrderSourceDeps, partnerId: string, request: SalesOrdersExportRequest): Promise<SalesOrdersExportResponse> {
  const window = {
    from: request.criteria?.from_date_time ?? BEGINNING,
    to: request.criteria?.to_date_time ?? deps.clock.now().toISOString(),
  };
  const page = await deps.orderSource.modifiedOfPartner(partnerId, window, {
    limit: request.page_size ?? EXPORT_PAGE_SIZE,
    ...(request.cursor ? { cursor: request.cursor } : {}),
  });
  return { sales_orders: page.items.map(toSalesOrder), ...(page.nextCursor ? { cursor: page.nextCursor } : {}) };
}

/** The partner's own shipment, or undefined (unknown and another partner's look the same). */
async function ownShipment(deps: OrderSourceDeps, partnerId: string, orderId: string): Promise<StoredShipment | undefined> {
  const s = await deps.shipments.get(orderId);
  return s && s.partnerId === partnerId ? s : undefined;
}

/**
 * AcknowledgeOrders: records that the partner's software imported each shipment. Idempotent:
 * a repeat succeeds and keeps the first acknowledgement. A cancelled shipment may be
 * acknowledged too (its sales order says Cancelled).
 */
export async function acknowledgeOrders(deps: OrderSourceDeps, partnerId: string, request: AcknowledgeOrdersRequest): Promise<AcknowledgeOrdersResponse> {
  const acknowledgedAt = deps.clock.now().toISOString();
  const responses = await Promise.all(request.orders.map(async (o) => {
    const s = await ownShipment(deps, partnerId, o.order_id);
    if (!s) return { order_id: o.order_id, succeeded: false, failure_reason: NO_SUCH_ORDER };
    await deps.orderSource.acknowledge({ shipmentId: s.shipmentId, partnerId, importedDate: o.imported_date, acknowledgedAt });
    return { order_id: o.order_id, succeeded: true };
  }));
  return { responses };
}

/**
 * ShipmentNotification: each notification reports its shipment `shipped` (with the carrier and
 * tracking number when given), moving the shipment and its order forward as any partner event
 * does. Processed one after another, each with its own result:
 *   1. not the partner's shipment → failure (no such order);
 *   2. cancelled → failure (do not ship it);
 *   3. a carrier code without a tracking number (or the reverse), or either malformed → failure;
 *   4. the notification id is claimed with the event's time (ship_date, else now); a notification
 *      id seen before with another order or tracking number → failure;
 *   5. the event is recorded; a repeat is the same event and changes nothing → success.
 * Other errors (the store unavailable) fail the whole request, which is safe to repeat.
 */
export async function notifyShipments(deps: OrderSourceDeps, partnerId: string, request: ShipmentNotificationRequest): Promise<ShipmentNotificationResponse> {
  const notification_results: ShipmentNotificationResult[] = [];
  for (const n of request.notifications) notification_results.push(await notifyShipment(deps, partnerId, n));
  return { notification_results };
}

async function notifyShipment(deps: OrderSourceDeps, partnerId: string, n: ShipmentNotification): Promise<ShipmentNotificationResult> {
  const failure = (failure_reason: string): ShipmentNotificationResult => ({ notification_id: n.notification_id, status: 'failure', failure_reason });
  const s = await ownShipment(deps, partnerId, n.order_id);
  if (!s) return failure(NO_SUCH_ORDER);
  if (s.status === 'cancelled') return failure('The order was cancelled: do not ship it');

  const carrierCode = n.carrier_code || null;
  const trackingNumber = n.tracking_number || null;
  if ((carrierCode === null) !== (trackingNumber === null)) return failure('carrier_code and tracking_number come together');
  if (carrierCode !== null && !Carrier.safeParse(carrierCode).success) return failure('carrier_code is not a carrier code such as "ups" or "dhl_express"');
  if (trackingNumber !== null && !TrackingNumber.safeParse(trackingNumber).success) return failure('tracking_number may only hold letters, digits and dashes');
  const now = deps.clock.now();
  if (n.ship_date && n.ship_date > new Date(now.getTime() + 24 * 3600_000).toISOString()) return failure('ship_date is more than a day in the future');

  const claim = await deps.orderSource.claimNotification({
    partnerId, notificationId: n.notification_id, shipmentId: s.shipmentId, occurredAt: n.ship_date ?? now.toISOString(),
    carrierCode, trackingNumber, claimedAt: now.toISOString(),
  });
  if (claim.shipmentId !== s.shipmentId || claim.carrierCode !== carrierCode || claim.trackingNumber !== trackingNumber) {
    return failure('notification_id was already used for another shipment notification');
  }
  try {
    await recordShipmentEvents(deps, { kind: 'partner', partnerId }, s.shipmentId, [
      { status: 'shipped', occurredAt: claim.occurredAt, carrierCode, trackingNumber },
    ]);
  } catch (err) {
    // Cancelled meanwhile, or gone: the partner learns why; anything else is not its fault.
    if (err instanceof InvalidStateError) return failure(err.message);
    if (err instanceof ValidationFailedError) return failure(err.errors.map((e) => e.message).join('; '));
    if (err instanceof NotFoundError) return failure(NO_SUCH_ORDER);
    throw err;
  }
  return { notification_id: n.notification_id, status: 'success' };
}
