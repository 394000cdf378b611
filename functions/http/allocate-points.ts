import { allocationDeps } from '../../shared/composition.js';
import { allocatePoints } from '../../shared/domain/allocations/use-cases.js';
import { allocationRoutes } from '../../shared/http/routes/allocations.js';
import { Respond } from '../../shared/http/responses.js';
import { httpHandler, requestKeyOf } from '../../shared/http/stack.js';

export const handler = httpHandler(allocationRoutes.createAllocation, async (input) => {
  const { allocation, background } = await allocatePoints(allocationDeps(), input.principal.companyId!, requestKeyOf(input), input.body);
  return new Respond(background ? 202 : 201, allocation, { location: `/v1/allocations/${allocation.allocationId}` });
});
