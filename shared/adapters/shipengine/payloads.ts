/**
 * ShipEngine's tracking information (GET /v1/tracking, and the `data` of tracking webhooks)
 * read into CarrierTrackingUpdates. Shapes per docs/research/shipengine.md §1.2, §1.3 and §3.3.
 * Real payloads are looser than ShipEngine's JSON schema (empty strings and nulls in "required"
 * fields, numbers where strings are documented), so only the tracking number is required and
 * every other field degrades to null. Unknown fields are ignored: ShipEngine adds fields.
 *
 * The body must already be verified (webhook-signature.ts) and JSON-parsed.
 */
import * as z from 'zod';
import type { CarrierTrackingEvent, CarrierTrackingUpdate } from '../../domain/fulfilment/tracking.js';

/** ShipEngine v1 `track` webhook (docs: webhooks-schemas). */
export const API_TRACK = 'API_TRACK';
/** ShipStation V2 `track_event_v2` webhook (docs.shipstation.com webhooks-schemas). */
export const TRACK_EVENT_V2 = 'TRACK_EVENT_V2';

const optionalText = z.string().nullish();
/** The docs show some codes as numbers (carrier_status_code in the Python SDK example, carrier_id in V2). */
const optionalCode = z.union([z.string(), z.number()]).nullish();

const TrackEvent = z.looseObject({
  occurred_at: optionalText,
  /** 2019-era payloads (third-party code comments, unconfirmed) named occurred_at event_date. */
  event_date: optionalText,
  description: optionalText,
  city_locality: optionalText,
  state_province: optionalText,
  country_code: optionalText,
  status_code: optionalText,
  carrier_status_code: optionalCode,
  event_code: optionalCode,
});

/** The tracking information object: GET /v1/tracking's body and the webhooks' `data`. */
const TrackingInfo = z.looseObject({
  tracking_number: z.string().trim().min(1),
  /** Absent from v1 webhooks (the carrier is in resource_url); present in V2 webhooks and GET responses. */
  carrier_code: optionalText,
  status_code: optionalText,
  status_description: optionalText,
  estimated_delivery_date: optionalText,
  /** Not an array (absent or null) on parcels with no scans yet. */
  events: z.array(z.unknown()).nullish(),
});

const WebhookEnvelope = z.looseObject({
  resource_type: z.string(),
  resource_url: optionalText,
  data: z.unknown().optional(),
});

/**
 * Reads a GET /v1/tracking response body. `requestedCarrierCode` stands in when the body names
 * no carrier; ShipEngine may answer with another code than asked (stamps_com → usps).
 * @throws z.ZodError when the body is not tracking information (no tracking number).
 */
export function parseTrackingInfo(json: unknown, requestedCarrierCode: string | null = null): CarrierTrackingUpdate {
  return toUpdate(TrackingInfo.parse(json), requestedCarrierCode);
}

/**
 * Reads a tracking webhook: `API_TRACK` (ShipEngine v1 `track`) or `TRACK_EVENT_V2` (ShipStation
 * V2 `track_event_v2`). Anything else, including tracking webhooks without usable tracking
 * data, is `{ ignored: reason }`: the caller acknowledges it (a retry would bring the same body)
 * and logs the reason.
 */
export function parseTrackingWebhook(body: unknown): { update: CarrierTrackingUpdate } | { ignored: string } {
  if (typeof body === 'string') return { ignored: 'expected the parsed JSON body, got a string' };
  const envelope = WebhookEnvelope.safeParse(body);
  if (!envelope.success) return { ignored: 'not a ShipEngine webhook (no resource_type)' };
  const { resource_type: type, resource_url: resourceUrl, data } = envelope.data;
  if (type !== API_TRACK && type !== TRACK_EVENT_V2) return { ignored: `resource_type ${type} is not a tracking event` };
  const info = TrackingInfo.safeParse(data);
  if (!info.success) return { ignored: `${type} without usable tracking data: ${z.prettifyError(info.error)}` };
  return { update: toUpdate(info.data, carrierFromResourceUrl(resourceUrl)) };
}

function toUpdate(info: z.infer<typeof TrackingInfo>, fallbackCarrierCode: string | null): CarrierTrackingUpdate {
  const events = (info.events ?? [])
    .map(toEvent)
    .filter((event): event is CarrierTrackingEvent => event !== null)
    // ShipEngine documents newest first; sorting makes it a guarantee (stable for equal times).
    .sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
  return {
    trackingNumber: info.tracking_number,
    carrierCode: blankToNull(info.carrier_code) ?? fallbackCarrierCode,
    statusCode: upperCode(info.status_code),
    statusDescription: blankToNull(info.status_description),
    estimatedDeliveryAt: isoUtc(info.estimated_delivery_date),
    events,
  };
}

/** An event without a readable time is dropped: it could not be ordered or deduplicated. */
function toEvent(raw: unknown): CarrierTrackingEvent | null {
  const parsed = TrackEvent.safeParse(raw);
  if (!parsed.success) return null;
  const event = parsed.data;
  // carrier_occurred_at is carrier-local time without an offset, so it is never a fallback.
  const occurredAt = isoUtc(event.occurred_at) ?? isoUtc(event.event_date);
  if (!occurredAt) return null;
  return {
    occurredAt,
    statusCode: upperCode(event.status_code),
    carrierStatusCode: codeText(event.carrier_status_code) ?? codeText(event.event_code),
    description: blankToNull(event.description),
    location: locationOf(event),
  };
}

/**
 * Only city, state/province and country: the recipient's street, postal code, company and
 * signer are personal data we neither need nor keep.
 */
function locationOf(event: z.infer<typeof TrackEvent>): string | null {
  const parts = [event.city_locality, event.state_province, event.country_code].map(blankToNull).filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(', ') : null;
}

/**
 * The carrier of a v1 webhook, which names it only in resource_url:
 * `…/v1/tracking?carrier_code=usps&tracking_number=…`, or the 2019 form `…/v1/tracking/usps/…`.
 * V2's resource_url names a label instead (`…/v2/labels/se-…/track`), but its data has carrier_code.
 */
function carrierFromResourceUrl(resourceUrl: string | null | undefined): string | null {
  if (!resourceUrl || !URL.canParse(resourceUrl)) return null;
  const url = new URL(resourceUrl);
  const fromQuery = blankToNull(url.searchParams.get('carrier_code'));
  if (fromQuery) return fromQuery;
  const match = /\/v1\/tracking\/([^/]+)\/[^/]+\/?$/.exec(url.pathname);
  return match ? decodeURIComponent(match[1]!) : null;
}

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?)?$/i;

/**
 * ISO 8601 in UTC, or null for anything else. Values without an offset (V2's documented
 * `estimated_delivery_date: "2026-04-30T00:00:00"`, date-only values) are read as UTC: ShipEngine
 * states no time zone for them [unconfirmed], and a delivery estimate is a day, not an instant.
 */
function isoUtc(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text) return null;
  const match = ISO_DATE_TIME.exec(text);
  if (!match) return null;
  const [, date, time, offset] = match;
  const ms = Date.parse(time ? `${date}T${time}${offset ?? 'Z'}` : `${date}T00:00:00Z`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

function blankToNull(value: string | null | undefined): string | null {
  const text = value?.trim();
  return text ? text : null;
}

/** Normalised codes are upper case in payloads, lower case in the old JSON schema. */
function upperCode(value: string | null | undefined): string | null {
  return blankToNull(value)?.toUpperCase() ?? null;
}

function codeText(value: string | number | null | undefined): string | null {
  return typeof value === 'number' ? String(value) : blankToNull(value);
}
