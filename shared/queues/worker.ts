/**
 * SQS-triggered workers: each record parsed with zod, processed on its own, failures reported
 * per record (ReportBatchItemFailures) so one bad message does not redeliver its neighbours.
 * A record that can never parse is logged and dropped rather than retried forever.
 */
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../http/logger.js';

export function sqsWorker<S extends z.ZodType>(name: string, schema: S, process: (message: z.output<S>) => Promise<void>) {
  return async (event: SQSEvent): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let message: z.output<S>;
      try {
        message = schema.parse(JSON.parse(record.body));
      } catch (error) {
        logger.error(`${name}: dropping a malformed message`, { error: error as Error, messageId: record.messageId });
        continue;
      }
      try {
        await process(message);
      } catch (error) {
        logger.error(`${name}: message failed, will be retried`, { error: error as Error, messageId: record.messageId });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  };
}
