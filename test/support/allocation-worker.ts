/**
 * One bulk allocation message processed by the real worker (functions/queues/process-allocation.ts)
 * in a process of its own, against the engine at DYNAMODB_ENDPOINT (the environment of the
 * platform that started it). The fault-injection suite kills it by pid mid-job.
 *
 *   ALLOCATION_MESSAGE    the queue message ({ companyId, allocationId })
 *   HANG_AFTER_COMMITS=n  after the n-th TransactWriteItems has committed, print `hung` and
 *                         wait forever without reading its answer (the process is killed there)
 *
 * Prints `done` when the handler returns.
 */
import { addDynamoMiddleware } from '../../shared/adapters/dynamodb/client.js';
import { handler } from '../../functions/queues/process-allocation.js';
import { lambdaContext } from '../../local/lambda-context.js';

const hangAfter = Number(process.env.HANG_AFTER_COMMITS ?? 0);
let committed = 0;
if (hangAfter > 0) {
  addDynamoMiddleware((next) => async (args) => {
    const target = (args.request as { headers?: Record<string, string> }).headers?.['x-amz-target'] ?? '';
    const out = await next(args);
    if (target.endsWith('.TransactWriteItems') && ++committed === hangAfter) {
      process.stdout.write('hung\n');
      setInterval(() => undefined, 1000);
      await new Promise(() => undefined);
    }
    return out;
  }, { step: 'deserialize', priority: 'high', name: 'hang-after-commit' });
}

const result = await handler({
  Records: [{
    messageId: 'worker-process', receiptHandle: 'worker-process', body: process.env.ALLOCATION_MESSAGE!,
    attributes: { ApproximateReceiveCount: '1', SentTimestamp: String(Date.now()), SenderId: 'local', ApproximateFirstReceiveTimestamp: String(Date.now()) },
    messageAttributes: {}, md5OfBody: '', eventSource: 'aws:sqs', eventSourceARN: 'arn:aws:sqs:local:000000000000:allocations', awsRegion: 'local',
  }],
}, lambdaContext('processAllocation', 'worker-process', 900_000));
process.stdout.write(result.batchItemFailures.length ? 'failed\n' : 'done\n');
process.exit(result.batchItemFailures.length ? 1 : 0);
