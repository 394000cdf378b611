/**
 * CSV import of employees. The upload is parsed and checked at once (row errors recorded,
 * good rows kept), then processed in chunks by a queue worker that reports progress on the
 * import resource. Chunks are processed at least once; the counts are applied exactly once.
 */
import { parse } from 'csv-parse/sync';
import * as z from 'zod';
import { DomainError, ValidationFailedError } from '../errors.js';
import type { Clock, IdGenerator, JobQueue } from '../ports.js';
import type { ChunkResult, EmployeeImportRepository, ImportRow, RowError } from './ports.js';
import { CreateEmployeeBody, IMPORT_COLUMNS, type EmployeeImport } from './schemas.js';
import { upsertImportedEmployee, type EmployeeDeps } from './use-cases.js';

export const MAX_IMPORT_ROWS = 20_000;
export const IMPORT_CHUNK_ROWS = 100;

export interface ImportDeps extends EmployeeDeps {
  imports: EmployeeImportRepository;
  queue: JobQueue;
  clock: Clock;
  ids: IdGenerator;
}

export interface ImportChunkMessage {
  companyId: string;
  importId: string;
  chunk: number;
}

const REQUIRED = ['email', 'name', 'country'] as const;

/** Parses the file; a problem with the file as a whole is a 422, a problem with a row is a row error. */
export function parseEmployeeCsv(csv: string): { rows: ImportRow[]; errors: RowError[]; total: number } {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (err) {
    throw new ValidationFailedError([{ path: 'body', message: `The CSV cannot be read: ${(err as Error).message}` }]);
  }
  const [header, ...data] = records;
  if (!header) throw new ValidationFailedError([{ path: 'body', message: 'The file is empty' }]);
  const columns = header.map((h) => h.trim());
  const unknown = columns.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  const missing = REQUIRED.filter((c) => !columns.includes(c));
  const repeated = columns.filter((c, i) => columns.indexOf(c) !== i);
  if (unknown.length || missing.length || repeated.length) {
    throw new ValidationFailedError([{
      path: 'body',
      message: `The header must be ${IMPORT_COLUMNS.join(',')} (email, name and country required)` +
        (unknown.length ? `; unknown: ${unknown.join(', ')}` : '') +
        (missing.length ? `; missing: ${missing.join(', ')}` : '') +
        (repeated.length ? `; repeated: ${repeated.join(', ')}` : ''),
    }]);
  }
  if (data.length === 0) throw new ValidationFailedError([{ path: 'body', message: 'The file has no data rows' }]);
  if (data.length > MAX_IMPORT_ROWS) {
    throw new ValidationFailedError([{ path: 'body', message: `At most ${MAX_IMPORT_ROWS} rows per file` }]);
  }

  const rows: ImportRow[] = [];
  const errors: RowError[] = [];
  const firstRowOfEmail = new Map<string, number>();
  data.forEach((cells, index) => {
    const row = index + 1;
    if (cells.length !== columns.length) {
      errors.push({ row, message: `Expected ${columns.length} fields, found ${cells.length}` });
      return;
    }
    const record = Object.fromEntries(columns.map((c, i) => [c, cells[i] === '' ? undefined : cells[i]]));
    const parsed = CreateEmployeeBody.safeParse(record);
    if (!parsed.success) {
      errors.push({ row, message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return;
    }
    const earlier = firstRowOfEmail.get(parsed.data.email);
    if (earlier !== undefined) {
      errors.push({ row, message: `email: repeats row ${earlier}` });
      return;
    }
    firstRowOfEmail.set(parsed.data.email, row);
    rows.push({
      row,
      email: parsed.data.email,
      name: parsed.data.name,
      country: parsed.data.country,
      department: parsed.data.department ?? null,
      hireDate: parsed.data.hireDate ?? null,
      birthDate: parsed.data.birthDate ?? null,
    });
  });
  return { rows, errors, total: data.length };
}

/**
 * Starts an import: records it with its row errors and chunks, and queues the chunks.
 * @throws ValidationFailedError when the file as a whole is unusable.
 */
export async function startEmployeeImport(deps: ImportDeps, companyId: string, csv: string): Promise<{ importId: string }> {
  const { rows, errors, total } = parseEmployeeCsv(csv);
  const importId = deps.ids.next();
  const chunks: ImportRow[][] = [];
  for (let i = 0; i < rows.length; i += IMPORT_CHUNK_ROWS) chunks.push(rows.slice(i, i + IMPORT_CHUNK_ROWS));
  const now = deps.clock.now().toISOString();
  const record: EmployeeImport & { chunks: number } = {
    importId,
    status: chunks.length ? 'running' : 'completed',
    total,
    processed: errors.length,
    created: 0,
    updated: 0,
    unchanged: 0,
    failed: errors.length,
    errors: [],
    errorsNextCursor: null,
    createdAt: now,
    completedAt: chunks.length ? null : now,
    chunks: chunks.length,
  };
  await deps.imports.start(companyId, record, chunks, errors);
  if (chunks.length) {
    try {
      await deps.queue.send('employee-imports', chunks.map((_, chunk): ImportChunkMessage => ({ companyId, importId, chunk })));
    } catch (err) {
      // The caller gets an error and can upload again; the import must not stay "running" forever.
      await deps.imports.markFailed(companyId, importId, deps.clock.now().toISOString());
      throw err;
    }
  }
  return { importId };
}

export const ImportChunkMessage = z.object({ companyId: z.string().min(1), importId: z.string().min(1), chunk: z.number().int().nonnegative() });

/** Processes one chunk (idempotent: a chunk already counted is skipped). */
export async function processImportChunk(deps: ImportDeps, message: ImportChunkMessage): Promise<void> {
  const chunk = await deps.imports.chunk(message.companyId, message.importId, message.chunk);
  if (!chunk || chunk.done) return;
  const result: ChunkResult = { created: 0, updated: 0, unchanged: 0, errors: [] };
  for (const row of chunk.rows) {
    try {
      const outcome = await upsertImportedEmployee(deps, message.companyId, message.importId, row);
      result[outcome]++;
    } catch (err) {
      // A rule the row breaks is a row error; anything else (the database, the network) is
      // thrown so that the queue redelivers the chunk.
      if (!(err instanceof DomainError)) throw err;
      result.errors.push({ row: row.row, message: err.message });
    }
  }
  await deps.imports.completeChunk(message.companyId, message.importId, message.chunk, result, deps.clock.now().toISOString());
}
