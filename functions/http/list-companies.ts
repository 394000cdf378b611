import { deps } from '../../shared/composition.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.listCompanies, ({ query }) => deps().companies.list(query));
