import { deps } from '../../shared/composition.js';
import { getMe } from '../../shared/domain/wallet/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getMe, ({ principal }) => getMe(deps(), principal.companyId!, principal.employeeId!));
