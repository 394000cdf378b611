import { topUpDeps } from '../../shared/composition.js';
import { listTopUps } from '../../shared/domain/budget/top-ups.js';
import { budgetRoutes } from '../../shared/http/routes/budget.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(budgetRoutes.listTopUps, ({ principal, query }) => listTopUps(topUpDeps(), principal.companyId!, query));
