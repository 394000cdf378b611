import { describe, expect, it } from 'vitest';
import { CachedCatalogReader } from '../../../shared/adapters/cache/catalog-cache.js';
import type { ProductRepository, SelectionRepository } from '../../../shared/domain/catalog/ports.js';
import type { Product } from '../../../shared/domain/catalog/schemas.js';

const product = (points: number) => ({ productId: 'p', variants: [{ variantId: 'v', points, stock: 1 }] }) as unknown as Product;

describe('the order path\'s catalog cache', () => {
  it('serves products and selections for its TTL, then reads again; freshProduct always reads', async () => {
    let now = 0;
    let reads = 0;
    let points = 10;
    const products = { get: async () => (reads++, product(points)) } as unknown as ProductRepository;
    const selections = { get: async () => ({ productIds: [`read-${reads++}`], updatedAt: null }) } as unknown as SelectionRepository;
    const cache = new CachedCatalogReader(products, selections, 1000, () => now);

    await cache.product('p');
    points = 20;
    expect((await cache.product('p'))!.variants[0]!.points).toBe(10);
    expect((await cache.freshProduct('p'))!.variants[0]!.points).toBe(20);
    const first = await cache.selection('c');
    expect(await cache.selection('c')).toEqual(first);
    now = 1001;
    expect(await cache.selection('c')).not.toEqual(first);
    expect(reads).toBe(4);
  });
});
