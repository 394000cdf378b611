/** Formatting the console needs beyond useI18n: money in minor units, date inputs, day arithmetic. */
import type { Locale } from '../i18n';
import type { TopUp } from './api-types';

const INTL: Record<Locale, string> = { en: 'en-GB', tr: 'tr-TR', fa: 'fa-IR' };

export function formatMoney(money: TopUp['amount'], locale: Locale): string {
  const format = new Intl.NumberFormat(INTL[locale], { style: 'currency', currency: money.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(money.amountMinor / 10 ** digits);
}

const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of a date in UTC, as `<input type="date">` and the report period take it. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS));
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A `YYYY-MM-DD` day as the locale writes it, `short` without the year (chart axes). */
export function formatDay(day: string, locale: Locale, short = false): string {
  const options: Intl.DateTimeFormatOptions = short ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(INTL[locale], options).format(new Date(`${day}T00:00:00Z`));
}

/** A change of points with its sign (+250, −250), placed as the locale places it. */
export function formatSigned(n: number, locale: Locale): string {
  return new Intl.NumberFormat(INTL[locale], { signDisplay: 'exceptZero' }).format(n);
}

/**
 * The API's lists say "newest first" but order by id, and some ids are derived from
 * idempotency keys, so within a page they are put in time order here.
 */
export function newestFirst<T extends { createdAt: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}
