import { topUpDeps } from '../../shared/composition.js';
import { getTopUp } from '../../shared/domain/budget/top-ups.js';
import { budgetRoutes } from '../../shared/http/routes/budget.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(budgetRoutes.getTopUp, ({ principal, params }) => getTopUp(topUpDeps(), principal.companyId!, params.topUpId));
