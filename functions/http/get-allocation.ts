import { allocationDeps } from '../../shared/composition.js';
import { getAllocation } from '../../shared/domain/allocations/use-cases.js';
import { allocationRoutes } from '../../shared/http/routes/allocations.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(allocationRoutes.getAllocation, ({ principal, params }) =>
  getAllocation(allocationDeps(), principal.companyId!, params.allocationId),
);
