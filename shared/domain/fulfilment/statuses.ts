/**
 * Shipment statuses (../shared/API.md, Orders) and the rule that a shipment's status never
 * moves backwards on a late or duplicate event: `exception` and `returned` are the only side
 * paths. Carrier tracking codes (ShipEngine's, see docs/research/shipengine.md) map onto them.
 */
export const SHIPMENT_STATUSES = [
  'pending', 'label_created', 'shipped', 'in_transit', 'out_for_delivery', 'delivered', 'exception', 'returned',
] as const;
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
  if (current === 'delivered' || current === 'returned') return current;
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
