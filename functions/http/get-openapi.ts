import { openApiDocument } from '../../shared/http/openapi.js';
import { routes } from '../../shared/http/routes.js';
import { httpHandler } from '../../shared/http/stack.js';

let document: unknown;
export const handler = httpHandler(routes.openapi, async () => (document ??= openApiDocument()));
