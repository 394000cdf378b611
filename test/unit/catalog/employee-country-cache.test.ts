import { describe, expect, it } from 'vitest';
import { CachedEmployeeCountries } from '../../../shared/adapters/cache/employee-country-cache.js';
import type { StoredEmployee } from '../../../shared/domain/employees/ports.js';

function directory(countries: Record<string, string>) {
  const reads: string[] = [];
  return {
    reads,
    countries,
    failNext: false,
    async get(companyId: string, employeeId: string): Promise<StoredEmployee | undefined> {
      reads.push(`${companyId}/${employeeId}`);
      if (this.failNext) {
        this.failNext = false;
        throw new Error('table unavailable');
      }
      const country = this.countries[`${companyId}/${employeeId}`];
      return country ? ({ employeeId, country } as StoredEmployee) : undefined;
    },
  };
}

describe('the catalog\'s cache of employees\' countries', () => {
  it('answers from memory within its TTL and reads again after it, so a changed country shows', async () => {
    let now = 0;
    const employees = directory({ 'c1/e1': 'TR' });
    const cache = new CachedEmployeeCountries(employees, 1000, () => now);

    const first = await cache.countryOf('c1', 'e1');
    employees.countries['c1/e1'] = 'DE';
    now = 999;
    const within = await cache.countryOf('c1', 'e1');
    now = 1000;
    const after = await cache.countryOf('c1', 'e1');

    expect([first, within, after]).toEqual(['TR', 'TR', 'DE']);
    expect(employees.reads).toHaveLength(2);
  });

  it('never answers one company\'s employee from another company\'s entry', async () => {
    const employees = directory({ 'c1/e1': 'TR', 'c2/e1': 'DE' });
    const cache = new CachedEmployeeCountries(employees, 1000, () => 0);

    expect(await cache.countryOf('c1', 'e1')).toBe('TR');
    expect(await cache.countryOf('c2', 'e1')).toBe('DE');
    expect(await cache.countryOf('c3', 'e1')).toBeUndefined();
  });

  it('keeps neither an unknown employee nor a failed read', async () => {
    const employees = directory({});
    const cache = new CachedEmployeeCountries(employees, 1000, () => 0);

    expect(await cache.countryOf('c1', 'new')).toBeUndefined();
    employees.countries['c1/new'] = 'TR';
    expect(await cache.countryOf('c1', 'new')).toBe('TR');
    employees.failNext = true;
    await expect(cache.countryOf('c1', 'other')).rejects.toThrow('table unavailable');
    employees.countries['c1/other'] = 'DE';
    expect(await cache.countryOf('c1', 'other')).toBe('DE');
    expect(employees.reads).toEqual(['c1/new', 'c1/new', 'c1/other', 'c1/other']);
  });

  it('shares one read among requests that arrive while it is in flight', async () => {
    const employees = directory({ 'c1/e1': 'TR' });
    const cache = new CachedEmployeeCountries(employees, 1000, () => 0);

    const answers = await Promise.all([cache.countryOf('c1', 'e1'), cache.countryOf('c1', 'e1'), cache.countryOf('c1', 'e1')]);

    expect(answers).toEqual(['TR', 'TR', 'TR']);
    expect(employees.reads).toHaveLength(1);
  });
});
