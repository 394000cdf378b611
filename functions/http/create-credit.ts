import { deps } from '../../shared/composition.js';
import { recordCredit } from '../../shared/domain/budget/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler, requestKeyOf } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.createCredit, (input) =>
  recordCredit(deps(), input.params.companyId, requestKeyOf(input), input.body),
);
