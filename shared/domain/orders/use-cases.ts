/**
 * Orders: the rule that an order can never overspend a wallet or oversell a variant lives here
 * and in the conditions of its ONE transaction: the wallet debit (earliest-expiring lots first),
 * every variant's stock decrement (conditional on the stock and on the price the order was
 * priced at), the digital codes it takes, the order record and the ledger transfer. Cancelling
 * undoes all of it in one transaction too.
 */
import type { Page } from '../common/schemas.js';
import type { Product } from '../catalog/schemas.js';
import type { EmployeeRepository } from '../employees/ports.js';
import { createHash } from 'node:crypto';
import {
  ConflictError,
  DomainError,
  IdempotencyKeyReusedError,
  InvalidStateError,
  NotFoundError,
  NotShippableError,
  OutOfStockError,
  ValidationFailedError,
} from '../errors.js';
import type { Effect, LedgerStore, Lot } from '../ledger/ports.js';
import { deriveId } from '../ledger/rules.js';
import type { Clock, ListOptions } from '../ports.js';
import { spendPoints } from '../wallet/use-cases.js';
import type { Order, OrderStatus, PlaceOrderBody } from './schemas.js';

/** Writes an order needs besides its lots and lines: guard, wallet + entry, redeemed + entry, employee check, order, lookup, codes. */
const FIXED_WRITES = 9;
const MAX_WRITES = 100;
const CANCELLABLE: OrderStatus[] = ['placed', 'processing'];

/** An order as stored: the API shape plus what it takes to undo it. */
export interface StoredOrder extends Order {
  /** Hash of the request that placed it: the same Idempotency-Key with another body is refused. */
  requestHash: string;
  /** The lots the points came from, to put them back on cancel. */
  draws: { lot: Lot; take: number }[];
  /** Digital codes by variant: only the ordering employee reads them. */
  giftCodes?: Record<string, string[]>;
}

export interface OrderRepository {
  get(companyId: string, orderId: string, options?: { withCodes?: boolean }): Promise<StoredOrder | undefined>;
  listOfEmployee(companyId: string, employeeId: string, status: OrderStatus | undefined, options: ListOptions): Promise<Page<StoredOrder>>;
  listOfCompany(companyId: string, status: OrderStatus | undefined, options: ListOptions): Promise<Page<StoredOrder>>;
  listAll(status: OrderStatus | undefined, options: ListOptions): Promise<Page<StoredOrder>>;
  /** The company an order belongs to (platform operator only). */
  companyOf(orderId: string): Promise<string | undefined>;
}

export interface CodePool {
  /** Up to `count` unused codes of a variant; `key` names the code's item in the pool. */
  unused(variantId: string, count: number): Promise<{ key: string; code: string }[]>;
}

/** Products and selections as the order path reads them (cached; the transaction checks stock and price). */
export interface CatalogReader {
  product(productId: string): Promise<Product | undefined>;
  /** Bypasses the cache: after a condition failed. */
  freshProduct(productId: string): Promise<Product | undefined>;
  selection(companyId: string): Promise<string[]>;
}

export interface OrderDeps {
  ledger: LedgerStore;
  employees: EmployeeRepository;
  catalog: CatalogReader;
  orders: OrderRepository;
  codes: CodePool;
  clock: Clock;
}

export type OrderCaller =
  | { role: 'employee'; companyId: string; employeeId: string }
  | { role: 'hr_admin'; companyId: string }
  | { role: 'platform_admin' };

/** What a caller may see: codes only for the employee who ordered them. */
export function orderView(stored: StoredOrder, caller: OrderCaller): Order {
  const { draws: _d, requestHash: _h, giftCodes, ...order } = stored as StoredOrder & { companyId?: string };
  delete (order as { companyId?: string }).companyId;
  const mine = caller.role === 'employee' && caller.employeeId === stored.employeeId;
  return {
    ...order,
    items: order.items.map((item) => (mine && giftCodes?.[item.variantId] ? { ...item, giftCodes: giftCodes[item.variantId] } : item)),
  };
}

interface Line {
  product: Product;
  variantId: string;
  variantName: string;
  quantity: number;
  pointsEach: number;
  index: number;
}

/**
 * Places an order with the caller's points.
 *   1. derives the order id from (company, caller, Idempotency-Key): a replay returns the order;
 *   2. checks each line: in the company's catalog, active, ships to the address, in stock;
 *   3. takes digital codes from the pool, then writes everything in one transaction, retrying
 *      when a wallet, lot or code moved meanwhile.
 * @throws ValidationFailedError for products outside the caller's catalog or an order too large for one transaction.
 * @throws NotShippableError, OutOfStockError (naming the variant), InsufficientPointsError: nothing changes.
 */
export async function placeOrder(
  deps: OrderDeps,
  caller: { companyId: string; employeeId: string; sub: string; idempotencyKey: string },
  body: PlaceOrderBody,
): Promise<{ order: Order; replayed: boolean }> {
  const { companyId, employeeId } = caller;
  const requestHash = hashRequest(body);
  const fresh = (o: StoredOrder) => ({ order: orderView(o, { role: 'employee', companyId, employeeId }), replayed: false });
  const replay = (o: StoredOrder) => {
    if (o.requestHash !== requestHash) throw new IdempotencyKeyReusedError('This Idempotency-Key was used with a different request body');
    return { order: orderView(o, { role: 'employee', companyId, employeeId }), replayed: true };
  };
  // The order id derives from the key: a replay meets the transfer guard (or fails a check the
  // first request passed, e.g. the wallet it emptied) and is answered with the order.
  const orderId = deriveId('order', companyId, caller.sub, caller.idempotencyKey);
  try {
    return await placeOnce(deps, caller, body, orderId, requestHash, fresh, replay);
  } catch (err) {
    if (!(err instanceof DomainError) || err instanceof IdempotencyKeyReusedError) throw err;
    const placed = await deps.orders.get(companyId, orderId, { withCodes: true });
    if (placed) return replay(placed);
    throw err;
  }
}

type Answer = { order: Order; replayed: boolean };

async function placeOnce(
  deps: OrderDeps,
  caller: { companyId: string; employeeId: string },
  body: PlaceOrderBody,
  orderId: string,
  requestHash: string,
  fresh: (o: StoredOrder) => Answer,
  replay: (o: StoredOrder) => Answer,
): Promise<Answer> {
  const { companyId, employeeId } = caller;
  const lines = await priceLines(deps, companyId, body);
  const country = body.shippingAddress.country;
  for (const line of lines) {
    if (!line.product.shipsTo.includes(country)) throw new NotShippableError(`${line.product.name} does not ship to ${country}`);
  }
  const digital = lines.filter((l) => l.product.kind === 'gift_card_digital');
  const codeCount = digital.reduce((s, l) => s + l.quantity, 0);
  if (FIXED_WRITES + lines.length + codeCount + 1 > MAX_WRITES) {
    throw new ValidationFailedError([{ path: 'body.items', message: `too many items for one order (${lines.length} lines, ${codeCount} codes); split it` }]);
  }
  const totalPoints = lines.reduce((s, l) => s + l.quantity * l.pointsEach, 0);
  const at = deps.clock.now().toISOString();

  let written: StoredOrder | undefined;
  for (let attempt = 0; attempt < 8; attempt++) {
    const codes = new Map<string, { key: string; code: string }[]>();
    for (const line of digital) {
      const free = await deps.codes.unused(line.variantId, line.quantity);
      if (free.length < line.quantity) throw new OutOfStockError(`${line.product.name} (${line.variantName}) is out of stock`, line.variantId);
      codes.set(line.variantId, free);
    }
    const items = lines.map((l) => ({
      productId: l.product.productId, variantId: l.variantId, quantity: l.quantity, pointsEach: l.pointsEach,
      name: l.product.name, variantName: l.variantName, kind: l.product.kind,
    }));
    const outcome = await spendPoints(deps, companyId, {
      employeeId, points: totalPoints, transferId: `order:${orderId}`, reference: orderId, note: items.map((i) => i.name).join(', ').slice(0, 200),
      extra: (takes) => {
        if (FIXED_WRITES + lines.length + codeCount + takes.length > MAX_WRITES) {
          throw new ValidationFailedError([{ path: 'body.items', message: 'the points come from too many grants for one order; order fewer items' }]);
        }
        const order: Omit<StoredOrder, 'giftCodes'> = {
          orderId, requestHash, employeeId, status: 'placed', items, totalPoints, shippingAddress: body.shippingAddress, shipments: [], createdAt: at,
          history: [{ status: 'placed', at }], draws: takes,
        };
        written = { ...order, ...(codes.size ? { giftCodes: Object.fromEntries([...codes].map(([v, cs]) => [v, cs.map((c) => c.code)])) } : {}) };
        return [
          { type: 'employee.active', employeeId },
          ...lines.map((l): Effect => ({ type: 'stock.take', productId: l.product.productId, variantId: l.variantId, quantity: l.quantity, expectPoints: l.pointsEach })),
          ...[...codes].flatMap(([variantId, free]) => free.map((c): Effect => ({ type: 'code.take', variantId, codeKey: c.key }))),
          { type: 'record.put', record: { entity: 'order', value: order } },
          { type: 'record.put', record: { entity: 'orderLookup', orderId, createdAt: at } },
          ...(codes.size ? [{
            type: 'record.put' as const,
            record: { entity: 'orderCodes' as const, orderId, codes: Object.fromEntries([...codes].map(([v, cs]) => [v, cs.map((c) => c.code)])) },
          }] : []),
        ];
      },
    });
    if (outcome.outcome === 'posted' && written) return fresh(written);
    if (outcome.outcome !== 'record-changed' || outcome.failed.some((e) => e.type === 'record.put')) {
      // The same order was placed before (a replay): answer with it.
      const placed = await deps.orders.get(companyId, orderId, { withCodes: true });
      if (placed) return replay(placed);
      if (outcome.outcome !== 'record-changed') throw new Error(`order ${orderId}: ${outcome.outcome} but no order`);
    }
    if (outcome.failed.some((e) => e.type === 'employee.active')) {
      const employee = await deps.employees.get(companyId, employeeId);
      if (!employee) throw new NotFoundError('employee');
      throw new InvalidStateError('An inactive employee cannot order');
    }
    // Stock, a price or a code moved (or the cache was stale): read the products again and re-check.
    for (const line of lines) line.product = (await deps.catalog.freshProduct(line.product.productId)) ?? line.product;
    for (const line of lines) {
      const variant = line.product.variants.find((v) => v.variantId === line.variantId)!;
      if (variant.points !== line.pointsEach) throw new ConflictError(`The price of ${line.product.name} changed; review the order`);
      if (variant.stock < line.quantity) throw new OutOfStockError(`${line.product.name} (${line.variantName}) is out of stock`, line.variantId);
    }
  }
  throw new ConflictError('The products kept changing while the order was placed; retry');
}

/** The request as the idempotency promise compares it: key order does not matter. */
function hashRequest(body: PlaceOrderBody): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical)
      : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)]))
        : v;
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('base64url');
}

async function priceLines(deps: OrderDeps, companyId: string, body: PlaceOrderBody): Promise<Line[]> {
  const selection = { productIds: await deps.catalog.selection(companyId) };
  const merged = new Map<string, { productId: string; variantId: string; quantity: number; index: number }>();
  body.items.forEach((item, index) => {
    const key = `${item.productId}|${item.variantId}`;
    const seen = merged.get(key);
    if (seen) seen.quantity += item.quantity;
    else merged.set(key, { ...item, index });
  });
  const products = new Map<string, Product | undefined>();
  const lines: Line[] = [];
  for (const item of merged.values()) {
    if (!products.has(item.productId)) products.set(item.productId, await deps.catalog.product(item.productId));
    const product = products.get(item.productId);
    const visible = product?.active && (selection.productIds.length === 0 || selection.productIds.includes(item.productId));
    if (!product || !visible) {
      throw new ValidationFailedError([{ path: `body.items.${item.index}.productId`, message: 'is not in your company\'s catalog' }]);
    }
    const variant = product.variants.find((v) => v.variantId === item.variantId);
    if (!variant) throw new ValidationFailedError([{ path: `body.items.${item.index}.variantId`, message: 'is not a variant of the product' }]);
    lines.push({ product, variantId: variant.variantId, variantName: variant.name, quantity: item.quantity, pointsEach: variant.points, index: item.index });
  }
  return lines;
}

/** @throws NotFoundError for an order of another company or (for an employee) of someone else. */
export async function getOrder(deps: OrderDeps, caller: OrderCaller, companyId: string | undefined, orderId: string): Promise<Order> {
  const company = caller.role === 'platform_admin' ? await deps.orders.companyOf(orderId) : companyId;
  const order = company ? await deps.orders.get(company, orderId, { withCodes: caller.role === 'employee' }) : undefined;
  if (!order || (caller.role === 'employee' && order.employeeId !== caller.employeeId)) throw new NotFoundError('order');
  return orderView(order, caller);
}

export async function listOrders(deps: OrderDeps, caller: OrderCaller, status: OrderStatus | undefined, options: ListOptions) {
  const page = caller.role === 'employee'
    ? await deps.orders.listOfEmployee(caller.companyId, caller.employeeId, status, options)
    : caller.role === 'hr_admin'
      ? await deps.orders.listOfCompany(caller.companyId, status, options)
      : await deps.orders.listAll(status, options);
  return { items: page.items.map((o) => orderView(o, caller)), nextCursor: page.nextCursor };
}

/**
 * Cancels an order while nothing has shipped: points go back into the lots they came from (or
 * to the company budget when those lots have expired since), stock returns, in one
 * transaction. Cancelling a cancelled order returns it unchanged.
 * @throws NotFoundError; InvalidStateError once shipped, or for delivered digital codes.
 */
export async function cancelOrder(deps: OrderDeps, caller: Exclude<OrderCaller, { role: 'platform_admin' }>, orderId: string): Promise<Order> {
  const { companyId } = caller;
  for (let attempt = 0; attempt < 5; attempt++) {
    const order = await deps.orders.get(companyId, orderId);
    if (!order || (caller.role === 'employee' && order.employeeId !== caller.employeeId)) throw new NotFoundError('order');
    if (order.status === 'cancelled') return getOrder(deps, caller, companyId, orderId);
    // "While no shipment has shipped": a shipment that has left changes the order's status to
    // shipped, which the transaction's status condition refuses; a label not yet handed over is voided.
    if (!CANCELLABLE.includes(order.status) || order.shipments.some((s) => s.status !== 'pending' && s.status !== 'label_created')) {
      throw new InvalidStateError(`The order is ${order.status}; it can no longer be cancelled`);
    }
    if (order.items.some((i) => i.kind === 'gift_card_digital')) {
      throw new InvalidStateError('The order\'s gift card codes were delivered; it cannot be cancelled');
    }
    const wallet = { kind: 'wallet' as const, employeeId: order.employeeId };
    const outcome = await deps.ledger.post(companyId, { accounts: [wallet, { kind: 'budget' }] }, () => {
      // Decided at each attempt: a lot that expired while this retried goes to the budget, not back into the wallet.
      const at = deps.clock.now().toISOString();
      const restorable = order.draws.filter((d) => d.lot.expiresAt === null || d.lot.expiresAt > at);
      const back = restorable.reduce((s, d) => s + d.take, 0);
      const expired = order.totalPoints - back;
      return {
        transfer: {
          transferId: `order:${orderId}:cancel`, kind: 'redemption-reversal', reference: orderId, note: 'Order cancelled', at,
          legs: [
            { account: { kind: 'redeemed' }, delta: -order.totalPoints },
            ...(back ? [{ account: wallet, delta: back }] : []),
            ...(expired ? [{ account: { kind: 'budget' as const }, delta: expired }] : []),
          ],
        },
        effects: [
          ...restorable.map((d): Effect => ({ type: 'lot.restore', lot: d.lot, points: d.take })),
          ...order.items.map((i): Effect => ({ type: 'stock.return', productId: i.productId, variantId: i.variantId, quantity: i.quantity })),
          ...(expired ? [{ type: 'budget.count' as const, counters: { expiredPoints: expired } }] : []),
          {
            type: 'record.update',
            record: { entity: 'order', orderId, expectStatus: [order.status], set: { status: 'cancelled', history: [...order.history, { status: 'cancelled', at }] } },
          },
        ],
      };
    });
    if (outcome.outcome === 'record-changed') continue;
    return getOrder(deps, caller, companyId, orderId);
  }
  throw new ConflictError('The order kept changing; retry');
}
