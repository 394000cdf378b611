import { budgetDeps } from '../../shared/composition.js';
import { getBudget } from '../../shared/domain/budget/use-cases.js';
import { budgetRoutes } from '../../shared/http/routes/budget.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(budgetRoutes.getBudget, ({ principal }) => getBudget(budgetDeps(), principal.companyId!));
