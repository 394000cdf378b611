import { describe, expect, it } from 'vitest';
import { applyShipmentEvent, nextShipmentStatus, orderStatusFor, statusFromTrackingCode } from '../../../shared/domain/fulfilment/statuses.js';

describe('shipment statuses', () => {
  it('moves forward, ignores a late or duplicate event, and keeps delivered and returned final', () => {
    expect(nextShipmentStatus('label_created', 'label_created', 'in_transit')).toBe('in_transit');
    expect(nextShipmentStatus('in_transit', 'in_transit', 'shipped')).toBe('in_transit');
    expect(nextShipmentStatus('in_transit', 'in_transit', 'in_transit')).toBe('in_transit');
    expect(nextShipmentStatus('delivered', 'delivered', 'exception')).toBe('delivered');
    expect(nextShipmentStatus('returned', 'in_transit', 'delivered')).toBe('returned');
  });

  it('takes exception and returned as side paths, and recovers from an exception on a newer scan only', () => {
    expect(nextShipmentStatus('in_transit', 'in_transit', 'exception')).toBe('exception');
    expect(nextShipmentStatus('exception', 'in_transit', 'shipped')).toBe('exception');
    expect(nextShipmentStatus('exception', 'in_transit', 'in_transit')).toBe('in_transit');
    expect(nextShipmentStatus('exception', 'in_transit', 'delivered')).toBe('delivered');
    expect(nextShipmentStatus('exception', 'in_transit', 'returned')).toBe('returned');
  });

  it('maps ShipEngine tracking codes to shipment statuses', () => {
    expect(['NY', 'AC', 'IT', 'AT', 'DE', 'SP', 'EX', 'UN', 'ZZ', null].map(statusFromTrackingCode)).toEqual([
      'label_created', 'shipped', 'in_transit', 'out_for_delivery', 'delivered', 'delivered', 'exception', null, null, null,
    ]);
    expect(statusFromTrackingCode('de')).toBe('delivered');
  });
});

describe('applying events to a shipment', () => {
  const at = (m: number) => new Date(Date.UTC(2026, 10, 20, 9, m)).toISOString();
  const start = { status: 'pending' as const, furthest: 'pending' as const, latestEventAt: null };

  it('moves forward with newer events and keeps the newest time', () => {
    const a = applyShipmentEvent(start, { status: 'label_created', occurredAt: at(0) });
    const b = applyShipmentEvent(a, { status: 'in_transit', occurredAt: at(10) });
    expect(b).toEqual({ status: 'in_transit', furthest: 'in_transit', latestEventAt: at(10) });
  });

  it('never moves back on an older event, but lets an older scan carry it further', () => {
    const transit = { status: 'in_transit' as const, furthest: 'in_transit' as const, latestEventAt: at(30) };
    expect(applyShipmentEvent(transit, { status: 'shipped', occurredAt: at(10) })).toEqual(transit);
    expect(applyShipmentEvent(transit, { status: 'out_for_delivery', occurredAt: at(20) })).toEqual({ status: 'out_for_delivery', furthest: 'out_for_delivery', latestEventAt: at(30) });
  });

  it('treats an older exception as history and keeps a newer one until a newer scan', () => {
    const transit = { status: 'in_transit' as const, furthest: 'in_transit' as const, latestEventAt: at(30) };
    expect(applyShipmentEvent(transit, { status: 'exception', occurredAt: at(20) }).status).toBe('in_transit');
    const held = applyShipmentEvent(transit, { status: 'exception', occurredAt: at(40) });
    expect(held.status).toBe('exception');
    expect(applyShipmentEvent(held, { status: 'in_transit', occurredAt: at(35) }).status).toBe('exception');
    expect(applyShipmentEvent(held, { status: 'out_for_delivery', occurredAt: at(50) }).status).toBe('out_for_delivery');
  });

  it('keeps delivered, returned and cancelled final', () => {
    for (const status of ['delivered', 'returned', 'cancelled'] as const) {
      const done = { status, furthest: status === 'cancelled' ? 'pending' as const : 'delivered' as const, latestEventAt: at(50) };
      expect(applyShipmentEvent(done, { status: 'in_transit', occurredAt: at(60) }).status).toBe(status);
    }
  });
});

describe('an order\'s status from its shipments', () => {
  const s = (status: Parameters<typeof orderStatusFor>[1][number]['status'], furthest = status) => ({ status, furthest });

  it('is processing once assigned, shipped when the first ships, delivered when all are delivered', () => {
    expect(orderStatusFor('placed', [s('pending'), s('label_created')])).toBe('processing');
    expect(orderStatusFor('processing', [s('pending'), s('in_transit')])).toBe('shipped');
    expect(orderStatusFor('shipped', [s('delivered'), s('exception', 'shipped')])).toBe('shipped');
    expect(orderStatusFor('shipped', [s('delivered'), s('delivered')])).toBe('delivered');
    expect(orderStatusFor('processing', [s('delivered'), s('cancelled', 'pending')])).toBe('delivered');
  });

  it('never goes backwards', () => {
    expect(orderStatusFor('delivered', [s('in_transit')])).toBe('delivered');
    expect(orderStatusFor('shipped', [s('pending')])).toBe('shipped');
  });
});
