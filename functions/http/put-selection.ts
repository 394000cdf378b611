import { deps } from '../../shared/composition.js';
import { replaceSelection } from '../../shared/domain/catalog/use-cases.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

export const handler = httpHandler(routes.putSelection, ({ principal, body }) => replaceSelection(deps(), principal.companyId!, body.productIds));
