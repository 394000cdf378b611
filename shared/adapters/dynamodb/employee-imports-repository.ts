import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { ChunkResult, EmployeeImportRepository, ImportRow, RowError } from '../../domain/employees/ports.js';
import { EmployeeImport } from '../../domain/employees/schemas.js';
import { batchPut } from './batch.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const ERRORS_PAGE = 100;

const ImportItem = EmployeeImport.omit({ errors: true, errorsNextCursor: true }).extend({ chunks: z.number().int() });
const ChunkItem = z.object({
  rows: z.array(z.object({
    row: z.number(), email: z.string(), name: z.string(), country: z.string(),
    department: z.string().nullable(), hireDate: z.string().nullable(), birthDate: z.string().nullable(),
  })),
  done: z.boolean().optional(),
});

export class DynamoEmployeeImportRepository implements EmployeeImportRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async start(companyId: string, record: EmployeeImport & { chunks: number }, chunks: ImportRow[][], errors: RowError[]) {
    const { errors: _e, errorsNextCursor: _c, ...stored } = record;
    const writes = [
      ...chunks.map((rows, n) => ({ ...keys.importChunk(companyId, record.importId, n), entityType: 'ImportChunk', rows })),
      ...errors.map((e) => ({ ...keys.importError(companyId, record.importId, e.row), entityType: 'ImportError', ...e })),
    ];
    await batchPut(this.db, this.table, writes);
    // The import item last: its chunk count is what the worker completes against.
    await this.db.send(new UpdateCommand({
      TableName: this.table,
      Key: keys.employeeImport(companyId, record.importId),
      UpdateExpression: 'SET entityType = :t, ' + Object.keys(stored).map((k) => `#${k} = :${k}`).join(', ') + ', chunksDone = :zero',
      ConditionExpression: 'attribute_not_exists(pk)',
      ExpressionAttributeNames: Object.fromEntries(Object.keys(stored).map((k) => [`#${k}`, k])),
      ExpressionAttributeValues: {
        ':t': 'EmployeeImport',
        ':zero': 0,
        ...Object.fromEntries(Object.entries(stored).map(([k, v]) => [`:${k}`, v])),
      },
    }));
  }

  async get(companyId: string, importId: string, errorsCursor?: string): Promise<EmployeeImport | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.employeeImport(companyId, importId), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { chunks: _chunks, ...record } = ImportItem.parse(out.Item);
    const partition = keys.importPartition(companyId, importId);
    const errors = await this.db.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :e)',
      ExpressionAttributeValues: { ':p': partition, ':e': 'ERROR#' },
      Limit: ERRORS_PAGE,
      ExclusiveStartKey: decodeCursor(errorsCursor, { attribute: 'pk', value: partition, allowed: ['pk', 'sk'], sortKey: { attribute: 'sk', prefix: 'ERROR#' } }, 'query.errorsCursor'),
    }));
    return {
      ...record,
      errors: (errors.Items ?? []).map((e) => ({ row: e.row as number, message: e.message as string })),
      errorsNextCursor: encodeCursor(errors.LastEvaluatedKey),
    };
  }

  async chunk(companyId: string, importId: string, chunk: number) {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.importChunk(companyId, importId, chunk), ConsistentRead: true }));
    if (!out.Item) return undefined;
    const parsed = ChunkItem.parse(out.Item);
    return { rows: parsed.rows, done: parsed.done === true };
  }

  async markFailed(companyId: string, importId: string, at: string): Promise<void> {
    await this.db.send(new UpdateCommand({
      TableName: this.table,
      Key: keys.employeeImport(companyId, importId),
      UpdateExpression: 'SET #s = :failed, #completedAt = :at',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#s': 'status', '#completedAt': 'completedAt' },
      ExpressionAttributeValues: { ':failed': 'failed', ':at': at },
    }));
  }

  async completeChunk(companyId: string, importId: string, chunk: number, result: ChunkResult, at: string): Promise<boolean> {
    const failed = result.errors.length;
    const processed = result.created + result.updated + result.unchanged + failed;
    await batchPut(this.db, this.table, result.errors.map((e) => ({ ...keys.importError(companyId, importId, e.row), entityType: 'ImportError', ...e })));
    try {
      await this.db.send(new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: this.table,
              Key: keys.importChunk(companyId, importId, chunk),
              UpdateExpression: 'SET done = :t',
              ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(done)',
              ExpressionAttributeValues: { ':t': true },
            },
          },
          {
            Update: {
              TableName: this.table,
              Key: keys.employeeImport(companyId, importId),
              UpdateExpression: 'ADD #created :c, #updated :u, #unchanged :n, #failed :f, #processed :p, #chunksDone :one',
              ConditionExpression: 'attribute_exists(pk)',
              ExpressionAttributeNames: Object.fromEntries(
                ['created', 'updated', 'unchanged', 'failed', 'processed', 'chunksDone'].map((n) => [`#${n}`, n]),
              ),
              ExpressionAttributeValues: {
                ':c': result.created, ':u': result.updated, ':n': result.unchanged, ':f': failed, ':p': processed, ':one': 1,
              },
            },
          },
        ],
      }));
    } catch (err) {
      if (err instanceof TransactionCanceledException) return false;
      throw err;
    }
    // Completes the import once, when the last chunk is counted (whichever worker that is).
    await this.db.send(new UpdateCommand({
      TableName: this.table,
      Key: keys.employeeImport(companyId, importId),
      UpdateExpression: 'SET #s = :completed, #completedAt = :at',
      ConditionExpression: '#chunksDone = #chunks AND #s = :running',
      ExpressionAttributeNames: { '#s': 'status', '#completedAt': 'completedAt', '#chunksDone': 'chunksDone', '#chunks': 'chunks' },
      ExpressionAttributeValues: { ':completed': 'completed', ':running': 'running', ':at': at },
    })).catch((err: unknown) => {
      if ((err as Error).name !== 'ConditionalCheckFailedException') throw err;
    });
    return true;
  }
}
