/**
 * The country an employee browses the catalog for by default, kept per execution environment
 * for a short TTL, so paging through the catalog does not read the employee on every page.
 * What it may show for up to its TTL: the country an employee had before HR changed it (the
 * catalog of the old country is listed); nothing else depends on it: an order is checked
 * against the country of its shipping address, never this one. Keyed by company and employee,
 * as the repository is, so one company's entry never answers for another.
 */
import type { EmployeeCountryLookup } from '../../domain/catalog/ports.js';
import type { EmployeeRepository } from '../../domain/employees/ports.js';

export const EMPLOYEE_COUNTRY_TTL_MS = 30_000;
/** Entries kept; the oldest go first. */
const MAX_ENTRIES = 5000;

export class CachedEmployeeCountries implements EmployeeCountryLookup {
  private readonly entries = new Map<string, { at: number; value: Promise<string | undefined> }>();

  constructor(
    private readonly employees: Pick<EmployeeRepository, 'get'>,
    private readonly ttlMs = EMPLOYEE_COUNTRY_TTL_MS,
    private readonly now = () => Date.now(),
  ) {}

  countryOf(companyId: string, employeeId: string): Promise<string | undefined> {
    const key = JSON.stringify([companyId, employeeId]);
    const hit = this.entries.get(key);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.employees.get(companyId, employeeId).then((e) => e?.country);
    this.entries.delete(key);
    this.entries.set(key, { at: this.now(), value });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    // Neither an unknown employee nor a failed read is kept: a new employee browses at once.
    const forget = () => this.entries.get(key)?.value === value && this.entries.delete(key);
    value.then((country) => country === undefined && forget(), forget);
    return value;
  }
}
