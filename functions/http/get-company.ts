import { deps } from '../../shared/composition.js';
import { getCompany } from '../../shared/domain/companies/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.getCompany, ({ params }) => getCompany(deps(), params.companyId));
