import type { Page } from '../common/schemas.js';
import type { ListOptions } from '../ports.js';
import type { Product } from './schemas.js';

export interface CatalogFilter {
  country: string;
  category?: string | undefined;
  q?: string | undefined;
  maxPoints?: number | undefined;
}

export interface ProductRepository {
  /** The product and its variants in one transaction, then its per-country listings. */
  create(product: Product): Promise<void>;
  get(productId: string): Promise<Product | undefined>;
  list(options: ListOptions): Promise<Page<Product>>;
  /** Replaces the product's fields if it still has `previous.updatedAt`; false when it changed meanwhile. */
  replace(previous: Product, next: Product): Promise<boolean>;
  /** @returns false when the variant does not exist. */
  setStock(productId: string, variantId: string, stock: number, at: string): Promise<boolean>;
  /** Adds unused codes to a digital variant (stock counts them); codes already loaded are skipped. */
  loadCodes(productId: string, variantId: string, codes: string[], at: string): Promise<{ loaded: number; duplicates: number }>;
  /** Active products shipping to the country, with live stock, filtered; no Scan. */
  browse(filter: CatalogFilter, options: ListOptions): Promise<Page<Product>>;
  /**
   * The company's selected products that ship to the country, with live stock, filtered;
   * `undefined` when the company has no selection (given a cursor of `browse`, when it still has none).
   */
  browseSelection(companyId: string, filter: CatalogFilter, options: ListOptions): Promise<Page<Product> | undefined>;
}

/**
 * The country an employee shops for when the request names none. May answer from a cache for a
 * short TTL (an employee's country changes rarely; see shared/adapters/cache).
 */
export interface EmployeeCountryLookup {
  countryOf(companyId: string, employeeId: string): Promise<string | undefined>;
}

export interface SelectionRepository {
  get(companyId: string): Promise<{ productIds: string[]; updatedAt: string | null }>;
  replace(companyId: string, productIds: string[], at: string): Promise<void>;
}
