/**
 * The API shapes the partner console and the tracking page read, taken from the domain's own
 * schemas as types only (nothing of the domain is bundled but the status lists, which are
 * plain constants), so the portals cannot drift from ../shared/API.md.
 */
import type { PartnerShipment } from '../../../shared/domain/fulfilment/schemas.js';
import { REPORTABLE_STATUSES, SHIPMENT_STATUSES, type ShipmentStatus } from '../../../shared/domain/fulfilment/statuses.js';

export type { PartnerShipment, ShipmentEvent, TrackingView } from '../../../shared/domain/fulfilment/schemas.js';
export type { ShippingAddress } from '../../../shared/domain/orders/schemas.js';
export { REPORTABLE_STATUSES, SHIPMENT_STATUSES, type ShipmentStatus };

export type ReportableStatus = (typeof REPORTABLE_STATUSES)[number];

/** What `POST /v1/partner/shipments/{id}/events` takes (the schema's input side). */
export interface EventBody {
  status: ReportableStatus;
  occurredAt: string;
  carrierCode?: string;
  trackingNumber?: string;
  location?: string;
  description?: string;
}

/** `POST /v1/partner/shipments/{id}/events` answers with the shipment and whether the event was new. */
export type PostedEvent = PartnerShipment & { duplicate: boolean };

/** The forward path a parcel travels; `exception`, `returned` and `cancelled` are off it. */
export const FORWARD_PATH = ['pending', 'label_created', 'shipped', 'in_transit', 'out_for_delivery', 'delivered'] as const satisfies readonly ShipmentStatus[];

/** How far along the forward path a shipment got, from its status and the events it has had. */
export function furthestOnPath(status: ShipmentStatus, events: { status: ShipmentStatus }[]): number {
  const rank = (s: ShipmentStatus) => (FORWARD_PATH as readonly ShipmentStatus[]).indexOf(s);
  return Math.max(rank(status), 0, ...events.map((e) => rank(e.status)));
}
