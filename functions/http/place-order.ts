import { orderDeps } from '../../shared/composition.js';
import { placeOrder } from '../../shared/domain/orders/use-cases.js';
import { orderRoutes } from '../../shared/http/routes/orders.js';
import { Respond } from '../../shared/http/responses.js';
import { httpHandler, requestKeyOf } from '../../shared/http/stack.js';

export const handler = httpHandler(orderRoutes.placeOrder, async (input) => {
  const { principal } = input;
  const { order, replayed } = await placeOrder(orderDeps(), { companyId: principal.companyId!, employeeId: principal.employeeId!, ...requestKeyOf(input) }, input.body);
  return new Respond(201, order, { location: `/v1/orders/${order.orderId}`, ...(replayed ? { 'idempotent-replayed': 'true' } : {}) });
});
