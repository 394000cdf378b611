/**
 * The Order Source surface (ShipEngine Connect's Order Source API, `@shipengine/connect-order-source-api`
 * 4.9.0: its `lib/**\/*.d.ts`, Joi schemas and `spec.json`; notes in docs/research/shipengine.md §4).
 *
 * These schemas live in the domain, not in adapters/shipengine, because they are the contract of
 * OUR routes (POST /v1/partner/order-source/...): routes.ts and the OpenAPI document take them
 * from here, and the mapping in order-source.ts returns these types. Nothing here calls
 * ShipEngine.
 *
 * Requests are parsed tolerantly: fields of the documented request that we do not use
 * (`transaction_id`, `auth`, the custom field and status mappings, addresses of a notification)
 * are accepted and ignored, so a Connect-shaped body passes. `auth` is never trusted: the
 * partner is the bearer token's. Responses are strict objects of documented field names, so a
 * misspelt field (`address_line1` for `address_line_1`) fails the response check in tests.
 */
import * as z from 'zod';

/** ISO 8601 with a zone, normalised to the UTC form stored timestamps use (they compare as strings). */
const DateTime = z.iso.datetime({ offset: true }).transform((s) => new Date(s).toISOString());
/** A foreign identifier: opaque, bounded. */
const ForeignId = z.string().trim().min(1).max(200);

/** Part of every documented request; accepted and ignored (the caller is the token's partner). */
const RequestBase = {
  transaction_id: z.string().max(200).optional().meta({ description: 'Correlates request and response; echoed nowhere' }),
  auth: z.looseObject({}).optional().meta({ description: 'Ignored: the partner is the one of the bearer token' }),
};

export const SALES_ORDER_STATUSES = ['AwaitingPayment', 'AwaitingShipment', 'Cancelled', 'Completed', 'OnHold', 'PendingFulfillment'] as const;
export const NOTE_TYPES = [
  'BackOrderMessage', 'ConditionNote', 'GiftMessage', 'InternalNotes', 'InStockMessage', 'MPN', 'NotesFromBuyer', 'NotesToBuyer',
  'Other', 'OutOfStockMessage', 'Reason', 'SpecialInstructions', 'WarningLabel', 'FeedbackMessage',
] as const;

// ---- SalesOrdersExport ----------------------------------------------------------------------

export const SalesOrdersExportRequest = z
  .object({
    ...RequestBase,
    criteria: z
      .object({
        from_date_time: DateTime.optional().meta({ description: 'Sales orders modified at or after this time (default: all)' }),
        to_date_time: DateTime.optional().meta({ description: 'Sales orders modified at or before this time (default: now)' }),
      })
      .optional(),
    cursor: z.string().min(1).max(2048).optional().meta({ description: 'From the previous page; when present the criteria are ignored' }),
    sales_order_field_mappings: z.unknown().optional().meta({ description: 'Accepted, not used' }),
    sales_order_status_mappings: z.unknown().optional().meta({ description: 'Accepted, not used' }),
    page_size: z.number().int().min(1).max(100).optional()
      .meta({ description: 'Extension of this API (Connect never sends it): sales orders per page, default 100' }),
  })
  .superRefine((r, ctx) => {
    const { from_date_time: from, to_date_time: to } = r.criteria ?? {};
    if (from && to && from > to) ctx.addIssue({ code: 'custom', path: ['criteria', 'from_date_time'], message: 'is after to_date_time' });
  })
  .meta({ id: 'SalesOrdersExportRequest' });
export type SalesOrdersExportRequest = z.infer<typeof SalesOrdersExportRequest>;

export const OrderSourceAddress = z
  .strictObject({
    name: z.string().optional(),
    company: z.string().optional(),
    phone: z.string().optional(),
    address_line_1: z.string().optional(),
    address_line_2: z.string().optional(),
    address_line_3: z.string().optional(),
    city: z.string().optional(),
    state_province: z.string().optional(),
    postal_code: z.string().optional(),
    country_code: z.string().length(2).optional(),
    residential_indicator: z.enum(['R', 'C']).optional(),
    is_verified: z.boolean().optional(),
  })
  .meta({ id: 'OrderSourceAddress' });

export const OrderSourceProduct = z.strictObject({
  product_id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  identifiers: z.strictObject({
    sku: z.string().optional(), upc: z.string().optional(), isbn: z.string().optional(), asin: z.string().optional(),
    fulfillment_sku: z.string().optional(), inventory_id: z.string().optional(),
  }).optional(),
  details: z.array(z.strictObject({ name: z.string(), value: z.string() })).optional(),
});

export const SalesOrderItem = z.strictObject({
  line_item_id: z.string().optional(),
  description: z.string(),
  product: OrderSourceProduct.optional(),
  quantity: z.number().int(),
  /** `Money` in spec.json is a plain number (amount of the order's currency). */
  unit_price: z.number().optional(),
  modified_date_time: z.string().optional(),
});

export const OrderSourceNote = z.strictObject({ type: z.enum(NOTE_TYPES), text: z.string() });

export const RequestedFulfillment = z.strictObject({
  requested_fulfillment_id: z.string().optional(),
  ship_to: OrderSourceAddress,
  items: z.array(SalesOrderItem),
  shipping_preferences: z.strictObject({
    gift: z.boolean().optional(),
    digital_fulfillment: z.boolean().optional(),
    ship_by_date: z.string().optional(),
  }).optional(),
});

export const SalesOrder = z
  .strictObject({
    order_id: z.string(),
    order_number: z.string().optional(),
    status: z.enum(SALES_ORDER_STATUSES),
    fulfilled_date: z.string().optional(),
    requested_fulfillments: z.array(RequestedFulfillment).min(1),
    currency: z.string().length(3).optional(),
    notes: z.array(OrderSourceNote).optional(),
    created_date_time: z.string().optional(),
    modified_date_time: z.string().optional(),
  })
  .meta({ id: 'SalesOrder' });
export type SalesOrder = z.infer<typeof SalesOrder>;

export const SalesOrdersExportResponse = z
  .strictObject({
    sales_orders: z.array(SalesOrder),
    cursor: z.string().optional().meta({ description: 'Present while more sales orders remain; absent on the last page' }),
  })
  .meta({ id: 'SalesOrdersExportResponse' });
export type SalesOrdersExportResponse = z.infer<typeof SalesOrdersExportResponse>;

// ---- AcknowledgeOrders ----------------------------------------------------------------------

export const AcknowledgeOrdersRequest = z
  .object({
    ...RequestBase,
    orders: z.array(z.object({
      order_id: ForeignId,
      order_number: z.string().max(200).optional(),
      imported_date: DateTime,
      /** A string in the TS types, an object in spec.json: opaque either way. */
      integration_context: z.unknown().optional(),
    })).min(1).max(100),
  })
  .meta({ id: 'AcknowledgeOrdersRequest' });
export type AcknowledgeOrdersRequest = z.infer<typeof AcknowledgeOrdersRequest>;

export const AcknowledgeOrdersResponse = z
  .strictObject({
    responses: z.array(z.strictObject({ order_id: z.string(), succeeded: z.boolean(), failure_reason: z.string().optional() })).min(1),
  })
  .meta({ id: 'AcknowledgeOrdersResponse' });
export type AcknowledgeOrdersResponse = z.infer<typeof AcknowledgeOrdersResponse>;

// ---- ShipmentNotification -------------------------------------------------------------------

export const ShipmentNotification = z.object({
  notification_id: ForeignId,
  order_id: ForeignId,
  order_number: z.string().max(200).optional(),
  tracking_number: z.string().trim().max(100).optional(),
  tracking_url: z.string().max(2048).optional(),
  carrier_code: z.string().trim().max(100).optional(),
  carrier_service_code: z.string().max(200).optional(),
  ext_location_id: z.string().max(200).optional(),
  items: z.array(z.object({
    line_item_id: z.string().max(200).optional(),
    description: z.string().max(1000),
    sku: z.string().max(200).optional(),
    product_id: z.string().max(200).optional(),
    quantity: z.number().int().min(0),
  })),
  ship_to: z.unknown().optional(),
  ship_from: z.unknown().optional(),
  return_address: z.unknown().optional(),
  ship_date: DateTime.optional().meta({ description: 'When the parcel shipped (default: when the notification arrives)' }),
  currency: z.string().optional(),
  fulfillment_cost: z.number().optional(),
  insurance_cost: z.number().optional(),
  notes: z.array(z.unknown()).optional(),
  notify_buyer: z.boolean().optional(),
  integration_context: z.unknown().optional(),
});
export type ShipmentNotification = z.infer<typeof ShipmentNotification>;

export const ShipmentNotificationRequest = z
  .object({ ...RequestBase, notifications: z.array(ShipmentNotification).min(1).max(100) })
  .meta({ id: 'ShipmentNotificationRequest' });
export type ShipmentNotificationRequest = z.infer<typeof ShipmentNotificationRequest>;

export const ShipmentNotificationResult = z.strictObject({
  notification_id: z.string(),
  status: z.enum(['success', 'failure', 'pending']),
  confirmation_code: z.string().optional(),
  failure_reason: z.string().optional(),
  submission_id: z.string().optional(),
});
export type ShipmentNotificationResult = z.infer<typeof ShipmentNotificationResult>;

export const ShipmentNotificationResponse = z
  .strictObject({ notification_results: z.array(ShipmentNotificationResult) })
  .meta({ id: 'ShipmentNotificationResponse' });
export type ShipmentNotificationResponse = z.infer<typeof ShipmentNotificationResponse>;
