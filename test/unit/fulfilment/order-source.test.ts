import { describe, expect, it } from 'vitest';
import { SalesOrder } from '../../../shared/domain/fulfilment/order-source-schemas.js';
import { salesOrderStatusOf, toSalesOrder } from '../../../shared/domain/fulfilment/order-source.js';
import type { StoredShipment } from '../../../shared/domain/fulfilment/use-cases.js';

const shipment = (over: Partial<StoredShipment> = {}): StoredShipment => ({
  shipmentId: 'S1', orderId: 'O1', companyId: 'C1', employeeId: 'E1', partnerId: 'P1', status: 'pending', furthest: 'pending', latestEventAt: null,
  items: [
    { productId: 'P-MUG', variantId: 'V-BLUE', sku: 'MUG-B', name: 'Mug', variantName: 'Blue', kind: 'physical', quantity: 2 },
    { productId: 'P-MUG', variantId: 'V-BLUE', sku: null, name: 'Mug', variantName: 'Blue', kind: 'physical', quantity: 1 },
  ],
  shippingAddress: { name: 'Ada L.', line1: '1 Main St', city: 'Austin', postalCode: '78756', region: 'TX', country: 'US' },
  carrierCode: null, trackingNumber: null, events: [], trackingToken: 'secret-token', version: 1,
  createdAt: '2026-05-01T10:00:00.000Z', updatedAt: '2026-05-01T11:00:00.000Z', ...over,
});

describe('sales order status of a shipment', () => {
  it.each([
    ['pending', 'pending', 'AwaitingShipment'],
    ['label_created', 'label_created', 'AwaitingShipment'],
    ['shipped', 'shipped', 'Completed'],
    ['in_transit', 'in_transit', 'Completed'],
    ['out_for_delivery', 'out_for_delivery', 'Completed'],
    ['delivered', 'delivered', 'Completed'],
    ['returned', 'shipped', 'Completed'],
    ['cancelled', 'pending', 'Cancelled'],
    ['exception', 'label_created', 'OnHold'],
    ['exception', 'in_transit', 'Completed'],
  ] as const)('%s (having reached %s) is %s', (status, furthest, expected) => {
    expect(salesOrderStatusOf({ status, furthest })).toBe(expected);
  });
});

describe('a shipment as a sales order', () => {
  it('has the documented shape, one line per item with distinct line ids, and nothing of the employee or company', () => {
    const order = toSalesOrder(shipment());
    expect(SalesOrder.parse(order)).toEqual(order);
    expect(order.requested_fulfillments[0]!.ship_to).toEqual({ name: 'Ada L.', address_line_1: '1 Main St', city: 'Austin', state_province: 'TX', postal_code: '78756', country_code: 'US' });
    expect(order.requested_fulfillments[0]!.items.map((i) => [i.line_item_id, i.product?.identifiers])).toEqual([['1-V-BLUE', { sku: 'MUG-B' }], ['2-V-BLUE', undefined]]);
    const text = JSON.stringify(order);
    for (const secret of ['C1', 'E1', 'secret-token']) expect(text).not.toContain(`"${secret}"`);
  });

  it('gives a completed order the time it first shipped', () => {
    const events = [
      { eventId: 'a', status: 'label_created' as const, occurredAt: '2026-05-01T12:00:00.000Z', location: null, description: null, source: 'partner' as const, receivedAt: '2026-05-01T12:00:00.000Z' },
      { eventId: 'b', status: 'in_transit' as const, occurredAt: '2026-05-02T08:00:00.000Z', location: null, description: null, source: 'carrier' as const, receivedAt: '2026-05-02T08:00:00.000Z' },
    ];
    expect(toSalesOrder(shipment({ status: 'in_transit', furthest: 'in_transit', events })).fulfilled_date).toBe('2026-05-02T08:00:00.000Z');
    expect(toSalesOrder(shipment({ status: 'label_created', furthest: 'label_created', events: events.slice(0, 1) })).fulfilled_date).toBeUndefined();
  });
});
