import { describe, expect, it } from 'vitest';
import {
  IMPORT_CHUNK_ROWS,
  parseEmployeeCsv,
  processImportChunk,
  startEmployeeImport,
  type ImportDeps,
} from '../../../shared/domain/employees/imports.js';
import { ValidationFailedError } from '../../../shared/domain/errors.js';
import { fixedClock, InMemoryEmployees, InMemoryImports, RecordingQueue, sequentialIds } from '../../fixtures/in-memory-employees.js';

function makeDeps(): ImportDeps & { employees: InMemoryEmployees; imports: InMemoryImports; queue: RecordingQueue } {
  return { employees: new InMemoryEmployees(), imports: new InMemoryImports(), queue: new RecordingQueue(), clock: fixedClock(), ids: sequentialIds() };
}

describe('parseEmployeeCsv', () => {
  it('reads quoted fields, a byte-order mark, CRLF line ends and columns in any order', () => {
    const { rows, errors, total } = parseEmployeeCsv('\uFEFFname,email,country\r\n"Doe, Jane",JANE@Example.com,DE\r\n');
    expect(errors).toEqual([]);
    expect(total).toBe(1);
    expect(rows).toEqual([{ row: 1, email: 'jane@example.com', name: 'Doe, Jane', country: 'DE', department: null, hireDate: null, birthDate: null }]);
  });

  it('reports each bad row by its 1-based number and keeps the good ones', () => {
    const { rows, errors } = parseEmployeeCsv('email,name,country,hireDate\na@x.example,A,TR,2024-13-01\nb@x.example,B,TR,\nb@x.example,B again,TR,\n');
    expect(rows.map((r) => r.row)).toEqual([2]);
    expect(errors.map((e) => e.row)).toEqual([1, 3]);
    expect(errors[0]!.message).toContain('hireDate');
    expect(errors[1]!.message).toBe('email: repeats row 2');
  });

  it('rejects a file whose header is unusable as a whole', () => {
    for (const csv of ['', 'email,name\na@x.example,A\n', 'email,name,country,salary\n', 'email,name,country,email\n', 'email,name,country\n']) {
      expect(() => parseEmployeeCsv(csv), JSON.stringify(csv)).toThrow(ValidationFailedError);
    }
  });
});

describe('employee import use cases', () => {
  it('queues one message per chunk of valid rows and counts invalid rows as processed failures up front', async () => {
    const deps = makeDeps();
    const rows = Array.from({ length: IMPORT_CHUNK_ROWS + 1 }, (_, i) => `p${i}@x.example,P${i},TR`);
    const { importId } = await startEmployeeImport(deps, 'c1', `email,name,country\n${rows.join('\n')}\nbad,Bad,TR\n`);
    expect(deps.queue.sent).toEqual([{ companyId: 'c1', importId, chunk: 0 }, { companyId: 'c1', importId, chunk: 1 }]);
    expect(deps.imports.records.get(importId)).toMatchObject({ status: 'running', total: IMPORT_CHUNK_ROWS + 2, processed: 1, failed: 1, chunks: 2 });
  });

  it('marks the import failed when its chunks cannot be queued, and reports the error', async () => {
    const deps = makeDeps();
    deps.queue.failWith = new Error('queue down');
    await expect(startEmployeeImport(deps, 'c1', 'email,name,country\na@x.example,A,TR\n')).rejects.toThrow('queue down');
    expect([...deps.imports.records.values()][0]).toMatchObject({ status: 'failed', completedAt: expect.any(String) });
  });

  it('reports the same outcome when a chunk is processed again after a crash before it was counted', async () => {
    const deps = makeDeps();
    const { importId } = await startEmployeeImport(deps, 'c1', 'email,name,country\na@x.example,A,TR\nb@x.example,B,TR\n');
    // First delivery writes the employees but "crashes" before the chunk is counted.
    const completeChunk = deps.imports.completeChunk.bind(deps.imports);
    deps.imports.completeChunk = async () => { throw new Error('crash'); };
    await expect(processImportChunk(deps, { companyId: 'c1', importId, chunk: 0 })).rejects.toThrow('crash');
    deps.imports.completeChunk = completeChunk;
    await processImportChunk(deps, { companyId: 'c1', importId, chunk: 0 });
    await processImportChunk(deps, { companyId: 'c1', importId, chunk: 0 }); // a third, duplicate delivery
    expect(deps.imports.records.get(importId)).toMatchObject({ status: 'completed', created: 2, unchanged: 0, processed: 2 });
  });

  it('lets an infrastructure failure go back to the queue instead of recording it as a row error', async () => {
    const deps = makeDeps();
    const { importId } = await startEmployeeImport(deps, 'c1', 'email,name,country\na@x.example,A,TR\n');
    deps.employees.findByEmail = async () => { throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }); };
    await expect(processImportChunk(deps, { companyId: 'c1', importId, chunk: 0 })).rejects.toThrow('socket hang up');
    expect(deps.imports.records.get(importId)).toMatchObject({ status: 'running', failed: 0 });
  });
});
