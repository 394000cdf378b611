import { walletDeps } from '../../shared/composition.js';
import { listMyLedger } from '../../shared/domain/wallet/use-cases.js';
import { walletRoutes } from '../../shared/http/routes/wallet.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(walletRoutes.listMyLedger, ({ principal, query }) =>
  listMyLedger(walletDeps(), principal.companyId!, principal.employeeId!, query),
);
