import { NotFoundError } from '../errors.js';
import type { Clock, IdGenerator } from '../ports.js';
import type { CreatePartnerBody, Partner } from '../partners/schemas.js';
import type { CompanyRepository, PartnerRepository } from './ports.js';
import type { Company, CreateCompanyBody } from './schemas.js';

export interface CompanyDeps {
  companies: CompanyRepository;
  partners: PartnerRepository;
  clock: Clock;
  ids: IdGenerator;
}

/** Creates a customer company. Its budget starts at zero (funded by top-ups). */
export async function createCompany(deps: CompanyDeps, body: CreateCompanyBody): Promise<Company> {
  const company: Company = { companyId: deps.ids.next(), ...body, createdAt: deps.clock.now().toISOString() };
  await deps.companies.create(company);
  return company;
}

/** @throws NotFoundError when no company has this id. */
export async function getCompany(deps: CompanyDeps, companyId: string): Promise<Company> {
  const company = await deps.companies.get(companyId);
  if (!company) throw new NotFoundError('company');
  return company;
}

export async function createPartner(deps: CompanyDeps, body: CreatePartnerBody): Promise<Partner> {
  const partner: Partner = { partnerId: deps.ids.next(), ...body, createdAt: deps.clock.now().toISOString() };
  await deps.partners.create(partner);
  return partner;
}
