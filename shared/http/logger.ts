import { Logger } from '@aws-lambda-powertools/logger';

/** Structured JSON logs; level from POWERTOOLS_LOG_LEVEL (read by Powertools itself). */
export const logger = new Logger({ serviceName: 'gifting' });
