import { deps } from '../../shared/composition.js';
import { exportSalesOrders } from '../../shared/domain/fulfilment/order-source.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, partnerIdOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.orderSourceSalesOrdersExport, ({ principal, body }) =>
  exportSalesOrders(deps(), partnerIdOf(principal), body));
