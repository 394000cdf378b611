/**
 * A short-lived, per-execution-environment cache of products and company selections for the
 * order path, so placing an order reads neither. Safe because the order's transaction checks
 * what matters for money: each variant's stock and the price the order was priced at. What a
 * cache may hold for up to its TTL: a product deactivated, a country removed, or a selection
 * changed moments ago (documented in docs/ledger.md).
 */
import type { ProductRepository, SelectionRepository } from '../../domain/catalog/ports.js';
import type { Product } from '../../domain/catalog/schemas.js';
import type { CatalogReader } from '../../domain/orders/use-cases.js';

export const CATALOG_CACHE_TTL_MS = 30_000;

export class CachedCatalogReader implements CatalogReader {
  private readonly products = new Map<string, { at: number; value: Promise<Product | undefined> }>();
  private readonly selections = new Map<string, { at: number; value: Promise<string[]> }>();

  constructor(
    private readonly productRepository: ProductRepository,
    private readonly selectionRepository: SelectionRepository,
    private readonly ttlMs = CATALOG_CACHE_TTL_MS,
    private readonly now = () => Date.now(),
  ) {}

  product(productId: string): Promise<Product | undefined> {
    const hit = this.products.get(productId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.productRepository.get(productId);
    this.products.set(productId, { at: this.now(), value });
    value.catch(() => this.products.delete(productId));
    return value;
  }

  async freshProduct(productId: string): Promise<Product | undefined> {
    this.products.delete(productId);
    return this.product(productId);
  }

  selection(companyId: string): Promise<string[]> {
    const hit = this.selections.get(companyId);
    if (hit && this.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.selectionRepository.get(companyId).then((s) => s.productIds);
    this.selections.set(companyId, { at: this.now(), value });
    value.catch(() => this.selections.delete(companyId));
    return value;
  }
}
