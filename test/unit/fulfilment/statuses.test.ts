import { describe, expect, it } from 'vitest';
import { nextShipmentStatus, statusFromTrackingCode } from '../../../shared/domain/fulfilment/statuses.js';

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
