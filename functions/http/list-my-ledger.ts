import { deps } from '../../shared/composition.js';
import { listMyLedger } from '../../shared/domain/wallet/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.listMyLedger, ({ principal, query }) =>
  listMyLedger(deps(), principal.companyId!, principal.employeeId!, query),
);
