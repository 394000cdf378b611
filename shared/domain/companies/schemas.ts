import * as z from 'zod';
import { Country, Currency, Id, Money, Text, Timestamp } from '../common/schemas.js';

export const CreateCompanyBody = z
  .strictObject({
    name: Text(200),
    country: Country,
    currency: Currency,
    pointPrice: Money.describe('What one point costs the company'),
  })
  .refine((b) => b.pointPrice.currency === b.currency, {
    message: 'must be in the company currency',
    path: ['pointPrice', 'currency'],
  })
  .meta({ id: 'CreateCompany' });
export type CreateCompanyBody = z.infer<typeof CreateCompanyBody>;

export const Company = z
  .object({
    companyId: Id,
    name: z.string(),
    country: Country,
    currency: Currency,
    pointPrice: Money,
    createdAt: Timestamp,
  })
  .meta({ id: 'Company' });
export type Company = z.infer<typeof Company>;

export const CompanyPath = z.object({ companyId: Id });
