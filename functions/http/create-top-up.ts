import { paymentDeps } from '../../shared/composition.js';
import { createTopUp } from '../../shared/domain/budget/top-ups.js';
import { budgetRoutes } from '../../shared/http/routes/budget.js';
import { Respond } from '../../shared/http/responses.js';
import { httpHandler, requestKeyOf } from '../../shared/http/stack.js';

export const handler = httpHandler(budgetRoutes.createTopUp, async (input) => {
  const topUp = await createTopUp(await paymentDeps(), input.principal.companyId!, requestKeyOf(input), input.body);
  return new Respond(201, topUp, { location: `/v1/budget/top-ups/${topUp.topUpId}` });
});
