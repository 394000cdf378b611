import { walletDeps } from '../../shared/composition.js';
import { getMe } from '../../shared/domain/wallet/use-cases.js';
import { walletRoutes } from '../../shared/http/routes/wallet.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(walletRoutes.getMe, ({ principal }) => getMe(walletDeps(), principal.companyId!, principal.employeeId!));
