import { deps } from '../../shared/composition.js';
import { listTopUps } from '../../shared/domain/budget/top-ups.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.listTopUps, ({ principal, query }) => listTopUps(deps(), principal.companyId!, query));
