import { companyDeps } from '../../shared/composition.js';
import { createPartner } from '../../shared/domain/companies/use-cases.js';
import { companyRoutes } from '../../shared/http/routes/companies.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(companyRoutes.createPartner, ({ body }) => createPartner(companyDeps(), body));
