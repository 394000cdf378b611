import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { config } from '../../config.js';

let client: DynamoDBClient | undefined;
let docClient: DynamoDBDocumentClient | undefined;

/** One client per execution environment, reaching the local engine when DYNAMODB_ENDPOINT is set. */
export function dynamoClient(): DynamoDBClient {
  const endpoint = config().DYNAMODB_ENDPOINT;
  client ??= new DynamoDBClient(
    endpoint
      ? { endpoint, region: 'local', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {},
  );
  return client;
}

export function documentClient(): DynamoDBDocumentClient {
  docClient ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return docClient;
}

/** Tests point a fresh process-wide client at another engine. */
export function resetDynamoClients(): void {
  client?.destroy();
  client = undefined;
  docClient = undefined;
}
