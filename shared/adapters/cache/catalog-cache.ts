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
/** Entries kept per map; the oldest go first (ids come from request bodies). */
const MAX_ENTRIES = 2000;

function remember<V>(map: Map<string, { at: number; value: Promise<V> }>, key: string, at: number, value: Promise<V>) {
  map.delete(key);
  map.set(key, { at, value });
  if (map.size > MAX_ENTRIES) map.delete(map.keys().next().value!);
}

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
    remember(this.products, productId, this.now(), value);
    // A miss is not kept: an unknown id must not hold memory, and a new product shows at once.
    value.then((p) => p === undefined && this.products.delete(productId), () => this.products.delete(productId));
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
    remember(this.selections, companyId, this.now(), value);
    value.catch(() => this.selections.delete(companyId));
    return value;
  }
}
