import { expiryDeps } from '../../shared/composition.js';
import { logger } from '../../shared/http/logger.js';
import { expireDuePoints } from '../../shared/domain/wallet/expiry.js';

export const handler = async () => {
  const run = await expireDuePoints(expiryDeps());
  logger.info('points expired', { ...run });
  return run;
};
