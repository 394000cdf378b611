import { httpHandler } from '../../shared/http/stack.js';
import { healthRoutes } from '../../shared/http/routes/health.js';

export const handler = httpHandler(healthRoutes.health, async () => ({ status: 'ok' as const }));
