/**
 * The catalog: the platform operator maintains products, variants and stock (and the codes of
 * digital gift cards); each company curates which products its people may choose; employees
 * browse what is selected, active and ships to their country, with live stock.
 */
import type { PartnerRepository } from '../companies/ports.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationFailedError } from '../errors.js';
import type { Clock, IdGenerator, ListOptions } from '../ports.js';
import type { EmployeeCountryLookup, ProductRepository, SelectionRepository } from './ports.js';
import type { CatalogProduct, CatalogQuery, CreateProductBody, Product, Selection, UpdateProductBody } from './schemas.js';

export interface CatalogDeps {
  products: ProductRepository;
  selections: SelectionRepository;
  partners: PartnerRepository;
  employeeCountries: EmployeeCountryLookup;
  clock: Clock;
  ids: IdGenerator;
}

export function toCatalogProduct(product: Product): CatalogProduct {
  const { partnerId: _p, ...visible } = product;
  return visible;
}

/**
 * @throws ValidationFailedError for an unknown partner, a partner that does not ship to every
 *   listed country, or a digital gift card with stock (its stock is its loaded codes).
 */
export async function createProduct(deps: CatalogDeps, body: CreateProductBody): Promise<Product> {
  const partner = await deps.partners.get(body.partnerId);
  if (!partner) throw new ValidationFailedError([{ path: 'body.partnerId', message: 'no such fulfilment partner' }]);
  const outside = body.shipsTo.filter((c) => !partner.countries.includes(c));
  if (outside.length) {
    throw new ValidationFailedError([{ path: 'body.shipsTo', message: `${partner.name} does not ship to ${outside.join(', ')}` }]);
  }
  if (body.kind === 'gift_card_digital' && body.variants.some((v) => v.stock !== 0)) {
    throw new ValidationFailedError([{ path: 'body.variants', message: 'digital gift cards start with stock 0: load their codes' }]);
  }
  const at = deps.clock.now().toISOString();
  const product: Product = {
    productId: deps.ids.next(),
    name: body.name,
    description: body.description,
    category: body.category,
    brand: body.brand ?? null,
    images: body.images ?? [],
    kind: body.kind,
    partnerId: body.partnerId,
    shipsTo: body.shipsTo,
    active: body.active ?? true,
    variants: body.variants.map((v) => ({ variantId: deps.ids.next(), sku: v.sku, name: v.name, points: v.points, stock: v.stock })),
    createdAt: at,
    updatedAt: at,
  };
  await deps.products.create(product);
  return product;
}

/** @throws NotFoundError for an unknown product. */
export async function getProduct(deps: CatalogDeps, productId: string): Promise<Product> {
  const product = await deps.products.get(productId);
  if (!product) throw new NotFoundError('product');
  return product;
}

export function listProducts(deps: CatalogDeps, options: ListOptions) {
  return deps.products.list(options);
}

/**
 * Changes a product's descriptive fields, countries or active flag (optimistic: a concurrent
 * change is retried on the new version).
 * @throws NotFoundError, ValidationFailedError (a country its partner does not serve).
 */
export async function updateProduct(deps: CatalogDeps, productId: string, patch: UpdateProductBody): Promise<Product> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const current = await getProduct(deps, productId);
    if (patch.shipsTo) {
      const partner = await deps.partners.get(current.partnerId);
      const outside = patch.shipsTo.filter((c) => !partner?.countries.includes(c));
      if (outside.length) throw new ValidationFailedError([{ path: 'body.shipsTo', message: `the partner does not ship to ${outside.join(', ')}` }]);
    }
    const now = deps.clock.now().toISOString();
    const next: Product = {
      ...current,
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.category !== undefined ? { category: patch.category } : {}),
      ...(patch.brand !== undefined ? { brand: patch.brand } : {}),
      ...(patch.images !== undefined ? { images: patch.images } : {}),
      ...(patch.shipsTo !== undefined ? { shipsTo: patch.shipsTo } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      updatedAt: now > current.updatedAt ? now : new Date(Date.parse(current.updatedAt) + 1).toISOString(),
    };
    if (await deps.products.replace(current, next)) return next;
  }
  throw new ConflictError('The product is being changed by another request; retry');
}

/** @throws NotFoundError; ValidationFailedError for a digital gift card (its stock is its codes). */
export async function setStock(deps: CatalogDeps, productId: string, variantId: string, stock: number): Promise<Product> {
  const product = await getProduct(deps, productId);
  if (!product.variants.some((v) => v.variantId === variantId)) throw new NotFoundError('variant');
  if (product.kind === 'gift_card_digital') {
    throw new ValidationFailedError([{ path: 'body.stock', message: 'the stock of a digital gift card is the number of codes loaded' }]);
  }
  if (!(await deps.products.setStock(productId, variantId, stock, deps.clock.now().toISOString()))) throw new NotFoundError('variant');
  return getProduct(deps, productId);
}

/** @throws NotFoundError; ValidationFailedError when the product is not a digital gift card. */
export async function loadCodes(deps: CatalogDeps, productId: string, variantId: string, codes: string[]) {
  const product = await getProduct(deps, productId);
  const variant = product.variants.find((v) => v.variantId === variantId);
  if (!variant) throw new NotFoundError('variant');
  if (product.kind !== 'gift_card_digital') {
    throw new ValidationFailedError([{ path: 'body.codes', message: 'only digital gift cards have codes' }]);
  }
  const result = await deps.products.loadCodes(productId, variantId, codes, deps.clock.now().toISOString());
  const after = await getProduct(deps, productId);
  return { ...result, stock: after.variants.find((v) => v.variantId === variantId)!.stock };
}

export async function getSelection(deps: CatalogDeps, companyId: string): Promise<Selection> {
  return deps.selections.get(companyId);
}

/**
 * Replaces the company's curated selection; an empty one means the whole catalog.
 * @throws ValidationFailedError naming unknown products.
 */
export async function replaceSelection(deps: CatalogDeps, companyId: string, productIds: string[]): Promise<Selection> {
  const unknown: string[] = [];
  for (const id of productIds) if (!(await deps.products.get(id))) unknown.push(id);
  if (unknown.length) throw new ValidationFailedError([{ path: 'body.productIds', message: `unknown products: ${unknown.join(', ')}` }]);
  const at = deps.clock.now().toISOString();
  await deps.selections.replace(companyId, productIds, at);
  return { productIds, updatedAt: at };
}

/**
 * What the caller's company may choose from: active products shipping to the country (an
 * employee's own by default), within the company's selection when it has one.
 * 1. The country: the query's, else the employee's (from a short cache).
 * 2. A page of the selection with live stock; the whole catalog's page when the selection is
 *    empty or HR asks for `scope=all`.
 * @throws ValidationFailedError when an HR admin does not name a country.
 * @throws ForbiddenError when an employee asks for `scope=all`.
 */
export async function browseCatalog(
  deps: CatalogDeps,
  caller: { companyId: string; employeeId?: string | undefined; role?: 'employee' | 'hr_admin' },
  query: CatalogQuery,
) {
  // Employees shop the company's selection; only HR, curating it, sees beyond it.
  if (query.scope === 'all' && caller.role !== 'hr_admin') throw new ForbiddenError('Only HR admins browse beyond the company\'s selection');
  let country = query.country;
  if (!country && caller.employeeId) country = await deps.employeeCountries.countryOf(caller.companyId, caller.employeeId);
  if (!country) throw new ValidationFailedError([{ path: 'query.country', message: 'name the country to browse for' }]);
  const filter = { country, category: query.category, q: query.q?.toLowerCase(), maxPoints: query.maxPoints };
  // An empty selection means the whole catalog. The selection's first page tells whether it
  // is empty, so the selection is not read on its own first.
  const page = (query.scope === 'all' ? undefined : await deps.products.browseSelection(caller.companyId, filter, query)) ??
    await deps.products.browse(filter, query);
  return { items: page.items.map(toCatalogProduct), nextCursor: page.nextCursor };
}

/**
 * One product as the caller's company sees it.
 * @throws NotFoundError when it is inactive, outside the company's selection, or unknown.
 */
export async function getCatalogProduct(deps: CatalogDeps, companyId: string, productId: string): Promise<CatalogProduct> {
  const [product, selection] = await Promise.all([deps.products.get(productId), deps.selections.get(companyId)]);
  if (!product || !product.active || (selection.productIds.length && !selection.productIds.includes(productId))) {
    throw new NotFoundError('product');
  }
  return toCatalogProduct(product);
}
