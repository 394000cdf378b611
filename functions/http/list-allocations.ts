import { allocationDeps } from '../../shared/composition.js';
import { listAllocations } from '../../shared/domain/allocations/use-cases.js';
import { allocationRoutes } from '../../shared/http/routes/allocations.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(allocationRoutes.listAllocations, ({ principal, query }) => listAllocations(allocationDeps(), principal.companyId!, query));
