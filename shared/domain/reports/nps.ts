/**
 * Net Promoter Score of feedback scores (0–10): promoters 9–10, passives 7–8, detractors 0–6;
 * score = 100 × (promoters − detractors) / responses, rounded half away from zero so that a
 * result is symmetric for promoters and detractors; null when there are no responses.
 */
export interface Nps {
  /** −100 … 100, or null without responses. */
  score: number | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
}

/** @throws RangeError for a score that is not an integer from 0 to 10 (stored scores are validated). */
export function netPromoterScore(scores: Iterable<number>): Nps {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const score of scores) {
    if (!Number.isInteger(score) || score < 0 || score > 10) throw new RangeError(`${score} is not a score from 0 to 10`);
    if (score >= 9) promoters++;
    else if (score >= 7) passives++;
    else detractors++;
  }
  const responses = promoters + passives + detractors;
  return { score: responses ? roundHalfAwayFromZero((100 * (promoters - detractors)) / responses) : null, responses, promoters, passives, detractors };
}

function roundHalfAwayFromZero(x: number): number {
  const r = Math.round(Math.abs(x));
  return x < 0 && r !== 0 ? -r : r;
}
