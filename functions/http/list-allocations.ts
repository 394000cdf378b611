import { deps } from '../../shared/composition.js';
import { listAllocations } from '../../shared/domain/allocations/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.listAllocations, ({ principal, query }) => listAllocations(deps(), principal.companyId!, query));
