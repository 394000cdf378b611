/**
 * Rules of the points ledger that do not depend on storage: deterministic ids, and spending
 * the earliest-expiring lots first.
 */
import { createHash } from 'node:crypto';
import type { Lot } from './ports.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/**
 * A 26-character id derived from its parts (tenant, caller, idempotency key or source event).
 * A replay derives the same id, so the transfer guard stops a second posting even after the
 * idempotency record has expired.
 */
export function deriveId(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.map((p) => `${p.length}:${p}`).join('|')).digest();
  let out = '';
  for (let i = 0; i < 26; i++) {
    const bit = i * 5;
    const byte = bit >> 3;
    const value = ((digest[byte]! << 8) | (digest[byte + 1] ?? 0)) >> (11 - (bit & 7));
    out += CROCKFORD[value & 31];
  }
  return out;
}

/**
 * Which lots pay for `points`: earliest expiry first, never-expiring last, oldest grant first
 * within one expiry. Returns undefined when the lots do not cover the amount.
 */
export function takeFromLots(lots: Lot[], points: number): { lot: Lot; take: number }[] | undefined {
  // Code-point order (not localeCompare, which sorts '~' before digits): never-expiring last.
  const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const ordered = [...lots].sort((a, b) =>
    cmp(a.expiresAt ?? '~', b.expiresAt ?? '~') || cmp(a.grantedAt, b.grantedAt) || cmp(a.lotId, b.lotId));
  const takes: { lot: Lot; take: number }[] = [];
  let left = points;
  for (const lot of ordered) {
    if (left === 0) break;
    const take = Math.min(lot.remaining, left);
    if (take > 0) takes.push({ lot, take });
    left -= take;
  }
  return left === 0 ? takes : undefined;
}

/** Points of a wallet expiring at each instant, soonest first (GET /v1/me). */
export function expiringPoints(lots: Lot[]): { points: number; expiresAt: string }[] {
  const byInstant = new Map<string, number>();
  for (const lot of lots) if (lot.expiresAt && lot.remaining > 0) byInstant.set(lot.expiresAt, (byInstant.get(lot.expiresAt) ?? 0) + lot.remaining);
  return [...byInstant].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([expiresAt, points]) => ({ points, expiresAt }));
}
