import { openApiDocument } from '../../shared/http/openapi.js';
import { healthRoutes } from '../../shared/http/routes/health.js';
import { httpHandler } from '../../shared/http/stack.js';

let document: unknown;
export const handler = httpHandler(healthRoutes.openapi, async () => (document ??= openApiDocument()));
