import * as z from 'zod';
import { Country, Id, Text, Timestamp } from '../common/schemas.js';

export const CreatePartnerBody = z
  .strictObject({
    name: Text(200),
    countries: z.array(Country).min(1).max(250).refine((c) => new Set(c).size === c.length, { message: 'must not repeat a country' }),
  })
  .meta({ id: 'CreatePartner' });
export type CreatePartnerBody = z.infer<typeof CreatePartnerBody>;

export const Partner = z
  .object({ partnerId: Id, name: z.string(), countries: z.array(Country), createdAt: Timestamp })
  .meta({ id: 'Partner' });
export type Partner = z.infer<typeof Partner>;

export const PartnerPath = z.object({ partnerId: Id });
