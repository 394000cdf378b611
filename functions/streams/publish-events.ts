import type { DynamoDBStreamEvent } from 'aws-lambda';
import { publishChanges } from '../../shared/queues/publish-changes.js';
import { queue } from '../../shared/composition.js';

/** The main table's stream: item changes become domain events on the work queues. */
export const handler = (event: DynamoDBStreamEvent) => publishChanges(queue(), event);
