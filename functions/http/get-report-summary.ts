import { deps } from '../../shared/composition.js';
import { reportSummary } from '../../shared/domain/reports/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getReportSummary, ({ principal, query }) => reportSummary(deps(), principal.companyId!, query));
