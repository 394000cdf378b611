/**
 * The production ShipEngine tracking client against the local stand-in, and the stand-in's
 * webhooks received by an endpoint that verifies them with the production verifier against the
 * stand-in's key set, then parses them with the production parser.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startShipEngineStandIn, type ShipEngineStandIn } from '../../local/shipengine/stand-in.js';
import { parseTrackingWebhook } from '../../shared/adapters/shipengine/payloads.js';
import { ShipEngineTrackingClient } from '../../shared/adapters/shipengine/tracking-client.js';
import { jwksKeySource, verifyShipEngineWebhook } from '../../shared/adapters/shipengine/webhook-signature.js';
import { InvalidSignatureError } from '../../shared/domain/errors.js';
import { CarrierRejectedError, CarrierUnavailableError, type CarrierTrackingUpdate } from '../../shared/domain/fulfilment/tracking.js';

interface Received {
  update?: CarrierTrackingUpdate;
  ignored?: string;
  refused?: unknown;
}

/** A webhook endpoint as the platform's will be: verify the raw body, then parse; 401 when it does not verify. */
async function startReceiver(jwksUrl: string) {
  const keys = jwksKeySource(jwksUrl);
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      verifyShipEngineWebhook(raw, headers, keys).then(
        () => {
          received.push(parseTrackingWebhook(JSON.parse(raw)));
          res.writeHead(200).end('ok');
        },
        (err: unknown) => {
          received.push({ refused: err });
          res.writeHead(401).end('refused');
        },
      );
    });
  });
  await listen(server);
  return { url: `${urlOf(server)}/v1/webhooks/shipengine`, received, stop: () => close(server) };
}

function listen(server: Server) {
  return new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}
function urlOf(server: Server) {
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
function close(server: Server) {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

const USPS = '9400111205476899201487';

let standIn: ShipEngineStandIn;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let client: ShipEngineTrackingClient;

beforeAll(async () => {
  let webhookUrl = '';
  standIn = await startShipEngineStandIn({ webhookUrl: () => webhookUrl });
  receiver = await startReceiver(standIn.jwksUrl);
  webhookUrl = receiver.url;
  client = new ShipEngineTrackingClient({ apiKey: standIn.apiKey, baseUrl: standIn.url });
  standIn.setTracking('usps', USPS, {
    status_code: 'DE',
    carrier_status_code: '01',
    estimated_delivery_date: '2026-11-25T00:00:00',
    events: [
      {
        occurred_at: '2026-11-25T16:59:03Z', description: 'Delivered, In/At Mailbox', status_code: 'DE', event_code: '01',
        city_locality: 'AUSTIN', state_province: 'TX', postal_code: '78756', country_code: 'US', signer: 'J SMITH',
      },
      { occurred_at: '2026-11-24T21:10:00Z', description: 'Arrived at USPS Regional Facility', status_code: 'IT', event_code: '10', city_locality: 'AUSTIN', state_province: 'TX' },
    ],
  });
});
afterAll(async () => {
  await standIn.stop();
  await receiver.stop();
});
beforeEach(() => {
  receiver.received.length = 0;
});

const deliveredUpdate: CarrierTrackingUpdate = {
  trackingNumber: USPS,
  carrierCode: 'usps',
  statusCode: 'DE',
  statusDescription: 'Delivered',
  estimatedDeliveryAt: '2026-11-25T00:00:00.000Z',
  events: [
    { occurredAt: '2026-11-25T16:59:03.000Z', statusCode: 'DE', carrierStatusCode: '01', description: 'Delivered, In/At Mailbox', location: 'AUSTIN, TX, US' },
    { occurredAt: '2026-11-24T21:10:00.000Z', statusCode: 'IT', carrierStatusCode: '10', description: 'Arrived at USPS Regional Facility', location: 'AUSTIN, TX' },
  ],
};

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected a rejection');
}

describe('the ShipEngine tracking client against the stand-in', () => {
  it('starts tracking a parcel, once however often it is asked', async () => {
    await client.start('ups', '1Z999AA10123456784');
    await client.start('ups', '1Z999AA10123456784');
    expect(standIn.started).toEqual([{ carrierCode: 'ups', trackingNumber: '1Z999AA10123456784' }]);
  });

  it('gets the tracking information the stand-in holds', async () => {
    expect(await client.get('usps', USPS)).toEqual(deliveredUpdate);
  });

  it('is rejected with ShipEngine’s message, and without the key in it, when the API key is wrong', async () => {
    const wrongKey = 'TEST_not-the-key';
    const err = await rejection(new ShipEngineTrackingClient({ apiKey: wrongKey, baseUrl: standIn.url }).get('usps', USPS));
    expect(err).toBeInstanceOf(CarrierRejectedError);
    expect(err.message).toMatch(/HTTP 401 unauthorized: The API key is invalid/);
    expect(err.message).not.toContain(wrongKey);
    expect(err.message).not.toContain(standIn.apiKey);
  });

  it('is rejected for a parcel ShipEngine does not know, and for an invalid carrier code', async () => {
    const unknown = await rejection(client.get('usps', '0000'));
    expect(unknown).toBeInstanceOf(CarrierRejectedError);
    expect(unknown.message).toMatch(/HTTP 404 not_found: Tracking information for 0000 \(usps\) was not found\. \[request_id [0-9a-f-]{36}\]/);
    const invalid = await rejection(client.start('Not A Carrier', USPS));
    expect(invalid).toBeInstanceOf(CarrierRejectedError);
    expect(invalid.message).toContain('HTTP 400 invalid_field_value');
  });

  it('is unavailable when ShipEngine answers 503 or 429, and works again on the next call', async () => {
    standIn.failNext(503);
    standIn.failNext(429);
    const outage = await rejection(client.get('usps', USPS));
    expect(outage).toBeInstanceOf(CarrierUnavailableError);
    expect(outage.message).toContain('HTTP 503');
    const limited = await rejection(client.start('usps', USPS));
    expect(limited).toBeInstanceOf(CarrierUnavailableError);
    expect(limited.message).toContain('HTTP 429 rate_limit_exceeded');
    expect((await client.get('usps', USPS)).statusCode).toBe('DE');
  });

  it('is unavailable when ShipEngine cannot be reached or does not answer in time', async () => {
    const gone = await startShipEngineStandIn();
    await gone.stop();
    const down = await rejection(new ShipEngineTrackingClient({ apiKey: gone.apiKey, baseUrl: gone.url }).get('usps', USPS));
    expect(down).toBeInstanceOf(CarrierUnavailableError);
    expect(down.message).toContain('network error');

    const silent = createServer(() => undefined);
    await listen(silent);
    try {
      const slow = await rejection(new ShipEngineTrackingClient({ apiKey: 'TEST_key', baseUrl: urlOf(silent), timeoutMs: 100 }).get('usps', USPS));
      expect(slow).toBeInstanceOf(CarrierUnavailableError);
      expect(slow.message).toContain('no answer within 100 ms');
    } finally {
      await close(silent);
    }
  });

  it('is unavailable when a 200 answer is not tracking information', async () => {
    const proxy = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<html>captive portal</html>'));
    await listen(proxy);
    try {
      const err = await rejection(new ShipEngineTrackingClient({ apiKey: 'TEST_key', baseUrl: urlOf(proxy) }).get('usps', USPS));
      expect(err).toBeInstanceOf(CarrierUnavailableError);
    } finally {
      await close(proxy);
    }
  });
});

describe('webhooks from the stand-in', () => {
  it('delivers an API_TRACK that verifies against the stand-in’s key set and parses to the parcel’s update', async () => {
    const answer = await standIn.deliverWebhook('usps', USPS);
    expect(answer.status).toBe(200);
    expect(receiver.received).toEqual([{ update: deliveredUpdate }]);
  });

  it('delivers a TRACK_EVENT_V2 that verifies and parses to the same update', async () => {
    const answer = await standIn.deliverWebhook('usps', USPS, { v2: true });
    expect(answer.status).toBe(200);
    expect(receiver.received).toEqual([{ update: deliveredUpdate }]);
  });

  it('delivers a tampered body, a stale timestamp and an unknown key id that do not verify', async () => {
    const tampered = await standIn.deliverWebhook('usps', USPS, { tamper: true });
    const stale = await standIn.deliverWebhook('usps', USPS, { timestamp: Date.now() - 10 * 60 * 1000 });
    const unknownKey = await standIn.deliverWebhook('usps', USPS, { keyId: 'someone-elses-key' });
    expect([tampered.status, stale.status, unknownKey.status]).toEqual([401, 401, 401]);
    expect(receiver.received).toHaveLength(3);
    for (const { refused } of receiver.received) expect(refused).toBeInstanceOf(InvalidSignatureError);
    expect((receiver.received[0]!.refused as Error).message).toBe('The ShipEngine signature does not verify for this body');
  });
});
