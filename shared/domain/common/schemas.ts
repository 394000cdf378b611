/** Value types shared by every area of the contract (../shared/API.md, Conventions). */
import * as z from 'zod';

/** ISO 3166-1 alpha-2, officially assigned codes. */
const ISO_COUNTRIES = new Set(
  ('AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ ' +
    'CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR ' +
    'GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO ' +
    'JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR ' +
    'MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO ' +
    'RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV ' +
    'TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW').split(' '),
);
const ISO_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const Country = z
  .string()
  .refine((c) => ISO_COUNTRIES.has(c), { message: 'must be an ISO 3166-1 alpha-2 country code, e.g. "DE"' })
  .meta({ description: 'ISO 3166-1 alpha-2 country code', example: 'TR' });

export const Currency = z
  .string()
  .refine((c) => /^[A-Z]{3}$/.test(c) && ISO_CURRENCIES.has(c), { message: 'must be an ISO 4217 currency code, e.g. "EUR"' })
  .meta({ description: 'ISO 4217 currency code', example: 'EUR' });

export const Money = z
  .strictObject({
    amountMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    currency: Currency,
  })
  .meta({ id: 'Money', description: 'An amount in minor units of an ISO 4217 currency' });
export type Money = z.infer<typeof Money>;

export const Id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be an identifier');
export const Timestamp = z.string().meta({ description: 'ISO 8601 UTC timestamp', example: '2026-11-26T09:30:00.000Z' });
export const IsoDate = z.iso.date().meta({ description: 'Calendar date, YYYY-MM-DD' });

/** Free text a person types: trimmed, no control characters. */
export const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: 'must not contain control characters' });

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
