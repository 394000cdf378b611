import { expiryDeps } from '../../shared/composition.js';
import { logger } from '../../shared/http/logger.js';
import { count, observed } from '../../shared/observability.js';
import { expireDuePoints } from '../../shared/domain/wallet/expiry.js';

export const handler = observed(async () => {
  const run = await expireDuePoints(expiryDeps());
  logger.info('points expired', { ...run });
  count('PointsExpired', run.pointsExpired);
  return run;
});
