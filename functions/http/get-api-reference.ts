import { apiReferenceHtml } from '../../shared/http/openapi.js';
import { healthRoutes } from '../../shared/http/routes/health.js';
import { httpHandler } from '../../shared/http/stack.js';

let page: string | undefined;
export const handler = httpHandler(healthRoutes.apiReference, async () => (page ??= apiReferenceHtml()));
