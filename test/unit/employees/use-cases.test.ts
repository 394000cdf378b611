import { describe, expect, it } from 'vitest';
import { createEmployee, laterThan, updateEmployee, upsertImportedEmployee } from '../../../shared/domain/employees/use-cases.js';
import { NotFoundError } from '../../../shared/domain/errors.js';
import { fixedClock, InMemoryEmployees, sequentialIds } from '../../fixtures/in-memory-employees.js';

const row = (extra: Partial<Parameters<typeof upsertImportedEmployee>[3]> = {}) => ({
  row: 1, email: 'a@x.example', name: 'A', country: 'TR', department: null, hireDate: null, birthDate: null, ...extra,
});

describe('employee use cases', () => {
  it('re-applies a change on the newer version when another writer got there first', async () => {
    const deps = { employees: new InMemoryEmployees(), clock: fixedClock(), ids: sequentialIds() };
    const e = await createEmployee(deps, 'c1', { email: 'a@x.example', name: 'A', country: 'TR' });
    let raced = false;
    deps.employees.beforeReplace = (current) => {
      if (raced) return;
      raced = true;
      current.department = 'Ops'; // the concurrent writer's change
      current.updatedAt = '2026-11-26T10:00:00.500Z';
    };
    const updated = await updateEmployee(deps, 'c1', e.employeeId, { name: 'Renamed' });
    expect(updated).toMatchObject({ name: 'Renamed', department: 'Ops' });
    expect(updated.updatedAt > '2026-11-26T10:00:00.500Z').toBe(true);
  });

  it('reports an employee of another company as not found', async () => {
    const deps = { employees: new InMemoryEmployees(), clock: fixedClock(), ids: sequentialIds() };
    const e = await createEmployee(deps, 'c1', { email: 'a@x.example', name: 'A', country: 'TR' });
    await expect(updateEmployee(deps, 'c2', e.employeeId, { name: 'X' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('creates, leaves unchanged, then updates an imported row by its email', async () => {
    const deps = { employees: new InMemoryEmployees(), clock: fixedClock(), ids: sequentialIds() };
    expect(await upsertImportedEmployee(deps, 'c1', 'imp1', row())).toBe('created');
    expect(await upsertImportedEmployee(deps, 'c1', 'imp2', row())).toBe('unchanged');
    expect(await upsertImportedEmployee(deps, 'c1', 'imp3', row({ department: 'Ops' }))).toBe('updated');
    expect(deps.employees.byId.size).toBe(1);
  });

  it('gives every version a later updatedAt even within one millisecond', () => {
    expect(laterThan('2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:00.001Z');
    expect(laterThan('2026-01-01T00:00:01.000Z', '2026-01-01T00:00:00.000Z')).toBe('2026-01-01T00:00:01.000Z');
  });
});
