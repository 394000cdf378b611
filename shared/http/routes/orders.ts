/** Routes: orders of gifts, paid with points. Part of the route table (../routes.ts). */
import { page } from '../../domain/common/schemas.js';
import { ListOrdersQuery, Order, OrderPath, PlaceOrderBody } from '../../domain/orders/schemas.js';
import { route, EMPLOYEE, SHOPPERS, type RouteDefinition } from './definition.js';

export const orderRoutes = {
  placeOrder: route({
    id: 'placeOrder', method: 'POST', path: '/v1/orders', entry: 'functions/http/place-order.ts', auth: EMPLOYEE,
    summary: 'Order gifts with points: points, stock and the order change in one transaction', tag: 'Orders',
    body: PlaceOrderBody, idempotent: 'native', status: 201, response: Order, access: { main: 'readwrite' },
  }),
  listOrders: route({
    id: 'listOrders', method: 'GET', path: '/v1/orders', entry: 'functions/http/list-orders.ts',
    auth: ['employee', 'hr_admin', 'platform_admin'],
    summary: 'Orders: an employee\'s own, a company\'s for HR (by status), this month\'s for the operator', tag: 'Orders',
    query: ListOrdersQuery, status: 200, response: page(Order), access: { main: 'read' },
  }),
  getOrder: route({
    id: 'getOrder', method: 'GET', path: '/v1/orders/{orderId}', entry: 'functions/http/get-order.ts',
    auth: ['employee', 'hr_admin', 'platform_admin'],
    summary: 'An order with its history (digital codes only for the employee who ordered)', tag: 'Orders', params: OrderPath,
    status: 200, response: Order, access: { main: 'read' },
  }),
  cancelOrder: route({
    id: 'cancelOrder', method: 'POST', path: '/v1/orders/{orderId}/cancel', entry: 'functions/http/cancel-order.ts', auth: SHOPPERS,
    summary: 'Cancel an order that has not shipped: points and stock return', tag: 'Orders', params: OrderPath,
    idempotent: true, status: 200, response: Order, access: { main: 'readwrite', idempotency: true },
  }),
} satisfies Record<string, RouteDefinition>;
