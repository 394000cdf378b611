import { deps } from '../../shared/composition.js';
import { giveFeedback } from '../../shared/domain/feedback/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.giveOrderFeedback, ({ principal, params, body }) =>
  giveFeedback(deps(), { companyId: principal.companyId!, employeeId: principal.employeeId! }, params.orderId, body),
);
