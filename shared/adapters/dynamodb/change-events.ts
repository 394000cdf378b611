/**
 * Translates changes of the main table (its DynamoDB stream, NEW_AND_OLD_IMAGES) into domain
 * events. The one place that knows which item changes mean what.
 */
import type { DomainEvent } from '../../domain/events.js';

type Image = Record<string, unknown> | undefined;

const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

export function eventsOfChange(oldImage: Image, newImage: Image): DomainEvent[] {
  if (!newImage) return [];
  switch (newImage.entityType) {
    case 'Order': {
      const ids = { companyId: String(newImage.companyId), orderId: String(newImage.orderId), employeeId: String(newImage.employeeId) };
      if (!oldImage) return [{ type: 'OrderPlaced', ...ids }];
      if (oldImage.status === newImage.status) return [];
      if (newImage.status === 'cancelled') return [{ type: 'OrderCancelled', ...ids }];
      if (newImage.status === 'shipped') return [{ type: 'OrderShipped', ...ids }];
      if (newImage.status === 'delivered') return [{ type: 'OrderDelivered', ...ids }];
      return [];
    }
    case 'Shipment': {
      const trackingNumber = str(newImage.trackingNumber);
      const carrierCode = str(newImage.carrierCode);
      if (!trackingNumber || !carrierCode || (trackingNumber === oldImage?.trackingNumber && carrierCode === oldImage?.carrierCode)) return [];
      return [{ type: 'TrackingNumberAssigned', shipmentId: String(newImage.shipmentId), carrierCode, trackingNumber }];
    }
    case 'LedgerEntry': {
      // A wallet's entry: pk C#<company>#E#<employee>, account "wallet <employee>".
      const match = /^C#([^#]+)#E#([^#]+)$/.exec(String(newImage.pk));
      const points = Number(newImage.deltaPoints);
      if (oldImage || !match || newImage.kind !== 'allocation' || !(points > 0)) return [];
      return [{ type: 'PointsReceived', companyId: match[1]!, employeeId: match[2]!, allocationId: String(newImage.reference), entryId: String(newImage.entryId), points }];
    }
    default:
      return [];
  }
}
