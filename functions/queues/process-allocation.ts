import { allocationDeps } from '../../shared/composition.js';
import { AllocationMessageSchema, processAllocation } from '../../shared/domain/allocations/use-cases.js';
import { sqsWorker } from '../../shared/queues/worker.js';

/** Leaves this much of the invocation to queue the continuation and return. */
const SAFETY_MS = 60_000;

export const handler = sqsWorker('process-allocation', AllocationMessageSchema, (message, context) =>
  processAllocation(allocationDeps(), message, Date.now() + context.getRemainingTimeInMillis() - SAFETY_MS),
);
