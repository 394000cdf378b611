import { partners } from '../../shared/composition.js';
import { companyRoutes } from '../../shared/http/routes/companies.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(companyRoutes.listPartners, ({ query }) => partners().list(query));
