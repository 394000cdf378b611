/**
 * Every employee of the company, read page by page: the API has no list of departments and
 * orders carry only an employeeId, so pickers and names come from here. Capped so a very
 * large company still loads (the pickers then say the list is partial).
 */
import { api, type Page } from '../api';
import { useResource } from '../ui/components';
import type { Employee } from './api-types';

const PAGE = 100;
const MAX_PAGES = 20;

export interface EmployeeDirectory {
  employees: Employee[];
  departments: string[];
  nameOf: (employeeId: string) => string | undefined;
  /** More employees exist than were read. */
  partial: boolean;
}

async function loadDirectory(): Promise<EmployeeDirectory> {
  const employees: Employee[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: Page<Employee> = await api<Page<Employee>>(`/v1/employees?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    employees.push(...page.items);
    cursor = page.nextCursor;
    pages++;
  } while (cursor && pages < MAX_PAGES);
  const names = new Map(employees.map((e) => [e.employeeId, e.name]));
  const departments = [...new Set(employees.map((e) => e.department).filter((d): d is string => !!d))].sort((a, b) => a.localeCompare(b));
  employees.sort((a, b) => a.name.localeCompare(b.name));
  return { employees, departments, nameOf: (id) => names.get(id), partial: cursor !== null };
}

export function useEmployeeDirectory(reloadKey: unknown = 0) {
  return useResource(loadDirectory, [reloadKey]);
}
