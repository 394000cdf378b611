/**
 * Opaque list cursors: base64url of the LastEvaluatedKey. A cursor is checked on the way in
 * (string attributes only, and the partition it was issued for), so a forged cursor can
 * neither reach another partition nor cause a 500.
 */
import { ValidationFailedError } from '../../domain/errors.js';

export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  return lastKey ? Buffer.from(JSON.stringify(lastKey), 'utf8').toString('base64url') : null;
}

export function decodeCursor(
  cursor: string | undefined,
  expected: {
    attribute: string;
    value: string;
    /** Exactly the key attributes of the table or index queried: all present, nothing else. */
    allowed: string[];
    /** The sort key must lie inside the queried range (a begins_with query). */
    sortKey?: { attribute: string; prefix: string };
  },
  path = 'query.cursor',
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () => new ValidationFailedError([{ path, message: 'is not a cursor this list issued' }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalid();
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length !== expected.allowed.length || entries.some(([k, v]) => typeof v !== 'string' || !expected.allowed.includes(k))) throw invalid();
  const key = Object.fromEntries(entries) as Record<string, string>;
  if (key[expected.attribute] !== expected.value) throw invalid();
  if (expected.sortKey && !key[expected.sortKey.attribute]!.startsWith(expected.sortKey.prefix)) throw invalid();
  return key;
}
