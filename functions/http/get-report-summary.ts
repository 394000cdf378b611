import { reportDeps } from '../../shared/composition.js';
import { reportSummary } from '../../shared/domain/reports/use-cases.js';
import { feedbackReportRoutes } from '../../shared/http/routes/feedback-reports.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(feedbackReportRoutes.getReportSummary, ({ principal, query }) => reportSummary(reportDeps(), principal.companyId!, query));
