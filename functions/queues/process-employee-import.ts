import { importDeps } from '../../shared/composition.js';
import { ImportChunkMessage, processImportChunk } from '../../shared/domain/employees/imports.js';
import { sqsWorker } from '../../shared/queues/worker.js';

export const handler = sqsWorker('process-employee-import', ImportChunkMessage, (message) => processImportChunk(importDeps(), message));
