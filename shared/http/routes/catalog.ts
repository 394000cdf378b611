/** Routes: products and stock (operator), selections (HR), browsing (shoppers). Part of the route table (../routes.ts). */
import * as z from 'zod';
import { ListQuery, page } from '../../domain/common/schemas.js';
import { CatalogProduct, CatalogQuery, CreateProductBody, LoadCodesBody, Product, ProductPath, Selection, SelectionBody, SetStockBody, UpdateProductBody, VariantPath } from '../../domain/catalog/schemas.js';
import { route, HR, SHOPPERS, OPERATOR, type RouteDefinition } from './definition.js';

export const catalogRoutes = {
  createProduct: route({
    id: 'createProduct', method: 'POST', path: '/v1/products', entry: 'functions/http/create-product.ts', auth: OPERATOR,
    summary: 'Add a product with its variants to the catalog', tag: 'Catalog', body: CreateProductBody, status: 201,
    response: Product, access: { main: 'readwrite' },
  }),
  listProducts: route({
    id: 'listProducts', method: 'GET', path: '/v1/products', entry: 'functions/http/list-products.ts', auth: OPERATOR,
    summary: 'Every product, active or not, with stock', tag: 'Catalog', query: ListQuery, status: 200, response: page(Product),
    access: { main: 'read' },
  }),
  getProduct: route({
    id: 'getProduct', method: 'GET', path: '/v1/products/{productId}', entry: 'functions/http/get-product.ts', auth: OPERATOR,
    summary: 'A product with its variants and stock', tag: 'Catalog', params: ProductPath, status: 200, response: Product,
    access: { main: 'read' },
  }),
  updateProduct: route({
    id: 'updateProduct', method: 'PATCH', path: '/v1/products/{productId}', entry: 'functions/http/update-product.ts',
    auth: OPERATOR, summary: 'Change a product (descriptive fields, countries, active)', tag: 'Catalog', params: ProductPath,
    body: UpdateProductBody, status: 200, response: Product, access: { main: 'readwrite' },
  }),
  setVariantStock: route({
    id: 'setVariantStock', method: 'PUT', path: '/v1/products/{productId}/variants/{variantId}/stock',
    entry: 'functions/http/set-variant-stock.ts', auth: OPERATOR, summary: 'Set the stock of a variant', tag: 'Catalog',
    params: VariantPath, body: SetStockBody, status: 200, response: Product, access: { main: 'readwrite' },
  }),
  loadGiftCodes: route({
    id: 'loadGiftCodes', method: 'POST', path: '/v1/products/{productId}/variants/{variantId}/codes',
    entry: 'functions/http/load-gift-codes.ts', auth: OPERATOR,
    summary: 'Load codes of a digital gift card variant (its stock is the unused codes)', tag: 'Catalog', params: VariantPath,
    body: LoadCodesBody, status: 201,
    response: z.object({ loaded: z.number().int(), duplicates: z.number().int(), stock: z.number().int() }),
    access: { main: 'readwrite' },
  }),
  getSelection: route({
    id: 'getSelection', method: 'GET', path: '/v1/catalog/selection', entry: 'functions/http/get-selection.ts', auth: HR,
    summary: 'The company\'s curated selection (empty: the whole catalog)', tag: 'Catalog', status: 200, response: Selection,
    access: { main: 'read' },
  }),
  putSelection: route({
    id: 'putSelection', method: 'PUT', path: '/v1/catalog/selection', entry: 'functions/http/put-selection.ts', auth: HR,
    summary: 'Replace the company\'s curated selection; an empty list means the whole catalog', tag: 'Catalog',
    body: SelectionBody, status: 200, response: Selection, access: { main: 'readwrite' },
  }),
  browseCatalog: route({
    id: 'browseCatalog', method: 'GET', path: '/v1/catalog', entry: 'functions/http/browse-catalog.ts', auth: SHOPPERS,
    summary: 'Products the company\'s people may choose that ship to a country (default: the employee\'s), with stock',
    tag: 'Catalog', query: CatalogQuery, status: 200, response: page(CatalogProduct), access: { main: 'read' },
  }),
  getCatalogProduct: route({
    id: 'getCatalogProduct', method: 'GET', path: '/v1/catalog/{productId}', entry: 'functions/http/get-catalog-product.ts',
    auth: SHOPPERS, summary: 'One product as the company\'s people see it', tag: 'Catalog', params: ProductPath, status: 200,
    response: CatalogProduct, access: { main: 'read' },
  }),
} satisfies Record<string, RouteDefinition>;
