import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../../../shared/domain/errors.js';
import { resolvePeriod } from '../../../shared/domain/reports/period.js';

const now = new Date('2026-03-31T12:00:00.000Z');

const failure = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    if (err instanceof ValidationFailedError) return err.errors;
    throw err;
  }
  throw new Error('expected a validation failure');
};

describe('resolvePeriod', () => {
  it('defaults to the 30 days before now, and to 30 days before `to` when only it is given', () => {
    expect(resolvePeriod({}, now)).toEqual({ from: '2026-03-01T12:00:00.000Z', to: '2026-03-31T12:00:00.000Z' });
    expect(resolvePeriod({ to: '2026-02-01' }, now)).toEqual({ from: '2026-01-02T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z' });
    expect(resolvePeriod({ from: '2026-03-30' }, now)).toEqual({ from: '2026-03-30T00:00:00.000Z', to: '2026-03-31T12:00:00.000Z' });
  });

  it('reads dates as midnight UTC and instants with an offset in UTC', () => {
    expect(resolvePeriod({ from: '2026-01-01', to: '2026-01-01T05:00:00+03:00' }, now)).toEqual({
      from: '2026-01-01T00:00:00.000Z', to: '2026-01-01T02:00:00.000Z',
    });
  });

  it('accepts exactly 366 days and refuses one millisecond more', () => {
    expect(resolvePeriod({ from: '2024-01-01', to: '2025-01-01' }, now).to).toBe('2025-01-01T00:00:00.000Z');
    expect(failure(() => resolvePeriod({ from: '2024-01-01T00:00:00.000Z', to: '2025-01-01T00:00:00.001Z' }, now))).toEqual([
      { path: 'query.from', message: 'the period may span at most 366 days' },
    ]);
  });

  it('refuses an empty or reversed period', () => {
    expect(failure(() => resolvePeriod({ from: '2026-01-02', to: '2026-01-02' }, now))[0]!.path).toBe('query.from');
    expect(failure(() => resolvePeriod({ from: '2026-01-03', to: '2026-01-02' }, now))[0]!.message).toBe('must be before to');
  });
});
