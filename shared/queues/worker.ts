/**
 * SQS-triggered workers: each record parsed with zod, processed on its own, failures reported
 * per record (ReportBatchItemFailures) so one bad message does not redeliver its neighbours.
 * A record that can never parse is logged and dropped rather than retried forever.
 */
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { z } from 'zod';
import { logger } from '../http/logger.js';
import { count, observed } from '../observability.js';

export function sqsWorker<S extends z.ZodType>(name: string, schema: S, process: (message: z.output<S>, context: Context) => Promise<void>) {
  return observed(async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      let message: z.output<S>;
      try {
        message = schema.parse(JSON.parse(record.body));
      } catch (error) {
        logger.error(`${name}: dropping a malformed message`, { error: error as Error, messageId: record.messageId });
        count('MessagesDropped');
        continue;
      }
      try {
        await process(message, context);
      } catch (error) {
        logger.error(`${name}: message failed, will be retried`, { error: error as Error, messageId: record.messageId });
        batchItemFailures.push({ itemIdentifier: record.messageId });
        count('MessagesFailed');
      }
    }
    return { batchItemFailures };
  });
}
