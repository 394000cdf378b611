import { reminderDeps } from '../../shared/composition.js';
import { logger } from '../../shared/http/logger.js';
import { remindExpiringPoints } from '../../shared/domain/wallet/expiry.js';

export const handler = async () => {
  const run = await remindExpiringPoints(reminderDeps());
  logger.info('expiring points reminded', { ...run });
  return run;
};
