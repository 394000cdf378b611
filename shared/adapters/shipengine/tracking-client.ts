/**
 * ShipEngine's tracking REST calls behind the CarrierTracking port (docs/research/shipengine.md
 * §3): `POST /v1/tracking/start` subscribes a parcel to the `track` webhook, `GET /v1/tracking`
 * reads its current state. Plain fetch and zod: two calls do not need an SDK. No retries inside:
 * callers run from queues and schedules that retry.
 *
 * The API key travels only in the `API-Key` header; it is never put in an error message or log.
 */
import * as z from 'zod';
import {
  CarrierRejectedError, CarrierUnavailableError, type CarrierTracking, type CarrierTrackingUpdate,
} from '../../domain/fulfilment/tracking.js';
import { parseTrackingInfo } from './payloads.js';

export const SHIPENGINE_API_URL = 'https://api.shipengine.com';
const DEFAULT_TIMEOUT_MS = 10_000;

export interface ShipEngineTrackingSettings {
  apiKey: string;
  /** Default https://api.shipengine.com; a stand-in's URL locally and in tests. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** Per request, default 10 s. */
  timeoutMs?: number;
}

/** ShipEngine's error body: `{ request_id, errors: [{ error_source, error_type, error_code, message }] }`. */
const ErrorBody = z.looseObject({
  request_id: z.string().nullish(),
  errors: z.array(z.looseObject({ error_code: z.string().nullish(), message: z.string().nullish() })).nullish(),
});

export class ShipEngineTrackingClient implements CarrierTracking {
  private readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;
  private readonly timeoutMs: number;

  constructor(settings: ShipEngineTrackingSettings) {
    if (!settings.apiKey) throw new Error('ShipEngineTrackingClient needs an API key');
    this.apiKey = settings.apiKey;
    this.baseUrl = (settings.baseUrl ?? SHIPENGINE_API_URL).replace(/\/+$/, '');
    this.fetch = settings.fetch ?? fetch;
    this.timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** ShipEngine answers 204 and keeps one subscription per parcel, so repeating it is harmless. */
  async start(carrierCode: string, trackingNumber: string): Promise<void> {
    const response = await this.call('start tracking', 'POST', '/v1/tracking/start', carrierCode, trackingNumber);
    await response.body?.cancel();
  }

  async get(carrierCode: string, trackingNumber: string): Promise<CarrierTrackingUpdate> {
    const what = 'get tracking';
    const response = await this.call(what, 'GET', '/v1/tracking', carrierCode, trackingNumber);
    try {
      return parseTrackingInfo(await response.json(), carrierCode);
    } catch (err) {
      // A 200 we cannot read is ShipEngine's fault (or a proxy's), not the parcel's: try again later.
      throw new CarrierUnavailableError(`ShipEngine could not ${what} for ${trackingNumber} (${carrierCode}): the answer is not tracking information`, { cause: err });
    }
  }

  private async call(what: string, method: 'GET' | 'POST', path: string, carrierCode: string, trackingNumber: string): Promise<Response> {
    const query = new URLSearchParams({ carrier_code: carrierCode, tracking_number: trackingNumber });
    const subject = `${trackingNumber} (${carrierCode})`;
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}${path}?${query}`, {
        method,
        headers: { 'API-Key': this.apiKey, accept: 'application/json' },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      const reason = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${this.timeoutMs} ms` : 'network error';
      throw new CarrierUnavailableError(`ShipEngine could not ${what} for ${subject}: ${reason}`, { cause: err });
    }
    if (response.ok) return response;

    const detail = await errorDetail(response);
    const message = `ShipEngine could not ${what} for ${subject}: HTTP ${response.status}${detail}`;
    // 408 and 429 are 4xx that a later attempt can pass; ShipEngine sends 429 over 100 requests a minute.
    if (response.status >= 500 || response.status === 429 || response.status === 408) throw new CarrierUnavailableError(message);
    throw new CarrierRejectedError(message);
  }
}

/** ShipEngine's own messages and request id (support asks for it), when the body has them. */
async function errorDetail(response: Response): Promise<string> {
  const text = await response.text().catch(() => '');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return '';
  }
  const body = ErrorBody.safeParse(json);
  if (!body.success) return '';
  const messages = (body.data.errors ?? [])
    .map((e) => [e.error_code, e.message].filter(Boolean).join(': '))
    .filter(Boolean);
  const requestId = body.data.request_id ? ` [request_id ${body.data.request_id}]` : '';
  return `${messages.length > 0 ? ` ${messages.join('; ')}` : ''}${requestId}`;
}
