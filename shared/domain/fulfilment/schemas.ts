/** Shipments, partner events and the recipient's tracking view (../shared/API.md, Fulfilment). */
import * as z from 'zod';
import { Id, Text, Timestamp } from '../common/schemas.js';
import { PRODUCT_KINDS } from '../catalog/schemas.js';
import { ShippingAddress } from '../orders/schemas.js';
import { REPORTABLE_STATUSES, SHIPMENT_STATUSES } from './statuses.js';

export const ShipmentStatusSchema = z.enum(SHIPMENT_STATUSES);

export const ShipmentEvent = z
  .object({
    eventId: z.string(),
    status: ShipmentStatusSchema,
    occurredAt: Timestamp,
    location: z.string().nullable(),
    description: z.string().nullable(),
    source: z.enum(['partner', 'carrier', 'platform']),
    receivedAt: Timestamp,
  })
  .meta({ id: 'ShipmentEvent' });
export type ShipmentEvent = z.infer<typeof ShipmentEvent>;

export const ShipmentItem = z.object({
  productId: z.string(),
  variantId: z.string(),
  sku: z.string().nullable(),
  name: z.string(),
  variantName: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  quantity: z.number().int(),
});

/** A shipment as its partner sees it: what is needed for a label, nothing more of the employee. */
export const PartnerShipment = z
  .object({
    shipmentId: z.string(),
    orderId: z.string(),
    status: ShipmentStatusSchema,
    items: z.array(ShipmentItem),
    shippingAddress: ShippingAddress,
    carrierCode: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    events: z.array(ShipmentEvent),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'PartnerShipment' });
export type PartnerShipment = z.infer<typeof PartnerShipment>;

export const ShipmentPath = z.object({ shipmentId: Id });
export const PartnerShipmentsQuery = z.object({
  status: ShipmentStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const Carrier = z.string().trim().min(2).max(50).regex(/^[a-z0-9_]+$/i, 'a carrier code such as "ups", "dhl_express" or "yurtici"');
export const TrackingNumber = z.string().trim().min(4).max(64).regex(/^[A-Za-z0-9-]+$/, 'letters, digits and dashes');

export const ShipmentEventBody = z
  .strictObject({
    status: z.enum(REPORTABLE_STATUSES as [string, ...string[]]).transform((s) => s as (typeof REPORTABLE_STATUSES)[number]),
    occurredAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString()),
    carrierCode: Carrier.optional(),
    trackingNumber: TrackingNumber.optional(),
    location: Text(200).optional(),
    description: Text(500).optional(),
  })
  .superRefine((e, ctx) => {
    if ((e.carrierCode === undefined) !== (e.trackingNumber === undefined)) {
      ctx.addIssue({ code: 'custom', path: [e.carrierCode ? 'trackingNumber' : 'carrierCode'], message: 'carrierCode and trackingNumber come together' });
    }
  })
  .meta({ id: 'ShipmentEventBody' });
export type ShipmentEventBody = z.infer<typeof ShipmentEventBody>;

export const TrackingPath = z.object({ trackingToken: z.string().min(16).max(128).regex(/^[A-Za-z0-9_-]+$/) });

/** The recipient's view: status and events, never an address or a name. */
export const TrackingView = z
  .object({
    status: ShipmentStatusSchema,
    carrierCode: z.string().nullable(),
    trackingNumber: z.string().nullable(),
    items: z.array(z.object({ name: z.string(), variantName: z.string(), quantity: z.number().int() })),
    events: z.array(z.object({ status: ShipmentStatusSchema, occurredAt: Timestamp, location: z.string().nullable(), description: z.string().nullable() })),
    updatedAt: Timestamp,
  })
  .meta({ id: 'Tracking' });
export type TrackingView = z.infer<typeof TrackingView>;
