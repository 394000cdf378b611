import type { Page } from '../common/schemas.js';
import type { ListOptions } from '../ports.js';
import type { Employee, EmployeeImport, EmployeeStatus } from './schemas.js';

export interface ImportMark {
  importId: string;
  row: number;
  outcome: 'created' | 'updated';
}

/** An employee as stored: the API shape plus the import that last wrote it. */
export interface StoredEmployee extends Employee {
  lastImport?: ImportMark;
}

export interface EmployeeRepository {
  /** @throws ConflictError when the email is taken in the company. */
  create(companyId: string, employee: StoredEmployee): Promise<void>;
  get(companyId: string, employeeId: string): Promise<StoredEmployee | undefined>;
  findByEmail(companyId: string, email: string): Promise<StoredEmployee | undefined>;
  /** The employees of these ids that exist in the company (at most 100 ids). */
  getMany(companyId: string, employeeIds: string[]): Promise<StoredEmployee[]>;
  /** Ids of the company's active employees, of one department when given. */
  activeIds(companyId: string, department?: string): Promise<string[]>;
  /** Replaces `next` if the stored item still has `previous.updatedAt`; false when it changed meanwhile. */
  replace(companyId: string, previous: StoredEmployee, next: StoredEmployee): Promise<boolean>;
  list(
    companyId: string,
    filter: { department?: string | undefined; status?: EmployeeStatus | undefined },
    options: ListOptions,
  ): Promise<Page<Employee>>;
}

export interface ImportRow {
  row: number;
  email: string;
  name: string;
  country: string;
  department: string | null;
  hireDate: string | null;
  birthDate: string | null;
}

export interface RowError {
  row: number;
  message: string;
}

export interface ChunkResult {
  created: number;
  updated: number;
  unchanged: number;
  errors: RowError[];
}

export interface EmployeeImportRepository {
  /** Records the import, its row errors and its chunks of valid rows. */
  start(companyId: string, record: EmployeeImport & { chunks: number }, chunks: ImportRow[][], errors: RowError[]): Promise<void>;
  get(companyId: string, importId: string, errorsCursor?: string): Promise<EmployeeImport | undefined>;
  chunk(companyId: string, importId: string, chunk: number): Promise<{ rows: ImportRow[]; done: boolean } | undefined>;
  /** Marks an import that could not be queued as failed. */
  markFailed(companyId: string, importId: string, at: string): Promise<void>;
  /**
   * Adds a chunk's counts exactly once (the chunk is marked done in the same transaction) and
   * completes the import when it was the last chunk. Returns false when the chunk was done already.
   */
  completeChunk(companyId: string, importId: string, chunk: number, result: ChunkResult, at: string): Promise<boolean>;
}
