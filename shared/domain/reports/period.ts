/**
 * The period of a report: [from, to), ISO 8601 instants (a bare date is midnight UTC). Without
 * `to` it ends now; without `from` it starts 30 days before `to`. At most 366 days.
 */
import { ValidationFailedError } from '../errors.js';

export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 366;
const DAY_MS = 24 * 3600 * 1000;

export interface Period {
  from: string;
  to: string;
}

export function resolvePeriod(query: { from?: string | undefined; to?: string | undefined }, now: Date): Period {
  const to = query.to !== undefined ? new Date(query.to) : now;
  const from = query.from !== undefined ? new Date(query.from) : new Date(to.getTime() - DEFAULT_PERIOD_DAYS * DAY_MS);
  const invalid = (path: string, message: string) => new ValidationFailedError([{ path, message }]);
  if (Number.isNaN(to.getTime())) throw invalid('query.to', 'is not a date');
  if (Number.isNaN(from.getTime())) throw invalid('query.from', 'is not a date');
  if (from.getTime() >= to.getTime()) throw invalid('query.from', 'must be before to');
  if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY_MS) throw invalid('query.from', `the period may span at most ${MAX_PERIOD_DAYS} days`);
  return { from: from.toISOString(), to: to.toISOString() };
}
