import type { Page } from '../common/schemas.js';
import type { ListOptions } from '../ports.js';
import type { Company } from './schemas.js';
import type { Partner } from '../partners/schemas.js';

export interface CompanyRepository {
  create(company: Company): Promise<void>;
  get(companyId: string): Promise<Company | undefined>;
  list(options: ListOptions): Promise<Page<Company>>;
}

export interface PartnerRepository {
  create(partner: Partner): Promise<void>;
  get(partnerId: string): Promise<Partner | undefined>;
  list(options: ListOptions): Promise<Page<Partner>>;
}
