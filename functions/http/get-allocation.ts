import { deps } from '../../shared/composition.js';
import { getAllocation } from '../../shared/domain/allocations/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getAllocation, ({ principal, params }) =>
  getAllocation(deps(), principal.companyId!, params.allocationId),
);
