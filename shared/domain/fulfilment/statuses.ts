/**
 * Shipment statuses (../shared/API.md, Orders) and the rule that a shipment's status never
 * moves backwards on a late or duplicate event: `exception` and `returned` are the only side
 * paths. Carrier tracking codes (ShipEngine's, see docs/research/shipengine.md) map onto them.
 */
export const SHIPMENT_STATUSES = [
  'pending', 'label_created', 'shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned', 'cancelled',
] as const;
/** What partners and carriers report; `cancelled` is set only when the order is cancelled before it ships. */
export const REPORTABLE_STATUSES = SHIPMENT_STATUSES.filter((s) => s !== 'cancelled' && s !== 'pending') as Exclude<ShipmentStatus, 'cancelled' | 'pending'>[];
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** The forward path; a later event may only move a shipment further along it. */
const FORWARD: ShipmentStatus[] = ['pending', 'label_created', 'shipped', 'in_transit', 'out_for_delivery', 'delivered'];
const rank = (s: ShipmentStatus) => FORWARD.indexOf(s);

/**
 * The status after an event reports `incoming`, given the current status and the furthest
 * forward status the shipment has reached (an exception keeps its place on the path).
 * Returns the current status when the event would move it backwards.
 */
export function nextShipmentStatus(current: ShipmentStatus, furthest: ShipmentStatus, incoming: ShipmentStatus): ShipmentStatus {
  if (current === 'delivered' || current === 'returned' || current === 'cancelled') return current;
  if (incoming === 'returned') return 'returned';
  if (incoming === 'exception') return 'exception';
  // Forward statuses: only beyond the furthest reached (an exception recovers on a newer scan).
  return rank(incoming) > rank(furthest) || (current === 'exception' && rank(incoming) >= rank(furthest)) ? incoming : current;
}

/**
 * ShipEngine's normalised tracking codes. `UN` (unknown) carries no information and maps to
 * nothing; a delivery attempt keeps the parcel out for delivery; `SP` (delivered to a
 * collection point) counts as delivered.
 */
const CARRIER_CODES: Record<string, ShipmentStatus | null> = {
  NY: 'label_created',
  AC: 'shipped',
  IT: 'in_transit',
  AT: 'out_for_delivery',
  DE: 'delivered',
  SP: 'delivered',
  EX: 'exception',
  UN: null,
};

export function statusFromTrackingCode(code: string | null | undefined): ShipmentStatus | null {
  return code ? (CARRIER_CODES[code.toUpperCase()] ?? null) : null;
}

export interface ShipmentProgress {
  status: ShipmentStatus;
  /** The furthest status on the forward path the shipment has reached. */
  furthest: ShipmentStatus;
  /** When the newest event applied so far happened. */
  latestEventAt: string | null;
}

/**
 * Applies an event to a shipment's progress. A newer event moves it as `nextShipmentStatus`
 * says. An event that happened before the newest one seen (a late delivery of an old scan)
 * never moves the status back: it can only carry the shipment further along the forward path,
 * and an older exception or return is history, not news.
 */
export function applyShipmentEvent(progress: ShipmentProgress, event: { status: ShipmentStatus; occurredAt: string }): ShipmentProgress {
  const { status, furthest, latestEventAt } = progress;
  const forward = FORWARD.includes(event.status);
  const furthestAfter = forward && rank(event.status) > rank(furthest) ? event.status : furthest;
  if (status === 'cancelled') return progress;
  if (latestEventAt === null || event.occurredAt >= latestEventAt) {
    return { status: nextShipmentStatus(status, furthest, event.status), furthest: furthestAfter, latestEventAt: event.occurredAt };
  }
  if (!forward || status === 'delivered' || status === 'returned') return { ...progress, furthest: status === 'returned' ? furthest : furthestAfter };
  // An exception reported after this older scan still stands; otherwise the scan carries the shipment on.
  return { status: status === 'exception' || rank(event.status) <= rank(furthest) ? status : event.status, furthest: furthestAfter, latestEventAt };
}

/** Whether a shipment has left the partner (the order can no longer be cancelled). */
export function hasShipped(progress: Pick<ShipmentProgress, 'status' | 'furthest'>): boolean {
  return rank(progress.furthest) >= rank('shipped') || progress.status === 'returned';
}

const ORDER_PATH = ['placed', 'processing', 'shipped', 'delivered'] as const;
type FulfilledOrderStatus = (typeof ORDER_PATH)[number];

/**
 * An order's status follows its shipments: processing once assigned, shipped when the first
 * ships, delivered when every (not cancelled) shipment is delivered. Never backwards.
 */
export function orderStatusFor(current: FulfilledOrderStatus, shipments: Pick<ShipmentProgress, 'status' | 'furthest'>[]): FulfilledOrderStatus {
  const live = shipments.filter((s) => s.status !== 'cancelled');
  if (!live.length) return current;
  const derived: FulfilledOrderStatus = live.every((s) => s.status === 'delivered') ? 'delivered' : live.some(hasShipped) ? 'shipped' : 'processing';
  return ORDER_PATH.indexOf(derived) > ORDER_PATH.indexOf(current) ? derived : current;
}
