/** Orders (../shared/API.md, Orders). */
import * as z from 'zod';
import { Country, Id, Text, Timestamp } from '../common/schemas.js';
import { PRODUCT_KINDS } from '../catalog/schemas.js';
import { SHIPMENT_STATUSES } from '../fulfilment/statuses.js';

export const ORDER_STATUSES = ['placed', 'processing', 'shipped', 'delivered', 'cancelled'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/**
 * Postal code formats of the countries we ship to most; others get a generic check. A Map: the
 * refinement below runs even when `country` failed validation, and a plain object would hand
 * back Object.prototype members for "__proto__" or "constructor" (a 500 instead of a 422).
 */
const POSTAL_CODES = new Map<string, RegExp>(Object.entries({
  TR: /^\d{5}$/, DE: /^\d{5}$/, FR: /^\d{5}$/, IT: /^\d{5}$/, ES: /^\d{5}$/, AT: /^\d{4}$/, CH: /^\d{4}$/, NL: /^\d{4} ?[A-Z]{2}$/i,
  BE: /^\d{4}$/, PL: /^\d{2}-\d{3}$/, US: /^\d{5}(-\d{4})?$/, GB: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i, IR: /^\d{10}$/, CA: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/i,
}));
/** Countries whose addresses need a state or province. */
const REGION_REQUIRED = new Set(['US', 'CA', 'AU', 'BR', 'MX', 'IN']);

export const ShippingAddress = z
  .strictObject({
    name: Text(100),
    line1: Text(200),
    line2: Text(200).optional(),
    city: Text(100),
    postalCode: z.string().trim().min(2).max(12),
    region: Text(100).optional(),
    country: Country,
    phone: z.string().trim().regex(/^\+[1-9]\d{6,14}$/, 'an international number, e.g. +905321234567').optional(),
  })
  .superRefine((a, ctx) => {
    const format = POSTAL_CODES.get(a.country) ?? /^[A-Za-z0-9 -]{2,12}$/;
    if (!format.test(a.postalCode)) ctx.addIssue({ code: 'custom', path: ['postalCode'], message: `is not a postal code of ${a.country}` });
    if (REGION_REQUIRED.has(a.country) && !a.region) ctx.addIssue({ code: 'custom', path: ['region'], message: `is required in ${a.country}` });
  })
  .meta({ id: 'ShippingAddress' });
export type ShippingAddress = z.infer<typeof ShippingAddress>;

export const PlaceOrderBody = z.strictObject({
  items: z.array(z.strictObject({ productId: Id, variantId: Id, quantity: z.number().int().min(1).max(10) })).min(1).max(20),
  shippingAddress: ShippingAddress,
});
export type PlaceOrderBody = z.infer<typeof PlaceOrderBody>;

export const OrderItem = z.object({
  productId: z.string(),
  variantId: z.string(),
  quantity: z.number().int(),
  pointsEach: z.number().int(),
  name: z.string(),
  variantName: z.string(),
  kind: z.enum(PRODUCT_KINDS),
  /** Digital gift card codes: only in the ordering employee's view. */
  giftCodes: z.array(z.string()).optional(),
});

export const Shipment = z.object({
  shipmentId: z.string(),
  partnerId: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  carrierCode: z.string().nullable(),
  trackingNumber: z.string().nullable(),
  trackingUrl: z.string().nullable(),
});

export const Order = z
  .object({
    orderId: z.string(),
    employeeId: z.string(),
    status: z.enum(ORDER_STATUSES),
    items: z.array(OrderItem),
    totalPoints: z.number().int(),
    shippingAddress: ShippingAddress,
    shipments: z.array(Shipment).meta({ description: 'One per fulfilment partner, once fulfilment has taken the order' }),
    createdAt: Timestamp,
    history: z.array(z.object({ status: z.enum(ORDER_STATUSES), at: Timestamp })),
  })
  .meta({ id: 'Order' });
export type Order = z.infer<typeof Order>;

export const OrderPath = z.object({ orderId: Id });
export const ListOrdersQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
