/**
 * Products, variants, listings, digital codes and company selections (docs/data-model.md,
 * patterns 21–24). A product's profile and variants are written in one transaction; its
 * listings (one small item per country it ships to, on gsi1 `CATALOG#<country>`) are derived
 * from it and rewritten whenever it changes, so browsing a country is a Query, never a Scan.
 * Stock lives on the variant items only, and is merged into every page read.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Page } from '../../domain/common/schemas.js';
import type { CatalogFilter, ProductRepository, SelectionRepository } from '../../domain/catalog/ports.js';
import { Product, PRODUCT_KINDS } from '../../domain/catalog/schemas.js';
import type { ListOptions } from '../../domain/ports.js';
import { batchDelete, batchGet, batchPut } from './batch.js';
import { catalogKeys as k } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

const Snapshot = Product.extend({ variants: z.array(Product.shape.variants.element.omit({ stock: true })) });
type Snapshot = z.infer<typeof Snapshot>;
const VariantItem = z.object({ productId: z.string(), variantId: z.string(), sku: z.string(), name: z.string(), points: z.number().int(), stock: z.number().int() });
const StockItem = Product.shape.variants.element.pick({ variantId: true, stock: true });

function snapshot(product: Product): Snapshot & { minPoints: number; searchText: string } {
  return {
    ...product,
    kind: z.enum(PRODUCT_KINDS).parse(product.kind),
    variants: product.variants.map(({ stock: _s, ...v }) => v),
    minPoints: Math.min(...product.variants.map((v) => v.points)),
    searchText: [product.name, product.brand ?? '', product.category, product.description].join(' ').toLowerCase(),
  };
}

export class DynamoProductRepository implements ProductRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async create(product: Product): Promise<void> {
    const snap = snapshot(product);
    await this.db.send(new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: this.table,
            Item: { ...k.product(product.productId), ...k.productListing(product.productId), entityType: 'Product', ...snap },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
        ...product.variants.map((v) => ({
          Put: {
            TableName: this.table,
            Item: { ...k.variant(product.productId, v.variantId), entityType: 'Variant', productId: product.productId, ...v, updatedAt: product.updatedAt },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        })),
      ],
    }));
    await this.writeListings(undefined, product);
  }

  /** Listings follow the product: one per country it ships to, removed for countries it no longer does. */
  private async writeListings(previous: Product | undefined, next: Product) {
    const snap = snapshot(next);
    await batchPut(this.db, this.table, next.shipsTo.map((country) => ({
      ...k.listing(next.productId, country), ...k.catalogListing(country, next.category, next.productId), entityType: 'Listing', country, ...snap,
    })));
    const gone = (previous?.shipsTo ?? []).filter((c) => !next.shipsTo.includes(c));
    await batchDelete(this.db, this.table, gone.map((c) => k.listing(next.productId, c)));
  }

  async get(productId: string): Promise<Product | undefined> {
    const [profile, variants] = await Promise.all([
      this.db.send(new GetCommand({ TableName: this.table, Key: k.product(productId), ConsistentRead: true })),
      this.db.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :v)',
        ExpressionAttributeValues: { ':p': k.product(productId).pk, ':v': 'VARIANT#' },
        ConsistentRead: true,
      })),
    ]);
    if (!profile.Item) return undefined;
    const stock = new Map((variants.Items ?? []).map((i) => [i.variantId as string, VariantItem.parse(i).stock]));
    return withStock(Snapshot.parse(profile.Item), stock);
  }

  async list(options: ListOptions): Promise<Page<Product>> {
    const out = await this.db.send(new QueryCommand({
      TableName: this.table,
      IndexName: 'gsi2',
      KeyConditionExpression: 'gsi2pk = :p',
      ExpressionAttributeValues: { ':p': k.productsPartition },
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, { attribute: 'gsi2pk', value: k.productsPartition, allowed: ['pk', 'sk', 'gsi2pk', 'gsi2sk'] }),
    }));
    const snaps = (out.Items ?? []).map((i) => Snapshot.parse(i));
    return { items: await this.withLiveStock(snaps), nextCursor: encodeCursor(out.LastEvaluatedKey) };
  }

  async replace(previous: Product, next: Product): Promise<boolean> {
    try {
      await this.db.send(new PutCommand({
        TableName: this.table,
        Item: { ...k.product(next.productId), ...k.productListing(next.productId), entityType: 'Product', ...snapshot(next) },
        ConditionExpression: 'updatedAt = :seen',
        ExpressionAttributeValues: { ':seen': previous.updatedAt },
      }));
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
    await this.writeListings(previous, next);
    return true;
  }

  async setStock(productId: string, variantId: string, stock: number, at: string): Promise<boolean> {
    try {
      await this.db.send(new UpdateCommand({
        TableName: this.table,
        Key: k.variant(productId, variantId),
        UpdateExpression: 'SET stock = :s, updatedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':s': stock, ':at': at },
      }));
      return true;
    } catch (err) {
      if ((err as Error).name === 'ConditionalCheckFailedException') return false;
      throw err;
    }
  }

  /**
   * Each code is an item keyed by a hash of the code, put only if absent, in the same
   * transaction as the stock increment: stock always equals the unused codes. A code loaded
   * before is skipped (the transaction is retried without it).
   */
  async loadCodes(productId: string, variantId: string, codes: string[], at: string) {
    let loaded = 0;
    let duplicates = 0;
    for (let i = 0; i < codes.length; i += 99) {
      let batch = codes.slice(i, i + 99);
      while (batch.length) {
        try {
          await this.db.send(new TransactWriteCommand({
            TransactItems: [
              ...batch.map((code) => ({
                Put: {
                  TableName: this.table,
                  Item: { ...k.freeCode(variantId, codeId(variantId, code)), entityType: 'GiftCode', productId, variantId, code, loadedAt: at },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              })),
              {
                Update: {
                  TableName: this.table,
                  Key: k.variant(productId, variantId),
                  UpdateExpression: 'ADD stock :n SET updatedAt = :at',
                  ConditionExpression: 'attribute_exists(pk)',
                  ExpressionAttributeValues: { ':n': batch.length, ':at': at },
                },
              },
            ],
          }));
          loaded += batch.length;
          break;
        } catch (err) {
          if (!(err instanceof TransactionCanceledException)) throw err;
          const reasons = err.CancellationReasons ?? [];
          const known = new Set(batch.filter((_, j) => reasons[j]?.Code === 'ConditionalCheckFailed'));
          if (known.size === 0) throw err;
          duplicates += known.size;
          batch = batch.filter((c) => !known.has(c));
        }
      }
    }
    return { loaded, duplicates };
  }

  async browse(filter: CatalogFilter, options: ListOptions): Promise<Page<Product>> {
    const partition = k.catalogPartition(filter.country);
    const found: Record<string, unknown>[] = [];
    let start = decodeCursor(options.cursor, {
      attribute: 'gsi1pk', value: partition, allowed: ['pk', 'sk', 'gsi1pk', 'gsi1sk'],
      ...(filter.category ? { sortKey: { attribute: 'gsi1sk', prefix: `${filter.category}#` } } : {}),
    });
    let exhausted = false;
    const filters = listingFilter(filter);
    // One listing beyond the page tells whether there is more. A search or a points ceiling
    // skips many listings, so those read further ahead per round.
    const ahead = filter.q || filter.maxPoints !== undefined ? Math.max(options.limit * 2, 25) : options.limit + 1;
    while (found.length < options.limit && !exhausted) {
      const out = await this.db.send(new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: filter.category ? 'gsi1pk = :p AND begins_with(gsi1sk, :c)' : 'gsi1pk = :p',
        FilterExpression: filters.expression,
        ExpressionAttributeValues: { ':p': partition, ...(filter.category ? { ':c': `${filter.category}#` } : {}), ...filters.values },
        Limit: ahead,
        ExclusiveStartKey: start,
      }));
      found.push(...(out.Items ?? []));
      start = out.LastEvaluatedKey as Record<string, string> | undefined;
      exhausted = !start;
    }
    const page = found.slice(0, options.limit);
    const last = page.at(-1);
    const more = found.length > options.limit || !exhausted;
    const cursor = more && last ? encodeCursor({ pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk }) : null;
    return { items: await this.withLiveStock(page.map((i) => Snapshot.parse(i))), nextCursor: cursor };
  }

  async browseSelection(companyId: string, filter: CatalogFilter, options: ListOptions): Promise<Page<Product> | undefined> {
    const partition = k.selectionPartition(companyId);
    let start: Record<string, string> | undefined;
    // Not a cursor of this list: perhaps one of `browse`, issued while the selection was empty.
    let foreignCursor: unknown;
    try {
      start = decodeCursor(options.cursor, { attribute: 'pk', value: partition, allowed: ['pk', 'sk'], sortKey: { attribute: 'sk', prefix: 'P#' } });
    } catch (err) {
      foreignCursor = err;
    }
    const found: Snapshot[] = [];
    let lastKey: Record<string, unknown> | undefined;
    let exhausted = false;
    for (let first = true; found.length < options.limit && !exhausted; first = false) {
      const out = await this.db.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :pr)',
        ExpressionAttributeValues: { ':p': partition, ':pr': 'P#' },
        Limit: foreignCursor ? 1 : options.limit - found.length,
        ExclusiveStartKey: start,
        // Consistent, as reading the selection was: a selection just replaced applies at once.
        ConsistentRead: true,
      }));
      // No filter on this Query: an empty first answer from the start is an empty selection.
      if (first && !start && !out.Items?.length) return undefined;
      if (foreignCursor) throw foreignCursor;
      const ids = (out.Items ?? []).map((i) => i.productId as string);
      const listings = await batchGet(this.db, this.table, ids.map((id) => k.listing(id, filter.country)));
      const byId = new Map(listings.map((l) => [l.productId as string, l]));
      for (const id of ids) {
        const listing = byId.get(id);
        if (listing && matches(listing, filter)) found.push(Snapshot.parse(listing));
      }
      lastKey = out.Items?.at(-1) ? { pk: partition, sk: out.Items.at(-1)!.sk } : lastKey;
      start = out.LastEvaluatedKey as Record<string, string> | undefined;
      exhausted = !start;
    }
    return { items: await this.withLiveStock(found), nextCursor: !exhausted && lastKey ? encodeCursor(lastKey) : null };
  }

  /** The stock of exactly the page's variants, read now: only `variantId` and `stock` come back. */
  private async withLiveStock(snaps: Snapshot[]): Promise<Product[]> {
    const keys = snaps.flatMap((s) => s.variants.map((v) => k.variant(s.productId, v.variantId)));
    const variants = await batchGet(this.db, this.table, keys, ['variantId', 'stock']);
    const stock = new Map(variants.map((v) => { const s = StockItem.parse(v); return [s.variantId, s.stock]; }));
    return snaps.map((s) => withStock(s, stock));
  }
}

/** Both halves are parsed already (the snapshot strips listing-only attributes). */
function withStock(snap: Snapshot, stock: Map<string, number>): Product {
  return { ...snap, variants: snap.variants.map((v) => ({ ...v, stock: stock.get(v.variantId) ?? 0 })) };
}

function listingFilter(filter: CatalogFilter) {
  const parts = ['active = :active'];
  const values: Record<string, unknown> = { ':active': true };
  if (filter.maxPoints !== undefined) {
    parts.push('minPoints <= :mp');
    values[':mp'] = filter.maxPoints;
  }
  if (filter.q) {
    parts.push('contains(searchText, :q)');
    values[':q'] = filter.q;
  }
  return { expression: parts.join(' AND '), values };
}

function matches(listing: Record<string, unknown>, filter: CatalogFilter): boolean {
  return listing.active === true &&
    (!filter.category || listing.category === filter.category) &&
    (filter.maxPoints === undefined || (listing.minPoints as number) <= filter.maxPoints) &&
    (!filter.q || String(listing.searchText).includes(filter.q));
}

function codeId(variantId: string, code: string): string {
  return createHash('sha256').update(`${variantId}\u0000${code}`).digest('base64url');
}

const SelectionMeta = z.object({ updatedAt: z.string() });

/** A company's selection: one item per product, and a marker with the last change (pattern 23). */
export class DynamoSelectionRepository implements SelectionRepository {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async get(companyId: string) {
    const productIds: string[] = [];
    let updatedAt: string | null = null;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': k.selectionPartition(companyId) },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) {
        if (item.sk === k.selectionMeta(companyId).sk) updatedAt = SelectionMeta.parse(item).updatedAt;
        else productIds.push(item.productId as string);
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return { productIds, updatedAt };
  }

  async replace(companyId: string, productIds: string[], at: string): Promise<void> {
    const current = (await this.get(companyId)).productIds;
    const removed = current.filter((id) => !productIds.includes(id));
    await batchPut(this.db, this.table, [
      ...productIds.map((productId) => ({ ...k.selected(companyId, productId), entityType: 'SelectedProduct', companyId, productId })),
      { ...k.selectionMeta(companyId), entityType: 'Selection', companyId, updatedAt: at, count: productIds.length },
    ]);
    await batchDelete(this.db, this.table, removed.map((id) => k.selected(companyId, id)));
  }
}
