import { deps } from '../../shared/composition.js';
import { getTopUp } from '../../shared/domain/budget/top-ups.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getTopUp, ({ principal, params }) => getTopUp(deps(), principal.companyId!, params.topUpId));
