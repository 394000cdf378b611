/**
 * A local stand-in for the ShipEngine tracking API, so the production client
 * (shared/adapters/shipengine/tracking-client.ts) and webhook route run without internet or a
 * ShipEngine account:
 *
 *   const standIn = await startShipEngineStandIn({ webhookUrl: () => `${api}/v1/webhooks/shipengine` });
 *   new ShipEngineTrackingClient({ apiKey: standIn.apiKey, baseUrl: standIn.url });
 *   jwksKeySource(standIn.jwksUrl);   // in place of https://api.shipengine.com/jwks
 *
 * It serves `POST /v1/tracking/start`, `GET /v1/tracking` and `GET /jwks` in ShipEngine's wire
 * format (docs/research/shipengine.md), requires the `API-Key` header on the API, and
 * `deliverWebhook` POSTs an `API_TRACK` (or `TRACK_EVENT_V2`) payload signed the way ShipEngine
 * signs (RSA-SHA256 over `${timestamp}.${body}`, key id, signature and timestamp headers) with a
 * key pair made at start, whose public half is at /jwks.
 *
 * Deliberately narrower than ShipEngine: tracking exists only where setTracking put it (GET
 * answers 404 otherwise); webhooks go out only when deliverWebhook is called, once, without
 * ShipEngine's retries; error messages are made up in ShipEngine's error shape.
 */
import { generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scan, as in GET /v1/tracking's `events[]`. */
export interface ShipEngineTrackEvent {
  occurred_at: string;
  carrier_occurred_at: string | null;
  description: string;
  city_locality: string;
  state_province: string;
  postal_code: string;
  country_code: string;
  company_name: string;
  signer: string;
  event_code: string;
  carrier_detail_code: string | null;
  status_code: string | null;
  status_detail_code: string | null;
  carrier_status_code: string | null;
  carrier_status_description: string | null;
  latitude?: number;
  longitude?: number;
}

/** The tracking information object of GET /v1/tracking (and of the webhooks' `data`). */
export interface ShipEngineTrackingInfo {
  tracking_number: string;
  tracking_url: string | null;
  status_code: string;
  status_detail_code: string | null;
  status_detail_description: string | null;
  carrier_code: string;
  carrier_id: string | number | null;
  carrier_detail_code: string | null;
  status_description: string | null;
  carrier_status_code: string | null;
  carrier_status_description: string | null;
  ship_date: string | null;
  estimated_delivery_date: string | null;
  actual_delivery_date: string | null;
  exception_description: string | null;
  events: ShipEngineTrackEvent[];
}

/** What setTracking takes: any fields of the tracking information; each event needs only occurred_at. */
export type ShipEngineTrackingPatch = Partial<Omit<ShipEngineTrackingInfo, 'tracking_number' | 'carrier_code' | 'events'>> & {
  events?: Array<Partial<ShipEngineTrackEvent> & { occurred_at: string }>;
};

export interface DeliverWebhookOptions {
  /** Send the ShipStation V2 `TRACK_EVENT_V2` shape instead of v1 `API_TRACK`. */
  v2?: boolean;
  /** Change the body after signing it, as a forger would. */
  tamper?: boolean;
  /** The signed timestamp (Unix ms), default now; sent as ISO 8601. */
  timestamp?: number;
  /** The key id header, default the stand-in's own key. */
  keyId?: string;
}

export interface ShipEngineStandInOptions {
  /** Where deliverWebhook POSTs (the API's ShipEngine webhook route). A function because that URL may be known only later. */
  webhookUrl?: () => string;
  /** Default: a random `TEST_…` key, like ShipEngine's sandbox keys. */
  apiKey?: string;
  /** Default 0: a free port. Always bound to 127.0.0.1. */
  port?: number;
}

export interface ShipEngineStandIn {
  url: string;
  jwksUrl: string;
  apiKey: string;
  /** Parcels subscribed through POST /v1/tracking/start, once each, in order. */
  started: Array<{ carrierCode: string; trackingNumber: string }>;
  /** Creates or changes the tracking information GET /v1/tracking answers and webhooks carry. */
  setTracking(carrierCode: string, trackingNumber: string, update: ShipEngineTrackingPatch): void;
  /** POSTs a signed tracking webhook for the parcel to webhookUrl; status 0 when no answer came. */
  deliverWebhook(carrierCode: string, trackingNumber: string, options?: DeliverWebhookOptions): Promise<{ status: number; body: string }>;
  /** The next `times` API requests are answered with `status` (e.g. 503, 429) in ShipEngine's error shape. */
  failNext(status: number, times?: number): void;
  stop(): Promise<void>;
}

const CARRIER_CODE = /^[a-z0-9]+(_[a-z0-9]+)*$/;
const STATUS_DESCRIPTIONS: Record<string, string> = {
  UN: 'Unknown', AC: 'Accepted', IT: 'In Transit', DE: 'Delivered', EX: 'Exception', AT: 'Delivery Attempt', NY: 'Not Yet In System',
  SP: 'Delivered To Collection Location',
};

class ShipEngineApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorType: string,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startShipEngineStandIn(options: ShipEngineStandInOptions = {}): Promise<ShipEngineStandIn> {
  const apiKey = options.apiKey ?? `TEST_${randomBytes(24).toString('base64url')}`;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const keyId = `local-${randomBytes(6).toString('hex')}`;
  const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: keyId, use: 'sig', alg: 'RS256' }] };
  const tracking = new Map<string, ShipEngineTrackingInfo>();
  const started: ShipEngineStandIn['started'] = [];
  const failures: number[] = [];
  const labelIds = new Map<string, string>();
  const keyOf = (carrierCode: string, trackingNumber: string) => `${carrierCode} ${trackingNumber}`;
  /** V2 webhooks point at the parcel's label (`/v2/labels/se-…/track`); one made-up id per parcel. */
  const labelIdOf = (carrierCode: string, trackingNumber: string) => {
    const key = keyOf(carrierCode, trackingNumber);
    if (!labelIds.has(key)) labelIds.set(key, `se-${1_000_000 + labelIds.size}`);
    return labelIds.get(key)!;
  };

  function parcelParams(query: URLSearchParams): { carrierCode: string; trackingNumber: string } {
    const carrierCode = query.get('carrier_code');
    const trackingNumber = query.get('tracking_number');
    if (!carrierCode) throw new ShipEngineApiError(400, 'validation', 'field_value_required', 'carrier_code is required.');
    if (!trackingNumber) throw new ShipEngineApiError(400, 'validation', 'field_value_required', 'tracking_number is required.');
    if (!CARRIER_CODE.test(carrierCode)) {
      throw new ShipEngineApiError(400, 'validation', 'invalid_field_value', `carrier_code '${carrierCode}' is not a valid carrier code.`);
    }
    return { carrierCode, trackingNumber };
  }

  function handleApi(method: string, path: string, query: URLSearchParams): { status: number; body?: unknown } {
    if (method === 'POST' && path === '/v1/tracking/start') {
      const parcel = parcelParams(query);
      if (!started.some((p) => p.carrierCode === parcel.carrierCode && p.trackingNumber === parcel.trackingNumber)) started.push(parcel);
      return { status: 204 };
    }
    if (method === 'GET' && path === '/v1/tracking') {
      const { carrierCode, trackingNumber } = parcelParams(query);
      const info = tracking.get(keyOf(carrierCode, trackingNumber));
      if (!info) {
        throw new ShipEngineApiError(404, 'validation', 'not_found', `Tracking information for ${trackingNumber} (${carrierCode}) was not found.`);
      }
      return { status: 200, body: info };
    }
    throw new ShipEngineApiError(404, 'validation', 'not_found', `${method} ${path} is not served by the local ShipEngine stand-in.`);
  }

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    await drain(req);
    if (req.method === 'GET' && url.pathname === '/jwks') {
      sendJson(res, 200, jwks);
      return;
    }
    try {
      if (req.headers['api-key'] !== apiKey) {
        throw new ShipEngineApiError(401, 'security', 'unauthorized', 'The API key is invalid. Please see https://www.shipengine.com/docs/auth');
      }
      const failure = failures.shift();
      if (failure !== undefined) {
        if (failure === 429) res.setHeader('retry-after', '1');
        throw new ShipEngineApiError(failure, 'system', failure === 429 ? 'rate_limit_exceeded' : 'unspecified', `HTTP ${failure} injected by the local ShipEngine stand-in.`);
      }
      const answer = handleApi(req.method ?? 'GET', url.pathname, url.searchParams);
      if (answer.body === undefined) {
        res.writeHead(answer.status).end();
      } else {
        sendJson(res, answer.status, answer.body);
      }
    } catch (err) {
      if (!(err instanceof ShipEngineApiError)) throw err;
      sendJson(res, err.status, {
        request_id: randomUUID(),
        errors: [{ error_source: 'shipengine', error_type: err.errorType, error_code: err.errorCode, message: err.message }],
      });
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  function setTracking(carrierCode: string, trackingNumber: string, update: ShipEngineTrackingPatch) {
    const key = keyOf(carrierCode, trackingNumber);
    const current = tracking.get(key) ?? emptyTracking(carrierCode, trackingNumber);
    const { events, ...fields } = update;
    const next: ShipEngineTrackingInfo = { ...current, ...fields, events: events ? events.map(fullEvent) : current.events };
    if (fields.status_code !== undefined && fields.status_description === undefined) {
      next.status_description = STATUS_DESCRIPTIONS[fields.status_code] ?? null;
    }
    tracking.set(key, next);
  }

  async function deliverWebhook(carrierCode: string, trackingNumber: string, opts: DeliverWebhookOptions = {}) {
    const info = tracking.get(keyOf(carrierCode, trackingNumber));
    if (!info) throw new Error(`No tracking for ${trackingNumber} (${carrierCode}): call setTracking first`);
    if (!options.webhookUrl) throw new Error('The ShipEngine stand-in was started without a webhookUrl');
    const payload = opts.v2 ? v2Payload(baseUrl, info, labelIdOf(carrierCode, trackingNumber)) : v1Payload(baseUrl, info);
    const body = JSON.stringify(payload);
    const timestamp = new Date(opts.timestamp ?? Date.now()).toISOString();
    const signature = sign('RSA-SHA256', Buffer.from(`${timestamp}.${body}`, 'utf8'), privateKey).toString('base64');
    const sent = opts.tamper ? JSON.stringify({ ...payload, data: { ...payload.data, status_code: info.status_code === 'DE' ? 'EX' : 'DE' } }) : body;
    try {
      const response = await fetch(options.webhookUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          // Corroborated by third-party handlers that check it, not by ShipEngine's docs.
          'user-agent': 'ShipEngine/v1',
          'x-shipengine-rsa-sha256-key-id': opts.keyId ?? keyId,
          'x-shipengine-rsa-sha256-signature': signature,
          'x-shipengine-timestamp': timestamp,
        },
        body: sent,
        signal: AbortSignal.timeout(10_000),
      });
      return { status: response.status, body: await response.text() };
    } catch (err) {
      return { status: 0, body: err instanceof Error ? err.message : String(err) };
    }
  }

  return {
    url: baseUrl,
    jwksUrl: `${baseUrl}/jwks`,
    apiKey,
    started,
    setTracking,
    deliverWebhook,
    failNext(status, times = 1) {
      for (let i = 0; i < times; i++) failures.push(status);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function emptyTracking(carrierCode: string, trackingNumber: string): ShipEngineTrackingInfo {
  return {
    tracking_number: trackingNumber,
    tracking_url: null,
    status_code: 'UN',
    status_detail_code: null,
    status_detail_description: null,
    carrier_code: carrierCode,
    carrier_id: null,
    carrier_detail_code: null,
    status_description: 'Unknown',
    carrier_status_code: null,
    carrier_status_description: null,
    ship_date: null,
    estimated_delivery_date: null,
    actual_delivery_date: null,
    exception_description: null,
    events: [],
  };
}

function fullEvent(event: Partial<ShipEngineTrackEvent> & { occurred_at: string }): ShipEngineTrackEvent {
  return {
    // ShipEngine's carrier_occurred_at is carrier-local time without an offset; the stand-in's carriers live in UTC.
    carrier_occurred_at: event.occurred_at.replace(/(\.\d+)?Z$/, ''),
    description: '',
    city_locality: '',
    state_province: '',
    postal_code: '',
    country_code: '',
    company_name: '',
    signer: '',
    event_code: '',
    carrier_detail_code: null,
    status_code: null,
    status_detail_code: null,
    carrier_status_code: null,
    carrier_status_description: null,
    ...event,
  };
}

/**
 * ShipEngine v1 `track`: the documented webhook fields only. It names no carrier in `data`; the
 * carrier is in resource_url, as ShipEngine sends it.
 */
function v1Payload(baseUrl: string, info: ShipEngineTrackingInfo) {
  const query = new URLSearchParams({ carrier_code: info.carrier_code, tracking_number: info.tracking_number });
  return {
    resource_url: `${baseUrl}/v1/tracking?${query}`,
    resource_type: 'API_TRACK',
    data: {
      label_url: null,
      tracking_number: info.tracking_number,
      status_code: info.status_code,
      carrier_detail_code: info.carrier_detail_code,
      status_description: info.status_description,
      carrier_status_code: info.carrier_status_code,
      carrier_status_description: info.carrier_status_description,
      ship_date: info.ship_date,
      estimated_delivery_date: info.estimated_delivery_date,
      actual_delivery_date: info.actual_delivery_date,
      exception_description: info.exception_description,
      events: info.events.map(({ status_detail_code: _detail, ...event }) => event),
    },
  };
}

/** ShipStation V2 `track_event_v2`: resource_url names a label; data names the carrier. */
function v2Payload(baseUrl: string, info: ShipEngineTrackingInfo, labelId: string) {
  return {
    resource_url: `${baseUrl}/v2/labels/${labelId}/track`,
    resource_type: 'TRACK_EVENT_V2',
    data: {
      tracking_number: info.tracking_number,
      tracking_url: info.tracking_url,
      status_code: info.status_code,
      status_detail_code: info.status_detail_code,
      status_detail_description: info.status_detail_description,
      carrier_code: info.carrier_code,
      carrier_id: info.carrier_id,
      carrier_detail_code: info.carrier_detail_code,
      status_description: info.status_description,
      carrier_status_code: info.carrier_status_code,
      carrier_status_description: info.carrier_status_description,
      ship_date: info.ship_date,
      estimated_delivery_date: info.estimated_delivery_date,
      actual_delivery_date: info.actual_delivery_date,
      exception_description: info.exception_description,
      events: info.events,
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve, reject) => {
    req.on('data', () => undefined);
    req.on('end', resolve);
    req.on('error', reject);
  });
}
