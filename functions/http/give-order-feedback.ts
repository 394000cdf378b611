import { feedbackDeps } from '../../shared/composition.js';
import { giveFeedback } from '../../shared/domain/feedback/use-cases.js';
import { feedbackReportRoutes } from '../../shared/http/routes/feedback-reports.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(feedbackReportRoutes.giveOrderFeedback, ({ principal, params, body }) =>
  giveFeedback(feedbackDeps(), { companyId: principal.companyId!, employeeId: principal.employeeId! }, params.orderId, body),
);
