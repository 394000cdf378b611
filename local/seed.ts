/**
 * Demo data for `npm start`, seeded through the same use cases the API runs. Idempotent:
 * fixed ids and emails, so a restart finds everything in place and adds nothing.
 */
import { deps } from '../shared/composition.js';
import type { Company } from '../shared/domain/companies/schemas.js';
import type { Partner } from '../shared/domain/partners/schemas.js';
import { createEmployee } from '../shared/domain/employees/use-cases.js';
import { allocatePoints } from '../shared/domain/allocations/use-cases.js';
import { getBudget, recordCredit } from '../shared/domain/budget/use-cases.js';
import { demoCatalog } from './demo-catalog.js';
import { ConflictError } from '../shared/domain/errors.js';
import type { DevIssuer } from './auth/dev-issuer.js';
import type { DemoUser } from './web.js';

export const DEMO_COMPANY_ID = 'demo-acme';
export const DEMO_PARTNERS = [
  { partnerId: 'demo-partner-eu', name: 'Kargo Express Fulfilment', countries: ['TR', 'DE'] },
  { partnerId: 'demo-partner-de', name: 'Berlin Gift Logistics', countries: ['DE'] },
] as const;

const PEOPLE: [name: string, country: 'TR' | 'DE', department: string][] = [
  ['Ayşe Yılmaz', 'TR', 'Engineering'], ['Mehmet Kaya', 'TR', 'Engineering'], ['Zeynep Demir', 'TR', 'Engineering'],
  ['Emre Çelik', 'TR', 'Engineering'], ['Elif Şahin', 'TR', 'Sales'], ['Burak Öztürk', 'TR', 'Sales'],
  ['Selin Aydın', 'TR', 'Sales'], ['Can Arslan', 'TR', 'People'], ['Deniz Koç', 'TR', 'People'],
  ['Ece Kurt', 'TR', 'Engineering'], ['Lena Schmidt', 'DE', 'Engineering'], ['Jonas Müller', 'DE', 'Engineering'],
  ['Mia Schneider', 'DE', 'Sales'], ['Felix Fischer', 'DE', 'Sales'], ['Hannah Weber', 'DE', 'People'],
  ['Lukas Wagner', 'DE', 'Engineering'], ['Sophie Becker', 'DE', 'Sales'], ['Paul Hoffmann', 'DE', 'People'],
  ['Marie Schäfer', 'DE', 'Engineering'], ['Leon Koch', 'DE', 'Sales'],
];

const emailOf = (name: string) =>
  name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/ı/g, 'i').toLowerCase().replace(/[^a-z]+/g, '.') + '@acme.example';

export interface SeedResult {
  companyId: string;
  hrSub: string;
  employees: { employeeId: string; name: string; email: string }[];
  partners: { partnerId: string; name: string }[];
  budgetPoints: number;
  products: number;
}

/** Seeding acts with fixed idempotency keys: the ids derive from them, so a restart posts nothing twice. */
const SEEDER = { sub: 'demo-seed' };
const DAY_MS = 86_400_000;

async function ignoreExisting(write: () => Promise<unknown>) {
  try {
    await write();
  } catch (err) {
    const name = (err as Error).name;
    if (err instanceof ConflictError || name === 'ConditionalCheckFailedException' || name === 'TransactionCanceledException') return;
    throw err;
  }
}

export async function seedDemo(): Promise<SeedResult> {
  const d = deps();
  const company: Company = {
    companyId: DEMO_COMPANY_ID,
    name: 'Acme Anadolu GmbH',
    country: 'TR',
    currency: 'EUR',
    pointPrice: { amountMinor: 1, currency: 'EUR' },
    createdAt: '2026-01-01T00:00:00.000Z',
  };
  await ignoreExisting(() => d.companies.create(company));
  for (const p of DEMO_PARTNERS) {
    const partner: Partner = { ...p, countries: [...p.countries], createdAt: '2026-01-01T00:00:00.000Z' };
    await ignoreExisting(() => d.partners.create(partner));
  }
  for (const [name, country, department] of PEOPLE) {
    await ignoreExisting(() => createEmployee(d, DEMO_COMPANY_ID, { email: emailOf(name), name, country, department }));
  }
  const employees = [];
  for (const [name] of PEOPLE) {
    const e = await d.employees.findByEmail(DEMO_COMPANY_ID, emailOf(name));
    if (e) employees.push({ employeeId: e.employeeId, name: e.name, email: e.email });
  }
  // A funded budget (an invoice paid by bank transfer) and points in every wallet: welcome points
  // that never expire, and a year-end gift that expires in 30 days.
  await recordCredit(d, DEMO_COMPANY_ID, { ...SEEDER, idempotencyKey: 'initial-funding' }, { points: 250_000, reference: 'INV-2026-0001' });
  await allocatePoints(d, DEMO_COMPANY_ID, { ...SEEDER, idempotencyKey: 'welcome-points' }, {
    points: 1500, reason: 'Welcome to the gift store', message: 'Pick something you like!', recipients: { all: true },
  });
  await allocatePoints(d, DEMO_COMPANY_ID, { ...SEEDER, idempotencyKey: 'year-end-2026' }, {
    points: 750, reason: 'Year-end thank you', expiresAt: new Date(Date.now() + 30 * DAY_MS).toISOString(), recipients: { department: 'Engineering' },
  });
  const catalog = demoCatalog('2026-01-01T00:00:00.000Z');
  for (const { product, codes } of catalog) {
    await ignoreExisting(() => d.products.create(product));
    // Codes are keyed by their hash: loading them again adds nothing.
    for (const [variantId, list] of codes) await d.products.loadCodes(product.productId, variantId, list, product.createdAt);
  }
  const budget = await getBudget(d, DEMO_COMPANY_ID);
  return {
    companyId: DEMO_COMPANY_ID,
    budgetPoints: budget.balancePoints,
    products: catalog.length,
    hrSub: 'demo-hr-admin',
    employees,
    partners: DEMO_PARTNERS.map(({ partnerId, name }) => ({ partnerId, name })),
  };
}

/** The accounts the portals' local sign-in page offers: HR, a few employees, the partners. */
export async function demoUsersOf(issuer: DevIssuer, seed: SeedResult | undefined): Promise<DemoUser[]> {
  if (!seed) return [];
  const users: DemoUser[] = [{
    role: 'hr_admin', name: 'Acme HR', detail: 'Acme Anadolu GmbH',
    token: await issuer.sign({ role: 'hr_admin', sub: seed.hrSub, companyId: seed.companyId }),
  }];
  for (const name of ['Ayşe Yılmaz', 'Elif Şahin', 'Lena Schmidt']) {
    const e = seed.employees.find((x) => x.name === name);
    const person = PEOPLE.find(([n]) => n === name);
    if (!e || !person) continue;
    users.push({
      role: 'employee', name: e.name, detail: `${person[2]} · ${person[1]}`,
      token: await issuer.sign({ role: 'employee', sub: `demo-${e.employeeId}`, companyId: seed.companyId, employeeId: e.employeeId }),
    });
  }
  for (const p of seed.partners) {
    users.push({ role: 'partner', name: p.name, detail: p.partnerId, token: await issuer.sign({ role: 'partner', sub: `demo-${p.partnerId}`, partnerId: p.partnerId }) });
  }
  return users;
}
