import { deps } from '../../shared/composition.js';
import { getBudget } from '../../shared/domain/budget/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getBudget, ({ principal }) => getBudget(deps(), principal.companyId!));
