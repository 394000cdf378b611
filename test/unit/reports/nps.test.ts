import { describe, expect, it } from 'vitest';
import { netPromoterScore } from '../../../shared/domain/reports/nps.js';

describe('netPromoterScore', () => {
  it('counts promoters (9–10), passives (7–8) and detractors (0–6) of a known set and scores their difference', () => {
    expect(netPromoterScore([10, 9, 9, 8, 7, 6, 5, 0, 10, 3])).toEqual({ score: 0, responses: 10, promoters: 4, passives: 2, detractors: 4 });
  });

  it('scores 100 when everyone is a promoter and -100 when everyone is a detractor', () => {
    expect(netPromoterScore([9, 10, 10])).toEqual({ score: 100, responses: 3, promoters: 3, passives: 0, detractors: 0 });
    expect(netPromoterScore([0, 6, 3, 1])).toEqual({ score: -100, responses: 4, promoters: 0, passives: 0, detractors: 4 });
  });

  it('scores 0 when everyone is passive, and null without responses', () => {
    expect(netPromoterScore([7, 8])).toEqual({ score: 0, responses: 2, promoters: 0, passives: 2, detractors: 0 });
    expect(netPromoterScore([])).toEqual({ score: null, responses: 0, promoters: 0, passives: 0, detractors: 0 });
  });

  it('puts the boundaries where they belong: 6 detracts, 7 and 8 are passive, 9 promotes', () => {
    expect(netPromoterScore([6])).toMatchObject({ detractors: 1, score: -100 });
    expect(netPromoterScore([7])).toMatchObject({ passives: 1, score: 0 });
    expect(netPromoterScore([8])).toMatchObject({ passives: 1, score: 0 });
    expect(netPromoterScore([9])).toMatchObject({ promoters: 1, score: 100 });
  });

  it('rounds to whole points, half away from zero, the same for promoters and detractors', () => {
    // 2 promoters, 1 detractor of 3: 33.33… → 33; 2 of 3 promoters, none detracting: 66.67 → 67.
    expect(netPromoterScore([10, 10, 0]).score).toBe(33);
    expect(netPromoterScore([10, 10, 8]).score).toBe(67);
    // 1 of 40 promotes (2.5) or detracts (-2.5): 3 and -3.
    expect(netPromoterScore([10, ...Array<number>(39).fill(8)]).score).toBe(3);
    expect(netPromoterScore([0, ...Array<number>(39).fill(8)]).score).toBe(-3);
    // -0.4 rounds to 0, not -0.
    expect(Object.is(netPromoterScore([0, ...Array<number>(249).fill(8)]).score, 0)).toBe(true);
  });

  it('refuses a score outside 0–10 or not whole', () => {
    expect(() => netPromoterScore([11])).toThrow(RangeError);
    expect(() => netPromoterScore([-1])).toThrow(RangeError);
    expect(() => netPromoterScore([7.5])).toThrow(RangeError);
  });
});
