/**
 * Domain events: what happened, published from the table's change stream (never from a
 * request path, so an event cannot be lost between a commit and a publish). Delivery is at
 * least once; every consumer is idempotent.
 */
import * as z from 'zod';

export const DomainEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('OrderPlaced'), companyId: z.string(), orderId: z.string(), employeeId: z.string() }),
  z.object({ type: z.literal('OrderCancelled'), companyId: z.string(), orderId: z.string(), employeeId: z.string() }),
  z.object({ type: z.literal('OrderShipped'), companyId: z.string(), orderId: z.string(), employeeId: z.string() }),
  z.object({ type: z.literal('OrderDelivered'), companyId: z.string(), orderId: z.string(), employeeId: z.string() }),
  z.object({
    type: z.literal('PointsReceived'), companyId: z.string(), employeeId: z.string(), allocationId: z.string(),
    entryId: z.string(), points: z.number().int(),
  }),
  z.object({ type: z.literal('TrackingNumberAssigned'), shipmentId: z.string(), carrierCode: z.string(), trackingNumber: z.string() }),
  /** Not from the stream: the daily reminder job (a day's expiring lots of one employee). */
  z.object({ type: z.literal('PointsExpiring'), companyId: z.string(), employeeId: z.string(), points: z.number().int(), expiresAt: z.string(), day: z.string() }),
]);
export type DomainEvent = z.infer<typeof DomainEvent>;

/** Which work queue consumes which event. */
export const EVENT_QUEUES = {
  OrderPlaced: ['fulfilment', 'notifications'],
  OrderCancelled: ['fulfilment'],
  OrderShipped: ['notifications'],
  OrderDelivered: ['notifications'],
  PointsReceived: ['notifications'],
  TrackingNumberAssigned: ['tracking'],
  PointsExpiring: ['notifications'],
} as const satisfies Record<DomainEvent['type'], readonly string[]>;
