import type { Page } from '../common/schemas.js';
import type { ListOptions } from '../ports.js';
import type { Allocation } from './schemas.js';

/** An allocation as stored: the API shape and the bookkeeping of its background credit. */
export interface StoredAllocation extends Allocation {
  chunks: number;
  /** Chunks credited; also the version the next chunk's transaction expects. */
  progressVersion: number;
}

export interface AllocationRepository {
  get(companyId: string, allocationId: string): Promise<StoredAllocation | undefined>;
  list(companyId: string, options: ListOptions): Promise<Page<Allocation>>;
  /** Stores the recipients of a background allocation in chunks (idempotent). */
  putChunks(companyId: string, allocationId: string, chunks: string[][]): Promise<void>;
  chunk(companyId: string, allocationId: string, chunk: number): Promise<string[]>;
}

export interface AllocationMessage {
  companyId: string;
  allocationId: string;
}
