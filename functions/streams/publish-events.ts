import type { DynamoDBStreamEvent } from 'aws-lambda';
import { publishChanges } from '../../shared/queues/publish-changes.js';
import { queue } from '../../shared/composition.js';
import { observed } from '../../shared/observability.js';

/** The main table's stream: item changes become domain events on the work queues. */
export const handler = observed((event: DynamoDBStreamEvent) => publishChanges(queue(), event));
