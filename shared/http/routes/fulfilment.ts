/** Routes: partners' shipments, carrier tracking and the Order Source surface. Part of the route table (../routes.ts). */
import * as z from 'zod';
import { page } from '../../domain/common/schemas.js';
import { PartnerShipment, PartnerShipmentsQuery, ShipmentEventBody, ShipmentPath, TrackingPath, TrackingView } from '../../domain/fulfilment/schemas.js';
import { AcknowledgeOrdersRequest, AcknowledgeOrdersResponse, SalesOrdersExportRequest, SalesOrdersExportResponse, ShipmentNotificationRequest, ShipmentNotificationResponse } from '../../domain/fulfilment/order-source-schemas.js';
import { route, PARTNER, type RouteDefinition } from './definition.js';

export const fulfilmentRoutes = {
  listPartnerShipments: route({
    id: 'listPartnerShipments', method: 'GET', path: '/v1/partner/shipments', entry: 'functions/http/list-partner-shipments.ts',
    auth: PARTNER, summary: 'Shipments assigned to the calling partner, by status', tag: 'Fulfilment', query: PartnerShipmentsQuery,
    status: 200, response: page(PartnerShipment), access: { main: 'read' },
  }),
  getPartnerShipment: route({
    id: 'getPartnerShipment', method: 'GET', path: '/v1/partner/shipments/{shipmentId}', entry: 'functions/http/get-partner-shipment.ts',
    auth: PARTNER, summary: 'One of the calling partner\'s shipments', tag: 'Fulfilment', params: ShipmentPath, status: 200,
    response: PartnerShipment, access: { main: 'read' },
  }),
  postShipmentEvent: route({
    id: 'postShipmentEvent', method: 'POST', path: '/v1/partner/shipments/{shipmentId}/events', entry: 'functions/http/post-shipment-event.ts',
    auth: PARTNER, summary: 'Report a shipment event (label created with carrier and tracking number, shipped, ..., delivered); duplicates are ignored',
    tag: 'Fulfilment', params: ShipmentPath, body: ShipmentEventBody, status: 201,
    response: PartnerShipment.extend({ duplicate: z.boolean() }), access: { main: 'readwrite' },
  }),
  shipEngineWebhook: route({
    id: 'shipEngineWebhook', method: 'POST', path: '/v1/webhooks/shipengine', entry: 'functions/webhooks/shipengine.ts', auth: 'public',
    summary: 'ShipEngine tracking updates (API_TRACK, TRACK_EVENT_V2; RSA-SHA256 signature verified against ShipEngine\'s key set)',
    tag: 'Webhooks', status: 200,
    response: z.object({ received: z.literal(true), outcome: z.enum(['applied', 'unchanged', 'ignored']), shipments: z.number().int() }),
    access: { main: 'readwrite' },
  }),
  getTracking: route({
    id: 'getTracking', method: 'GET', path: '/v1/tracking/{trackingToken}', entry: 'functions/http/get-tracking.ts', auth: 'public',
    summary: 'A parcel\'s status and events for its recipient (no address, no name)', tag: 'Fulfilment', params: TrackingPath,
    status: 200, response: TrackingView, access: { main: 'read' },
  }),

  // The Order Source surface (ShipEngine Connect's Order Source API shapes) for partners' 3PLs
  // and shipping software: shared/domain/fulfilment/order-source.ts.
  orderSourceSalesOrdersExport: route({
    id: 'orderSourceSalesOrdersExport', method: 'POST', path: '/v1/partner/order-source/sales-orders-export',
    entry: 'functions/http/order-source-sales-orders-export.ts', auth: PARTNER,
    summary: 'The calling partner\'s shipments changed in a time window, as Order Source sales orders (SalesOrdersExport)',
    tag: 'Fulfilment', body: SalesOrdersExportRequest, status: 200, response: SalesOrdersExportResponse, access: { main: 'read' },
  }),
  orderSourceAcknowledgeOrders: route({
    id: 'orderSourceAcknowledgeOrders', method: 'POST', path: '/v1/partner/order-source/acknowledge-orders',
    entry: 'functions/http/order-source-acknowledge-orders.ts', auth: PARTNER,
    summary: 'Record that the partner\'s software imported sales orders (AcknowledgeOrders); repeats succeed', tag: 'Fulfilment',
    body: AcknowledgeOrdersRequest, status: 200, response: AcknowledgeOrdersResponse, access: { main: 'readwrite' },
  }),
  orderSourceShipmentNotification: route({
    id: 'orderSourceShipmentNotification', method: 'POST', path: '/v1/partner/order-source/shipment-notification',
    entry: 'functions/http/order-source-shipment-notification.ts', auth: PARTNER,
    summary: 'Report sales orders shipped (ShipmentNotification): one result per notification, idempotent on notification_id',
    tag: 'Fulfilment', body: ShipmentNotificationRequest, status: 200, response: ShipmentNotificationResponse, access: { main: 'readwrite' },
  }),
} satisfies Record<string, RouteDefinition>;
