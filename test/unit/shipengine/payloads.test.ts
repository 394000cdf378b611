import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseTrackingInfo, parseTrackingWebhook } from '../../../shared/adapters/shipengine/payloads.js';
import type { CarrierTrackingUpdate } from '../../../shared/domain/fulfilment/tracking.js';

const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../events/shipengine/${name}`, import.meta.url), 'utf8'));

function updateOf(body: unknown): CarrierTrackingUpdate {
  const result = parseTrackingWebhook(body);
  if (!('update' in result)) throw new Error(`expected an update, got ignored: ${result.ignored}`);
  return result.update;
}

describe('ShipEngine tracking webhooks', () => {
  it('reads an API_TRACK delivery, taking the carrier from resource_url and keeping events newest first', () => {
    expect(updateOf(sample('api-track-delivered.json'))).toEqual({
      trackingNumber: '9400111205476899201487',
      carrierCode: 'usps',
      statusCode: 'DE',
      statusDescription: 'Delivered',
      estimatedDeliveryAt: null,
      events: [
        {
          occurredAt: '2026-11-25T16:59:03.000Z', statusCode: 'DE', carrierStatusCode: '01',
          description: 'Delivered, In/At Mailbox', location: 'AUSTIN, TX, US',
        },
        {
          occurredAt: '2026-11-25T13:42:00.000Z', statusCode: null, carrierStatusCode: 'OF',
          description: 'Out for Delivery, Expected Delivery by 9:00pm', location: 'AUSTIN, TX',
        },
        {
          occurredAt: '2026-11-24T21:10:00.000Z', statusCode: 'IT', carrierStatusCode: '10',
          description: 'Arrived at USPS Regional Facility', location: 'AUSTIN TX DISTRIBUTION CENTER',
        },
        {
          occurredAt: '2026-11-23T18:05:00.000Z', statusCode: null, carrierStatusCode: 'GX',
          description: 'Shipping Label Created, USPS Awaiting Item', location: null,
        },
      ],
    });
  });

  it('reads a TRACK_EVENT_V2, whose data names the carrier, with an offset-less estimate read as UTC', () => {
    expect(updateOf(sample('track-event-v2-in-transit.json'))).toEqual({
      trackingNumber: '1Z0000000000000000',
      carrierCode: 'ups',
      statusCode: 'IT',
      statusDescription: 'In Transit',
      estimatedDeliveryAt: '2026-11-27T00:00:00.000Z',
      events: [
        { occurredAt: '2026-11-25T03:15:00.000Z', statusCode: 'IT', carrierStatusCode: 'DP', description: 'Departed from Facility', location: 'Louisville, KY, US' },
        { occurredAt: '2026-11-24T19:30:00.000Z', statusCode: 'AC', carrierStatusCode: 'PU', description: 'Picked up', location: 'Chicago, IL, US' },
      ],
    });
  });

  it('takes the carrier from the 2019 resource_url form and orders events a carrier sent out of order', () => {
    const body = sample('api-track-delivered.json');
    const data = body.data as { events: unknown[] };
    const update = updateOf({
      ...body,
      resource_url: 'https://api.shipengine.com/v1/tracking/fedex/9400111205476899201487',
      data: { ...data, events: [...data.events].reverse() },
    });
    expect(update.carrierCode).toBe('fedex');
    expect(update.events.map((e) => e.occurredAt)).toEqual([
      '2026-11-25T16:59:03.000Z', '2026-11-25T13:42:00.000Z', '2026-11-24T21:10:00.000Z', '2026-11-23T18:05:00.000Z',
    ]);
  });

  it('never puts a street address, postal code, company or signer into a location', () => {
    const body = sample('api-track-delivered.json');
    const data = body.data as { events: Record<string, unknown>[] };
    const withAddress = {
      ...body,
      data: {
        ...data,
        events: data.events.map((event) => ({
          ...event, address_line1: '525 S Winchester Blvd', address_line2: 'Apt 4', street: '1 Main St', address: '1 Main St, Austin',
        })),
      },
    };
    const update = updateOf(withAddress);
    const locations = update.events.map((e) => e.location);
    expect(locations).toEqual(['AUSTIN, TX, US', 'AUSTIN, TX', 'AUSTIN TX DISTRIBUTION CENTER', null]);
    const everything = JSON.stringify(update);
    for (const personal of ['Winchester', 'Apt 4', 'Main St', '78756', 'ACME ROCKETS', 'J SMITH']) expect(everything).not.toContain(personal);
  });

  it('ignores webhooks that are not tracking events, naming the type', () => {
    const batch = { resource_url: 'https://api.shipengine.com/v1/batches/se-1013119', resource_type: 'API_BATCH' };
    const batchV2 = { resource_url: 'https://api.shipstation.com/v2/batches/se-1234567890', resource_type: 'BATCH_PROCESSED_V2' };
    expect(parseTrackingWebhook(batch)).toEqual({ ignored: 'resource_type API_BATCH is not a tracking event' });
    expect(parseTrackingWebhook(batchV2)).toEqual({ ignored: 'resource_type BATCH_PROCESSED_V2 is not a tracking event' });
  });

  it('ignores malformed bodies instead of throwing', () => {
    const bodies: unknown[] = [
      null, 42, [], 'not parsed', {}, { resource_type: 7 },
      { resource_type: 'API_TRACK' },
      { resource_type: 'API_TRACK', data: null },
      { resource_type: 'API_TRACK', data: { status_code: 'DE' } },
      { resource_type: 'API_TRACK', data: { tracking_number: '   ', status_code: 'DE' } },
      { resource_type: 'TRACK_EVENT_V2', data: { tracking_number: 1234 } },
    ];
    for (const body of bodies) {
      const result = parseTrackingWebhook(body);
      expect(result, JSON.stringify(body)).toHaveProperty('ignored');
      expect((result as { ignored: string }).ignored.length).toBeGreaterThan(0);
    }
  });

  it('keeps a tracking update whose events are partly unreadable, dropping the events without a readable time', () => {
    const update = updateOf({
      resource_url: 'https://api.shipengine.com/v1/tracking?carrier_code=usps&tracking_number=94001',
      resource_type: 'API_TRACK',
      data: {
        tracking_number: '94001',
        status_code: 'it',
        events: [
          { occurred_at: 'yesterday', description: 'Unreadable time' },
          { carrier_occurred_at: '2026-11-24T15:10:00', description: 'Only a carrier-local time' },
          'not an event',
          { event_date: '2019-04-12T17:45:26.734Z', description: 'Delivered, Individual Picked Up at Post Office', city_locality: 'AUSTIN', state_province: 'TX', country_code: '' },
        ],
      },
    });
    expect(update).toEqual({
      trackingNumber: '94001', carrierCode: 'usps', statusCode: 'IT', statusDescription: null, estimatedDeliveryAt: null,
      events: [{ occurredAt: '2019-04-12T17:45:26.734Z', statusCode: null, carrierStatusCode: null, description: 'Delivered, Individual Picked Up at Post Office', location: 'AUSTIN, TX' }],
    });
  });
});

describe('ShipEngine GET /v1/tracking responses', () => {
  it('reads tracking information, normalising offsets and date-only values to UTC and numeric codes to text', () => {
    expect(parseTrackingInfo(sample('tracking-info.json'), 'stamps_com')).toEqual({
      trackingNumber: '9405511899223197428490',
      // ShipEngine answers with the carrier it tracked with, which may differ from the one asked for.
      carrierCode: 'usps',
      statusCode: 'EX',
      statusDescription: 'Exception',
      estimatedDeliveryAt: '2026-11-23T00:00:00.000Z',
      events: [{ occurredAt: '2026-11-22T16:20:00.000Z', statusCode: 'EX', carrierStatusCode: '21', description: 'Addressee Unknown', location: 'Portland, OR, US' }],
    });
  });

  it('falls back to the requested carrier, and reads a parcel without events', () => {
    expect(parseTrackingInfo({ tracking_number: '1234', status_code: 'NY', events: null }, 'stamps_com')).toEqual({
      trackingNumber: '1234', carrierCode: 'stamps_com', statusCode: 'NY', statusDescription: null, estimatedDeliveryAt: null, events: [],
    });
  });

  it('throws for a body that is not tracking information', () => {
    expect(() => parseTrackingInfo({ request_id: 'x', errors: [] })).toThrow();
    expect(() => parseTrackingInfo('<html>Bad Gateway</html>')).toThrow();
  });
});
