import { deps } from '../../shared/composition.js';
import { createPartner } from '../../shared/domain/companies/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.createPartner, ({ body }) => createPartner(deps(), body));
