import { reportDeps } from '../../shared/composition.js';
import { exportLedgerCsv } from '../../shared/domain/reports/use-cases.js';
import { Respond } from '../../shared/http/responses.js';
import { feedbackReportRoutes } from '../../shared/http/routes/feedback-reports.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(feedbackReportRoutes.exportLedgerCsv, async ({ principal, query }) => {
  const { period, csv, rows, truncated } = await exportLedgerCsv(reportDeps(), principal.companyId!, query);
  const name = `ledger-${period.from.slice(0, 10)}-${period.to.slice(0, 10)}.csv`;
  return new Respond(200, csv, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}"`,
    'x-export-rows': String(rows),
    'x-export-truncated': String(truncated),
  });
});
