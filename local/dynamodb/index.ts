export { startDynamoEngine, type DynamoEngine, type DynamoEngineOptions } from './engine.js';
export { MAX_TRANSACTION_ACTIONS, CLIENT_REQUEST_TOKEN_TTL_MS } from './transactions.js';
