import { ConflictError, NotFoundError } from '../errors.js';
import type { Clock, IdGenerator, ListOptions } from '../ports.js';
import type { EmployeeRepository, ImportRow, StoredEmployee } from './ports.js';
import type { CreateEmployeeBody, Employee, EmployeeStatus, UpdateEmployeeBody } from './schemas.js';

export interface EmployeeDeps {
  employees: EmployeeRepository;
  clock: Clock;
  ids: IdGenerator;
}

export function toEmployee(stored: StoredEmployee): Employee {
  const { lastImport: _omit, ...employee } = stored;
  return employee;
}

/**
 * Adds an employee to the caller's company.
 * @throws ConflictError when another employee of the company has the email.
 */
export async function createEmployee(deps: EmployeeDeps, companyId: string, body: CreateEmployeeBody): Promise<Employee> {
  const now = deps.clock.now().toISOString();
  const employee: StoredEmployee = {
    employeeId: deps.ids.next(),
    email: body.email,
    name: body.name,
    country: body.country,
    department: body.department ?? null,
    hireDate: body.hireDate ?? null,
    birthDate: body.birthDate ?? null,
    status: 'active',
    createdAt: now,
    updatedAt: now,
  };
  await deps.employees.create(companyId, employee);
  return employee;
}

/** @throws NotFoundError for an unknown id, or an id of another company. */
export async function getEmployee(deps: EmployeeDeps, companyId: string, employeeId: string): Promise<Employee> {
  const employee = await deps.employees.get(companyId, employeeId);
  if (!employee) throw new NotFoundError('employee');
  return toEmployee(employee);
}

export function listEmployees(
  deps: EmployeeDeps,
  companyId: string,
  filter: { department?: string | undefined; status?: EmployeeStatus | undefined },
  options: ListOptions,
) {
  return deps.employees.list(companyId, filter, options);
}

/**
 * Changes an employee with optimistic concurrency: a concurrent change is retried on the new
 * version, so neither is lost.
 * @throws NotFoundError for an unknown id or an id of another company.
 */
export async function updateEmployee(
  deps: EmployeeDeps,
  companyId: string,
  employeeId: string,
  patch: UpdateEmployeeBody,
): Promise<Employee> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await deps.employees.get(companyId, employeeId);
    if (!current) throw new NotFoundError('employee');
    const next: StoredEmployee = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.country !== undefined ? { country: patch.country } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      ...(patch.department !== undefined ? { department: patch.department } : {}),
      updatedAt: laterThan(deps.clock.now().toISOString(), current.updatedAt),
    };
    if (await deps.employees.replace(companyId, current, next)) return toEmployee(next);
  }
  throw new ConflictError('The employee is being changed by another request; retry');
}

/** An ISO timestamp strictly after `previous`, so every version has its own updatedAt. */
export function laterThan(now: string, previous: string): string {
  return now > previous ? now : new Date(Date.parse(previous) + 1).toISOString();
}

export type RowOutcome = 'created' | 'updated' | 'unchanged';

/**
 * Creates or updates the employee of one import row, matched by email. Re-running the same
 * row (a retried chunk, or the same file imported again) changes nothing; a retried chunk
 * reports the outcome the first run recorded on the employee.
 */
export async function upsertImportedEmployee(
  deps: EmployeeDeps,
  companyId: string,
  importId: string,
  row: ImportRow,
): Promise<RowOutcome> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const existing = await deps.employees.findByEmail(companyId, row.email);
    const now = deps.clock.now().toISOString();
    if (!existing) {
      const employee: StoredEmployee = {
        employeeId: deps.ids.next(),
        email: row.email,
        name: row.name,
        country: row.country,
        department: row.department,
        hireDate: row.hireDate,
        birthDate: row.birthDate,
        status: 'active',
        createdAt: now,
        updatedAt: now,
        lastImport: { importId, row: row.row, outcome: 'created' },
      };
      try {
        await deps.employees.create(companyId, employee);
        return 'created';
      } catch (err) {
        if (err instanceof ConflictError) continue; // created concurrently: take the update path
        throw err;
      }
    }
    const same =
      existing.name === row.name && existing.country === row.country && existing.department === row.department &&
      existing.hireDate === row.hireDate && existing.birthDate === row.birthDate;
    if (same) {
      return existing.lastImport?.importId === importId && existing.lastImport.row === row.row
        ? existing.lastImport.outcome
        : 'unchanged';
    }
    const next: StoredEmployee = {
      ...existing,
      name: row.name,
      country: row.country,
      department: row.department,
      hireDate: row.hireDate,
      birthDate: row.birthDate,
      updatedAt: laterThan(now, existing.updatedAt),
      lastImport: { importId, row: row.row, outcome: 'updated' },
    };
    if (await deps.employees.replace(companyId, existing, next)) return 'updated';
  }
  throw new ConflictError(`Row ${row.row}: the employee kept changing during the import`);
}
