/** The gift catalog (../shared/API.md, Catalog). */
import * as z from 'zod';
import { Country, Id, Text, Timestamp } from '../common/schemas.js';

export const PRODUCT_KINDS = ['physical', 'gift_card_physical', 'gift_card_digital'] as const;
export type ProductKind = (typeof PRODUCT_KINDS)[number];

export const MAX_VARIANTS = 50;
export const MAX_STOCK = 1_000_000;

const Sku = z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash and underscore');
const Points = z.number().int().min(1).max(10_000_000);
const Stock = z.number().int().min(0).max(MAX_STOCK);
const ImageUrl = z.url({ protocol: /^https$/ }).max(2048);
const Category = z.string().trim().min(1).max(60).regex(/^[a-z0-9-]+$/, 'a lowercase slug, e.g. "home-and-living"');

const uniqueBy = <T>(key: (t: T) => string, what: string) => (items: T[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const k = key(item);
    if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `repeats ${what} ${k}` });
    seen.add(k);
  });
};

export const VariantInput = z.strictObject({
  sku: Sku,
  name: Text(100),
  points: Points,
  stock: Stock.meta({ description: 'Units available; for digital gift cards, 0 (stock is the number of unused codes loaded)' }),
});

export const CreateProductBody = z.strictObject({
  name: Text(200),
  description: Text(5000),
  category: Category,
  brand: Text(100).optional(),
  images: z.array(ImageUrl).max(10).optional(),
  kind: z.enum(PRODUCT_KINDS),
  partnerId: Id,
  shipsTo: z.array(Country).min(1).max(250).superRefine(uniqueBy((c) => c, 'country')),
  variants: z.array(VariantInput).min(1).max(MAX_VARIANTS).superRefine(uniqueBy((v) => v.sku, 'sku')),
  active: z.boolean().optional(),
});
export type CreateProductBody = z.infer<typeof CreateProductBody>;

export const UpdateProductBody = z
  .strictObject({
    name: Text(200),
    description: Text(5000),
    category: Category,
    brand: Text(100).nullable(),
    images: z.array(ImageUrl).max(10),
    shipsTo: z.array(Country).min(1).max(250).superRefine(uniqueBy((c) => c, 'country')),
    active: z.boolean(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, { message: 'change at least one field' });
export type UpdateProductBody = z.infer<typeof UpdateProductBody>;

export const SetStockBody = z.strictObject({ stock: Stock });

export const LoadCodesBody = z.strictObject({
  codes: z.array(z.string().trim().min(4).max(200).regex(/^[\x21-\x7e]+$/, 'visible ASCII')).min(1).max(1000)
    .superRefine(uniqueBy((c) => c, 'code')),
});

export const Variant = z.object({
  variantId: z.string(),
  sku: z.string(),
  name: z.string(),
  points: z.number().int(),
  stock: z.number().int().nonnegative(),
});
export type Variant = z.infer<typeof Variant>;

export const Product = z
  .object({
    productId: z.string(),
    name: z.string(),
    description: z.string(),
    category: z.string(),
    brand: z.string().nullable(),
    images: z.array(z.string()),
    kind: z.enum(PRODUCT_KINDS),
    partnerId: z.string(),
    shipsTo: z.array(z.string()),
    active: z.boolean(),
    variants: z.array(Variant),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .meta({ id: 'Product' });
export type Product = z.infer<typeof Product>;

/** What employees and HR see: no partner, live stock. */
export const CatalogProduct = Product.omit({ partnerId: true }).meta({ id: 'CatalogProduct' });
export type CatalogProduct = z.infer<typeof CatalogProduct>;

export const ProductPath = z.object({ productId: Id });
export const VariantPath = z.object({ productId: Id, variantId: Id });

export const SelectionBody = z.strictObject({
  productIds: z.array(Id).max(1000).superRefine(uniqueBy((p) => p, 'product')),
});
export const Selection = z.object({ productIds: z.array(z.string()), updatedAt: Timestamp.nullable() }).meta({ id: 'Selection' });
export type Selection = z.infer<typeof Selection>;

export const CatalogQuery = z.object({
  q: z.string().trim().min(1).max(100).optional(),
  category: Category.optional(),
  maxPoints: z.coerce.number().int().min(1).optional(),
  country: Country.optional(),
  /** `all`: every active product, selected or not (HR curating the selection). */
  scope: z.enum(['selection', 'all']).default('selection'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2048).optional(),
});
export type CatalogQuery = z.infer<typeof CatalogQuery>;
