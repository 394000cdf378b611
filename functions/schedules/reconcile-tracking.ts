import { carrierDeps } from '../../shared/composition.js';
import { reconcileQuietShipments } from '../../shared/domain/fulfilment/use-cases.js';
import { logger } from '../../shared/http/logger.js';
import { observed } from '../../shared/observability.js';

export const handler = observed(async () => {
  const result = await reconcileQuietShipments(carrierDeps(), { quietHours: 24, limit: 200 });
  logger.info('tracking reconciliation', result);
  return result;
});
