/**
 * Carrier tracking as the domain sees it: a parcel's normalised status and its scans, whatever
 * service reports them (ShipEngine in production, see docs/research/shipengine.md). Codes are
 * the carrier service's normalised tracking codes; statuses.ts maps them to shipment statuses.
 */

export interface CarrierTrackingEvent {
  /** ISO 8601 in UTC, e.g. 2026-11-26T10:00:00.000Z. */
  occurredAt: string;
  /** The normalised code of this scan (AC, IT, DE, EX, AT, NY, UN, SP), upper case; null when the service gives none. */
  statusCode: string | null;
  /** The carrier's own code for this scan. */
  carrierStatusCode: string | null;
  description: string | null;
  /** "City, ST, CC": only city, state or province and country, never a street address, postal code or signer. */
  location: string | null;
}

export interface CarrierTrackingUpdate {
  trackingNumber: string;
  carrierCode: string | null;
  /** The parcel's normalised code (see CarrierTrackingEvent.statusCode). */
  statusCode: string | null;
  statusDescription: string | null;
  /** ISO 8601 in UTC. */
  estimatedDeliveryAt: string | null;
  /** The parcel's whole history, newest first: every update repeats earlier scans, so deduplicate on use. */
  events: CarrierTrackingEvent[];
}

/** Port: the carrier-tracking service (ShipEngine in production). */
export interface CarrierTracking {
  /**
   * Subscribes to tracking updates of a parcel (webhooks follow). Idempotent.
   * @throws CarrierUnavailableError when the service cannot answer now (retry later).
   * @throws CarrierRejectedError when the service refuses the parcel (do not retry).
   */
  start(carrierCode: string, trackingNumber: string): Promise<void>;
  /**
   * The parcel's current tracking information (reconciliation of quiet shipments).
   * @throws CarrierUnavailableError when the service cannot answer now (retry later).
   * @throws CarrierRejectedError when the service refuses the parcel (do not retry).
   */
  get(carrierCode: string, trackingNumber: string): Promise<CarrierTrackingUpdate>;
}

/** The tracking service could not answer (429, 5xx, network, timeout, unreadable answer): retry later. */
export class CarrierUnavailableError extends Error {
  override readonly name = 'CarrierUnavailableError';
}

/** The tracking service refused the request (4xx: unknown carrier, invalid tracking number, bad key): do not retry. */
export class CarrierRejectedError extends Error {
  override readonly name = 'CarrierRejectedError';
}
