import { httpHandler } from '../../shared/http/stack.js';
import { routes } from '../../shared/http/routes.js';

export const handler = httpHandler(routes.health, async () => ({ status: 'ok' as const }));
