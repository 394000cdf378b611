import { reminderDeps } from '../../shared/composition.js';
import { logger } from '../../shared/http/logger.js';
import { count, observed } from '../../shared/observability.js';
import { remindExpiringPoints } from '../../shared/domain/wallet/expiry.js';

export const handler = observed(async () => {
  const run = await remindExpiringPoints(reminderDeps());
  logger.info('expiring points reminded', { ...run });
  count('ExpiryReminders', run.employees);
  return run;
});
