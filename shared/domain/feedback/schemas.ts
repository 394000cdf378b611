/** Feedback on a delivered order (../shared/API.md, Orders → feedback). */
import * as z from 'zod';
import { Text, Timestamp } from '../common/schemas.js';

/** Net Promoter scale: how likely the employee is to recommend, 0 (not at all) to 10. */
export const FeedbackScore = z.number().int().min(0).max(10);

export const FeedbackBody = z.strictObject({
  score: FeedbackScore.meta({ description: 'How likely you are to recommend it: 0 (not at all) to 10 (extremely)' }),
  comment: Text(1000).optional().meta({ description: 'Trimmed; up to 1000 characters; line breaks allowed, other control characters not' }),
});
export type FeedbackBody = z.infer<typeof FeedbackBody>;

export const Feedback = z
  .object({
    orderId: z.string(),
    score: FeedbackScore,
    comment: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Feedback' });
export type Feedback = z.infer<typeof Feedback>;
