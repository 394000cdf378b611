/** The employee's wallet (../shared/API.md, Employee wallet). */
import * as z from 'zod';
import { Timestamp } from '../common/schemas.js';

export const Me = z
  .object({
    employeeId: z.string(),
    name: z.string(),
    balancePoints: z.number().int().nonnegative(),
    expiring: z
      .array(z.object({ points: z.number().int().positive(), expiresAt: Timestamp }))
      .meta({ description: 'Points that expire, soonest first; earliest-expiring points are spent first' }),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;
