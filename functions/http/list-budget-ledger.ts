import { budgetDeps } from '../../shared/composition.js';
import { listBudgetLedger } from '../../shared/domain/budget/use-cases.js';
import { budgetRoutes } from '../../shared/http/routes/budget.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(budgetRoutes.listBudgetLedger, ({ principal, query }) => listBudgetLedger(budgetDeps(), principal.companyId!, query));
