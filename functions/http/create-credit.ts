import { budgetDeps } from '../../shared/composition.js';
import { recordCredit } from '../../shared/domain/budget/use-cases.js';
import { budgetRoutes } from '../../shared/http/routes/budget.js';
import { httpHandler, requestKeyOf } from '../../shared/http/stack.js';

export const handler = httpHandler(budgetRoutes.createCredit, (input) =>
  recordCredit(budgetDeps(), input.params.companyId, requestKeyOf(input), input.body),
);
