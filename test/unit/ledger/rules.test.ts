import { describe, expect, it } from 'vitest';
import type { Lot } from '../../../shared/domain/ledger/ports.js';
import { deriveId, expiringPoints, takeFromLots } from '../../../shared/domain/ledger/rules.js';

const lot = (lotId: string, remaining: number, expiresAt: string | null, grantedAt = '2026-01-01T00:00:00.000Z'): Lot =>
  ({ employeeId: 'e', lotId, remaining, expiresAt, grantedAt, reference: 'r' });

describe('ledger rules', () => {
  it('derives the same 26-character id from the same parts, and different ids from different ones', () => {
    const a = deriveId('order', 'company', 'sub', 'key-1');
    expect(a).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(deriveId('order', 'company', 'sub', 'key-1')).toBe(a);
    expect(deriveId('order', 'company', 'sub', 'key-2')).not.toBe(a);
    // Parts are length-prefixed: moving a separator does not collide.
    expect(deriveId('ab', 'c')).not.toBe(deriveId('a', 'bc'));
  });

  it('spends the earliest-expiring lots first, never-expiring last, and refuses what the lots cannot cover', () => {
    const lots = [lot('never', 50, null), lot('late', 30, '2026-12-31T00:00:00.000Z'), lot('soon', 20, '2026-12-01T00:00:00.000Z')];
    expect(takeFromLots(lots, 40)).toEqual([{ lot: lots[2], take: 20 }, { lot: lots[1], take: 20 }]);
    expect(takeFromLots(lots, 100)?.map((t) => [t.lot.lotId, t.take])).toEqual([['soon', 20], ['late', 30], ['never', 50]]);
    expect(takeFromLots(lots, 101)).toBeUndefined();
  });

  it('takes the older grant first among lots expiring at the same time', () => {
    const at = '2026-12-01T00:00:00.000Z';
    const lots = [lot('b', 5, at, '2026-02-01T00:00:00.000Z'), lot('a', 5, at, '2026-01-01T00:00:00.000Z')];
    expect(takeFromLots(lots, 5)).toEqual([{ lot: lots[1], take: 5 }]);
  });

  it('sums what expires at each instant, soonest first, ignoring lots that never expire', () => {
    const lots = [lot('x', 5, '2026-12-31T00:00:00.000Z'), lot('y', 7, '2026-12-01T00:00:00.000Z'), lot('z', 3, '2026-12-31T00:00:00.000Z'), lot('n', 9, null)];
    expect(expiringPoints(lots)).toEqual([{ points: 7, expiresAt: '2026-12-01T00:00:00.000Z' }, { points: 8, expiresAt: '2026-12-31T00:00:00.000Z' }]);
  });
});
