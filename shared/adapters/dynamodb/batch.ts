/** Batch reads and writes that finish their unprocessed items, with backoff; queries read to the end. */
import { BatchGetCommand, BatchWriteCommand, QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

const MAX_ROUNDS = 9;
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, 20 * 2 ** attempt));

export async function batchPut(db: DynamoDBDocumentClient, table: string, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let pending: Record<string, unknown>[] = items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= MAX_ROUNDS) throw new Error('BatchWriteItem kept returning unprocessed items');
      if (attempt) await backoff(attempt);
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
    }
  }
}

/**
 * Consistent reads of up to any number of keys; missing items are simply absent. `attributes`
 * limits what each item brings back (plain attribute names).
 */
export async function batchGet(
  db: DynamoDBDocumentClient,
  table: string,
  keys: Record<string, unknown>[],
  attributes?: string[],
): Promise<Record<string, unknown>[]> {
  const projection = attributes && {
    ProjectionExpression: attributes.map((_, i) => `#a${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((a, i) => [`#a${i}`, a])),
  };
  const found: Record<string, unknown>[] = [];
  for (let i = 0; i < keys.length; i += 100) {
    let request = keys.slice(i, i + 100);
    for (let attempt = 0; request.length; attempt++) {
      if (attempt >= MAX_ROUNDS) throw new Error('BatchGetItem kept returning unprocessed keys');
      if (attempt) await backoff(attempt);
      const out = await db.send(new BatchGetCommand({ RequestItems: { [table]: { Keys: request, ConsistentRead: true, ...projection } } }));
      found.push(...(out.Responses?.[table] ?? []));
      request = (out.UnprocessedKeys?.[table]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return found;
}

export async function batchDelete(db: DynamoDBDocumentClient, table: string, keys: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < keys.length; i += 25) {
    let pending: Record<string, unknown>[] = keys.slice(i, i + 25).map((Key) => ({ DeleteRequest: { Key } }));
    for (let attempt = 0; pending.length; attempt++) {
      if (attempt >= MAX_ROUNDS) throw new Error('BatchWriteItem kept returning unprocessed items');
      if (attempt) await backoff(attempt);
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending as never } }));
      pending = (out.UnprocessedItems?.[table] ?? []) as Record<string, unknown>[];
    }
  }
}

/** Every item a Query matches, page after page (stop early by returning from the loop). */
export async function* queryItems(db: DynamoDBDocumentClient, input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
  let start = input.ExclusiveStartKey;
  do {
    const out = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    for (const item of out.Items ?? []) yield item;
    start = out.LastEvaluatedKey;
  } while (start);
}
