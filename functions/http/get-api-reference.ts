import { apiReferenceHtml } from '../../shared/http/openapi.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

let page: string | undefined;
export const handler = httpHandler(routes.apiReference, async () => (page ??= apiReferenceHtml()));
