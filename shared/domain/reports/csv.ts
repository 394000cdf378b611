/**
 * CSV of ledger entries (RFC 4180: CRLF line ends, fields with a comma, quote or line break in
 * double quotes, quotes doubled). Text cells that a spreadsheet would run as a formula (starting
 * with = + - @, a tab or a carriage return) get a leading single quote (OWASP "CSV injection").
 * Integer columns are written as plain numbers: a negative delta is a number, not a formula.
 */
import type { LedgerEntry } from '../ledger/schemas.js';

export const LEDGER_CSV_HEADER = ['entryId', 'at', 'kind', 'deltaPoints', 'balanceAfter', 'reference', 'note'] as const;

/** One text cell: neutralised against formula injection, then quoted when it needs to be. */
export function csvText(value: string | null | undefined): string {
  let cell = value ?? '';
  if (/^[=+\-@\t\r]/.test(cell)) cell = `'${cell}`;
  return /[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell;
}

export function csvInteger(value: number): string {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not an integer`);
  return String(value);
}

export function ledgerCsvRow(e: Pick<LedgerEntry, 'entryId' | 'at' | 'kind' | 'deltaPoints' | 'balanceAfter' | 'reference' | 'note'>): string {
  return [csvText(e.entryId), csvText(e.at), csvText(e.kind), csvInteger(e.deltaPoints), csvInteger(e.balanceAfter), csvText(e.reference), csvText(e.note)].join(',');
}

export const CSV_LINE_END = '\r\n';
