import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installFaults } from '../../support/faults.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let operator: string;
let partnerTrDe: string;
let partnerDe: string;
const slug = () => `cat-${Math.random().toString(36).slice(2, 10)}`;

beforeAll(async () => {
  p = await startTestPlatform();
  operator = await p.token({ role: 'platform_admin', sub: 'catalog-operator' });
  partnerTrDe = (await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Kargo', countries: ['TR', 'DE'] } })).body.partnerId;
  partnerDe = (await p.call('POST', '/v1/partners', { token: operator, body: { name: 'Berlin', countries: ['DE'] } })).body.partnerId;
});
afterAll(() => p.stop());

const product = (category: string, over: Record<string, unknown> = {}) => ({
  name: 'Türk kahvesi seti', description: 'Bakır cezve ve iki fincan', category, brand: 'Anadolu', kind: 'physical',
  partnerId: partnerTrDe, shipsTo: ['TR', 'DE'], variants: [{ sku: 'TK-1', name: 'Standard', points: 400, stock: 10 }], ...over,
});
async function create(body: Record<string, unknown>) {
  const res = await p.call('POST', '/v1/products', { token: operator, body });
  if (res.status !== 201) throw new Error(res.text);
  return res.body as { productId: string; variants: { variantId: string; sku: string }[] };
}
async function employeeOf(companyId: string, country: string) {
  const hr = await p.token({ role: 'hr_admin', sub: `hr-${companyId}`, companyId });
  const e = await p.call('POST', '/v1/employees', { token: hr, body: { email: `${Math.random().toString(36).slice(2)}@x.example`, name: 'Eve', country } });
  return p.token({ role: 'employee', sub: `emp-${e.body.employeeId}`, companyId, employeeId: e.body.employeeId });
}
const names = (res: { body: { items: { name: string }[] } }) => res.body.items.map((i) => i.name).sort();

describe('products (platform operator)', () => {
  it('creates a product with variants and rejects what its partner cannot ship or a repeated sku', async () => {
    const category = slug();
    const made = await create(product(category, { variants: [{ sku: 'A', name: 'Small', points: 100, stock: 1 }, { sku: 'B', name: 'Large', points: 200, stock: 2 }] }));
    expect(made.variants.map((v) => v.sku)).toEqual(['A', 'B']);
    expect((await p.call('GET', `/v1/products/${made.productId}`, { token: operator })).body).toMatchObject({ partnerId: partnerTrDe, active: true });

    const cases = [
      product(category, { partnerId: 'nope' }),
      product(category, { partnerId: partnerDe, shipsTo: ['TR'] }),
      product(category, { variants: [{ sku: 'X', name: 'a', points: 1, stock: 1 }, { sku: 'X', name: 'b', points: 1, stock: 1 }] }),
      product(category, { kind: 'gift_card_digital', variants: [{ sku: 'D', name: '50 TL', points: 50, stock: 3 }] }),
      product('Not A Slug'),
    ];
    for (const body of cases) expect((await p.call('POST', '/v1/products', { token: operator, body })).status).toBe(422);
    const asHr = await p.call('POST', '/v1/products', { token: await p.token({ role: 'hr_admin', sub: 'x', companyId: 'c' }), body: product(category) });
    expect(asHr.status).toBe(403);
  });
});

describe('browsing the catalog', () => {
  it('shows an employee the active products that ship to their country, with live stock and filters', async () => {
    const category = slug();
    const both = await create(product(category, { name: 'Kahve seti' }));
    await create(product(category, { name: 'Bier Krug', partnerId: partnerDe, shipsTo: ['DE'] }));
    await create(product(category, { name: 'Hidden', active: false }));
    await create(product(category, { name: 'Luxury pen', variants: [{ sku: 'P', name: 'Gold', points: 5000, stock: 1 }] }));
    const { companyId } = await p.newCompany();
    const turkish = await employeeOf(companyId, 'TR');
    const german = await employeeOf(companyId, 'DE');

    expect(names(await p.call('GET', `/v1/catalog?category=${category}`, { token: turkish }))).toEqual(['Kahve seti', 'Luxury pen']);
    expect(names(await p.call('GET', `/v1/catalog?category=${category}`, { token: german }))).toEqual(['Bier Krug', 'Kahve seti', 'Luxury pen']);
    expect(names(await p.call('GET', `/v1/catalog?category=${category}&maxPoints=1000`, { token: turkish }))).toEqual(['Kahve seti']);
    expect(names(await p.call('GET', `/v1/catalog?category=${category}&q=PEN`, { token: turkish }))).toEqual(['Luxury pen']);

    await p.call('PUT', `/v1/products/${both.productId}/variants/${both.variants[0]!.variantId}/stock`, { token: operator, body: { stock: 3 } });
    const item = await p.call('GET', `/v1/catalog/${both.productId}`, { token: turkish });
    expect(item.body.variants[0].stock).toBe(3);
    expect(item.body.partnerId).toBeUndefined();

    await p.call('PATCH', `/v1/products/${both.productId}`, { token: operator, body: { shipsTo: ['DE'] } });
    expect(names(await p.call('GET', `/v1/catalog?category=${category}`, { token: turkish }))).toEqual(['Luxury pen']);
  });

  it('pages through a long catalog without repeats, and asks an HR admin to name a country', async () => {
    const category = slug();
    for (let i = 0; i < 23; i++) await create(product(category, { name: `Item ${String(i).padStart(2, '0')}` }));
    const { companyId, hr } = await p.newCompany();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { name: string }[]; nextCursor: string | null } } =
        await p.call('GET', `/v1/catalog?category=${category}&country=TR&limit=10${cursor ? `&cursor=${cursor}` : ''}`, { token: hr });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect((await p.call('GET', `/v1/catalog?category=${category}`, { token: hr })).status).toBe(422);
    void companyId;
  });
});

describe('company selection', () => {
  it('limits a company to its selection while other companies see the whole catalog', async () => {
    const category = slug();
    const a = await create(product(category, { name: 'Chosen' }));
    await create(product(category, { name: 'Not chosen' }));
    const mine = await p.newCompany();
    const other = await p.newCompany();
    const me = await employeeOf(mine.companyId, 'TR');
    const them = await employeeOf(other.companyId, 'TR');

    const put = await p.call('PUT', '/v1/catalog/selection', { token: mine.hr, body: { productIds: [a.productId] } });
    expect(put.status).toBe(200);
    expect((await p.call('GET', '/v1/catalog/selection', { token: mine.hr })).body.productIds).toEqual([a.productId]);
    expect(names(await p.call('GET', `/v1/catalog?category=${category}`, { token: me }))).toEqual(['Chosen']);
    expect(names(await p.call('GET', `/v1/catalog?category=${category}`, { token: them }))).toEqual(['Chosen', 'Not chosen']);
    const unselected = (await p.call('GET', `/v1/catalog?category=${category}`, { token: them })).body.items.find((i: { name: string }) => i.name === 'Not chosen');
    expect((await p.call('GET', `/v1/catalog/${unselected.productId}`, { token: me })).status).toBe(404);
    // HR, curating, may see beyond the selection; an employee may not.
    expect(names(await p.call('GET', `/v1/catalog?category=${category}&country=TR`, { token: mine.hr }))).toEqual(['Chosen']);
    expect(names(await p.call('GET', `/v1/catalog?category=${category}&country=TR&scope=all`, { token: mine.hr }))).toEqual(['Chosen', 'Not chosen']);
    expect((await p.call('GET', `/v1/catalog?category=${category}&scope=all`, { token: me })).status).toBe(403);

    expect((await p.call('PUT', '/v1/catalog/selection', { token: mine.hr, body: { productIds: ['ghost'] } })).status).toBe(422);
    await p.call('PUT', '/v1/catalog/selection', { token: mine.hr, body: { productIds: [] } });
    expect(names(await p.call('GET', `/v1/catalog?category=${category}`, { token: me }))).toEqual(['Chosen', 'Not chosen']);
  });
});

describe('paging a company\'s catalog', () => {
  const pageAll = async (path: string, token: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { name: string }[]; nextCursor: string | null } } =
        await p.call('GET', `${path}${cursor ? `&cursor=${cursor}` : ''}`, { token });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.name));
      cursor = res.body.nextCursor;
    } while (cursor);
    return seen;
  };

  it('pages through a selection larger than a page without repeats, within the selection only', async () => {
    const category = slug();
    const made = [];
    for (let i = 0; i < 5; i++) made.push(await create(product(category, { name: `Gift ${i}` })));
    const { companyId, hr } = await p.newCompany();
    const me = await employeeOf(companyId, 'TR');
    await p.call('PUT', '/v1/catalog/selection', { token: hr, body: { productIds: [made[0]!.productId, made[2]!.productId, made[4]!.productId] } });

    const seen = await pageAll(`/v1/catalog?category=${category}&limit=2`, me);

    expect(seen.sort()).toEqual(['Gift 0', 'Gift 2', 'Gift 4']);
  });

  it('refuses a whole-catalog cursor once the company has a selection, and one company\'s selection cursor to another', async () => {
    const category = slug();
    const one = await create(product(category, { name: 'One' }));
    const two = await create(product(category, { name: 'Two' }));
    await create(product(category, { name: 'Three' }));
    const mine = await p.newCompany();
    const other = await p.newCompany();
    const me = await employeeOf(mine.companyId, 'TR');
    const them = await employeeOf(other.companyId, 'TR');
    const whole = await p.call('GET', `/v1/catalog?category=${category}&limit=1`, { token: me });
    expect(whole.body.nextCursor).toEqual(expect.any(String));

    await p.call('PUT', '/v1/catalog/selection', { token: mine.hr, body: { productIds: [one.productId, two.productId] } });
    const stale = await p.call('GET', `/v1/catalog?category=${category}&limit=1&cursor=${whole.body.nextCursor}`, { token: me });
    const selected = await p.call('GET', `/v1/catalog?category=${category}&limit=1`, { token: me });
    const borrowed = await p.call('GET', `/v1/catalog?category=${category}&limit=1&cursor=${selected.body.nextCursor}`, { token: them });

    expect(stale.status).toBe(422);
    expect(stale.body.type).toMatch(/validation-failed$/);
    expect(selected.body.nextCursor).toEqual(expect.any(String));
    expect(borrowed.status).toBe(422);
    expect(await pageAll(`/v1/catalog?category=${category}&limit=2`, them)).toHaveLength(3);
  });
});

describe('DynamoDB requests per catalog page', () => {
  it('reads a page in three requests once the employee\'s country is cached, and no selection for HR\'s scope=all', async () => {
    const category = slug();
    const chosen = await create(product(category, { name: 'Chosen' }));
    await create(product(category, { name: 'Other' }));
    const plain = await p.newCompany();
    const curated = await p.newCompany();
    const shopper = await employeeOf(plain.companyId, 'TR');
    const picker = await employeeOf(curated.companyId, 'TR');
    await p.call('PUT', '/v1/catalog/selection', { token: curated.hr, body: { productIds: [chosen.productId] } });
    await p.settle();
    const recorder = installFaults();
    const requestsOf = async (path: string, token: string) => {
      const before = recorder.attempts.length;
      expect((await p.call('GET', path, { token })).status).toBe(200);
      return recorder.attempts.slice(before).map((a) => a.operation);
    };

    try {
      // The employee's country, the (empty) selection's first page, the listings, their stock.
      expect(await requestsOf(`/v1/catalog?category=${category}`, shopper)).toEqual(['GetItem', 'Query', 'Query', 'BatchGetItem']);
      expect(await requestsOf(`/v1/catalog?category=${category}`, shopper)).toEqual(['Query', 'Query', 'BatchGetItem']);
      // The selection's page, its listings for the country, their stock.
      expect(await requestsOf(`/v1/catalog?category=${category}`, picker)).toEqual(['GetItem', 'Query', 'BatchGetItem', 'BatchGetItem']);
      expect(await requestsOf(`/v1/catalog?category=${category}&country=TR&scope=all`, curated.hr)).toEqual(['Query', 'BatchGetItem']);
    } finally {
      recorder.uninstall();
    }
  });
});

describe('digital gift cards', () => {
  it('counts loaded codes as stock, skips codes loaded before, and never shows a code in the catalog', async () => {
    const category = slug();
    const card = await create(product(category, { name: 'E-gift 100 TL', kind: 'gift_card_digital', variants: [{ sku: 'EG100', name: '100 TL', points: 100, stock: 0 }] }));
    const variantId = card.variants[0]!.variantId;
    const codes = ['CODE-AAAA-1111', 'CODE-BBBB-2222', 'CODE-CCCC-3333'];

    const first = await p.call('POST', `/v1/products/${card.productId}/variants/${variantId}/codes`, { token: operator, body: { codes } });
    const again = await p.call('POST', `/v1/products/${card.productId}/variants/${variantId}/codes`, { token: operator, body: { codes: ['CODE-CCCC-3333', 'CODE-DDDD-4444'] } });
    const setStock = await p.call('PUT', `/v1/products/${card.productId}/variants/${variantId}/stock`, { token: operator, body: { stock: 99 } });

    expect(first.body).toEqual({ loaded: 3, duplicates: 0, stock: 3 });
    expect(again.body).toEqual({ loaded: 1, duplicates: 1, stock: 4 });
    expect(setStock.status).toBe(422);
    const { companyId } = await p.newCompany();
    const view = await p.call('GET', `/v1/catalog?category=${category}`, { token: await employeeOf(companyId, 'TR') });
    expect(view.body.items[0].variants[0].stock).toBe(4);
    expect(view.text).not.toContain('CODE-');
  });
});
