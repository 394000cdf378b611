import { deps } from '../../shared/composition.js';
import { getOrder } from '../../shared/domain/orders/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, orderCallerOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getOrder, ({ principal, params }) =>
  getOrder(deps(), orderCallerOf(principal), principal.companyId, params.orderId),
);
