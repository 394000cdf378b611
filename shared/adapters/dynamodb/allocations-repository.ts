import { GetCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import type { Page } from '../../domain/common/schemas.js';
import type { AllocationRepository, StoredAllocation } from '../../domain/allocations/ports.js';
import { Allocation } from '../../domain/allocations/schemas.js';
import type { ListOptions } from '../../domain/ports.js';
import { batchPut } from './batch.js';
import { keys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const StoredAllocationItem = Allocation.extend({ chunks: z.number().int(), progressVersion: z.number().int() });
const ChunkItem = z.object({ employeeIds: z.array(z.string()) });

/** Allocation records are written by the ledger with their transfers (ledger-store.ts); this reads them. */
export class DynamoAllocationRepository implements AllocationRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async get(companyId: string, allocationId: string): Promise<StoredAllocation | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.allocation(companyId, allocationId), ConsistentRead: true }));
    return out.Item ? StoredAllocationItem.parse(out.Item) : undefined;
  }

  async list(companyId: string, options: ListOptions): Promise<Page<Allocation>> {
    const partition = keys.allocationsPartition(companyId);
    const out = await this.db.send(new QueryCommand({
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      ExpressionAttributeValues: { ':p': partition },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, { attribute: 'gsi1pk', value: partition, allowed: ['pk', 'sk', 'gsi1pk', 'gsi1sk'] }),
    }));
    return {
      items: (out.Items ?? []).map((i) => {
        const { chunks: _c, progressVersion: _p, ...allocation } = StoredAllocationItem.parse(i);
        return allocation;
      }),
      nextCursor: encodeCursor(out.LastEvaluatedKey),
    };
  }

  async putChunks(companyId: string, allocationId: string, chunks: string[][]): Promise<void> {
    const items = chunks.map((employeeIds, n) => ({ ...keys.allocationChunk(companyId, allocationId, n), entityType: 'AllocationChunk', employeeIds }));
    await batchPut(this.db, this.table, items);
  }

  async chunk(companyId: string, allocationId: string, chunk: number): Promise<string[]> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.allocationChunk(companyId, allocationId, chunk), ConsistentRead: true }));
    if (!out.Item) throw new Error(`allocation ${allocationId} has no chunk ${chunk}`);
    return ChunkItem.parse(out.Item).employeeIds;
  }
}
