import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';
import { tracer } from '../../observability.js';

let client: DynamoDBClient | undefined;
let docClient: DynamoDBDocumentClient | undefined;

type Stack = DynamoDBClient['middlewareStack'];
type Middleware = Parameters<Stack['add']>[0];
type MiddlewareOptions = NonNullable<Parameters<Stack['add']>[1]>;
const extraMiddleware = new Map<string, { middleware: Middleware; options: MiddlewareOptions }>();

/** One client per execution environment, reaching the local engine when DYNAMODB_ENDPOINT is set. */
export function dynamoClient(): DynamoDBClient {
  if (client) return client;
  const endpoint = config().DYNAMODB_ENDPOINT;
  client = new DynamoDBClient(
    endpoint
      ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {},
  );
  for (const { middleware, options } of extraMiddleware.values()) client.middlewareStack.add(middleware, options);
  // A subsegment per DynamoDB call in the function's trace (a no-op outside Lambda).
  tracer.captureAWSv3Client(client);
  return client;
}

export function documentClient(): DynamoDBDocumentClient {
  // The document client shares the base client's middleware stack: what is added there applies to both.
  docClient ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return docClient;
}

/**
 * Adds an AWS SDK middleware to the process-wide client: now, and to every client made after
 * a reset. Nothing in the functions calls it; the fault-injection tests (test/support/faults.ts)
 * do. `options.name` identifies it; the returned function removes it again.
 */
export function addDynamoMiddleware(middleware: Middleware, options: MiddlewareOptions & { name: string }): () => void {
  extraMiddleware.set(options.name, { middleware, options });
  client?.middlewareStack.add(middleware, options);
  return () => {
    extraMiddleware.delete(options.name);
    client?.middlewareStack.remove(options.name);
  };
}

/** Tests point a fresh process-wide client at another engine. */
export function resetDynamoClients(): void {
  client?.destroy();
  client = undefined;
  docClient = undefined;
}
