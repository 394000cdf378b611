/**
 * Fulfilment: a placed order becomes one shipment per fulfilment partner; partners and carriers
 * report events; a shipment's status never moves backwards (statuses.ts) and the order's status
 * follows its shipments. Every change of a shipment and of its order is written together,
 * conditional on the versions read, so concurrent events of one order never lose each other.
 */
import type { Page } from '../common/schemas.js';
import { InvalidStateError, NotFoundError, UnavailableError, ValidationFailedError } from '../errors.js';
import { deriveId } from '../ledger/rules.js';
import type { CatalogReader, OrderRepository, StoredOrder } from '../orders/use-cases.js';
import type { OrderStatus } from '../orders/schemas.js';
import type { Clock, ListOptions } from '../ports.js';
import type { PartnerShipment, ShipmentEvent, ShipmentEventBody, TrackingView } from './schemas.js';
import { applyShipmentEvent, orderStatusFor, type ShipmentStatus } from './statuses.js';
import { CarrierRejectedError, CarrierUnavailableError, type CarrierTracking, type CarrierTrackingUpdate } from './tracking.js';
import { statusFromTrackingCode } from './statuses.js';

/** The most events a shipment keeps (carriers can scan a parcel dozens of times). */
export const MAX_EVENTS = 100;
const ATTEMPTS = 8;

export interface StoredShipment extends Omit<PartnerShipment, 'status'> {
  status: ShipmentStatus;
  companyId: string;
  employeeId: string;
  partnerId: string;
  furthest: ShipmentStatus;
  latestEventAt: string | null;
  trackingToken: string;
  version: number;
}

/** A shipment as its order lists it. */
export interface ShipmentSummary {
  shipmentId: string;
  partnerId: string;
  status: ShipmentStatus;
  furthest: ShipmentStatus;
  carrierCode: string | null;
  trackingNumber: string | null;
  trackingUrl: string;
}

/** The order's side of a fulfilment change, written with the shipment's. */
export interface OrderChange {
  companyId: string;
  orderId: string;
  /** The order must still be in one of these statuses. */
  expectStatus: OrderStatus[];
  /** The fulfilment version read (0 when never changed by fulfilment). */
  expectVersion: number;
  status: OrderStatus;
  shipments: ShipmentSummary[];
  history: { status: OrderStatus; at: string }[];
}

export interface OrderFulfilmentState {
  status: OrderStatus;
  history: { status: OrderStatus; at: string }[];
  shipments: ShipmentSummary[];
  fulfilmentVersion: number;
}

export interface ShipmentRepository {
  get(shipmentId: string): Promise<StoredShipment | undefined>;
  byTrackingToken(token: string): Promise<StoredShipment | undefined>;
  byTrackingNumber(trackingNumber: string): Promise<StoredShipment[]>;
  listOfPartner(partnerId: string, status: ShipmentStatus | undefined, options: ListOptions): Promise<Page<StoredShipment>>;
  orderState(companyId: string, orderId: string): Promise<OrderFulfilmentState | undefined>;
  /**
   * Writes the shipments (each only if new; `version` says which are updates of a version one
   * lower) and the order's change in one transaction.
   * @returns 'conflict' when a shipment or the order changed since read; 'saved' otherwise.
   */
  save(shipments: StoredShipment[], order: OrderChange): Promise<'saved' | 'conflict'>;
  /** Shipments with a tracking number, not final, not updated or checked since `before` (reconciliation). */
  quiet(before: string, limit: number): Promise<StoredShipment[]>;
  /** Records that reconciliation asked the carrier at `at` (so it moves on to others). */
  markChecked(shipmentId: string, at: string): Promise<void>;
}

export interface FulfilmentDeps {
  shipments: ShipmentRepository;
  orders: OrderRepository;
  catalog: CatalogReader;
  clock: Clock;
  links: { trackingUrl(token: string): string };
  /** Unguessable tokens (tracking pages). */
  secrets: { token(): string };
}

const FINAL: ShipmentStatus[] = ['delivered', 'returned', 'cancelled'];

function summaryOf(s: StoredShipment, links: FulfilmentDeps['links']): ShipmentSummary {
  return {
    shipmentId: s.shipmentId, partnerId: s.partnerId, status: s.status, furthest: s.furthest, carrierCode: s.carrierCode,
    trackingNumber: s.trackingNumber, trackingUrl: links.trackingUrl(s.trackingToken),
  };
}

export function partnerView(s: StoredShipment): PartnerShipment {
  return {
    shipmentId: s.shipmentId, orderId: s.orderId, status: s.status, items: s.items, shippingAddress: s.shippingAddress,
    carrierCode: s.carrierCode, trackingNumber: s.trackingNumber, events: s.events, createdAt: s.createdAt, updatedAt: s.updatedAt,
  };
}

/**
 * Splits a placed order into one shipment per fulfilment partner (OrderPlaced consumer).
 * Digital gift cards need no shipment: an order of nothing else is delivered at once.
 * Idempotent: shipment ids derive from the order and partner, and the order must still be
 * `placed`; a cancelled order gets no shipments.
 */
export async function fulfilOrder(deps: FulfilmentDeps, companyId: string, orderId: string): Promise<'fulfilled' | 'skipped'> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const [order, state] = await Promise.all([deps.orders.get(companyId, orderId), deps.shipments.orderState(companyId, orderId)]);
    if (!order || !state || state.status !== 'placed') return 'skipped';
    const at = deps.clock.now().toISOString();
    const shipments = await splitByPartner(deps, companyId, order, at);
    const status = shipments.length ? 'processing' : 'delivered';
    const outcome = await deps.shipments.save(shipments, {
      companyId, orderId, expectStatus: ['placed'], expectVersion: state.fulfilmentVersion, status,
      shipments: shipments.map((s) => summaryOf(s, deps.links)),
      history: [...state.history, { status, at }],
    });
    if (outcome === 'saved') return 'fulfilled';
  }
  throw new UnavailableError(`order ${orderId}: kept changing while it was split into shipments`);
}

async function splitByPartner(deps: FulfilmentDeps, companyId: string, order: StoredOrder, at: string): Promise<StoredShipment[]> {
  const byPartner = new Map<string, StoredShipment['items']>();
  for (const item of order.items) {
    if (item.kind === 'gift_card_digital') continue;
    const product = (await deps.catalog.product(item.productId)) ?? (await deps.catalog.freshProduct(item.productId));
    if (!product) throw new Error(`order ${order.orderId}: product ${item.productId} is gone`);
    const sku = product.variants.find((v) => v.variantId === item.variantId)?.sku ?? null;
    const lines = byPartner.get(product.partnerId) ?? [];
    lines.push({ productId: item.productId, variantId: item.variantId, sku, name: item.name, variantName: item.variantName, kind: item.kind, quantity: item.quantity });
    byPartner.set(product.partnerId, lines);
  }
  return [...byPartner].map(([partnerId, items]) => ({
    shipmentId: deriveId('shipment', companyId, order.orderId, partnerId),
    companyId, orderId: order.orderId, employeeId: order.employeeId, partnerId, status: 'pending', furthest: 'pending', latestEventAt: null,
    items, shippingAddress: order.shippingAddress, carrierCode: null, trackingNumber: null, events: [],
    trackingToken: deps.secrets.token(), version: 1, createdAt: at, updatedAt: at,
  }));
}

export type EventSource =
  | { kind: 'partner'; partnerId: string }
  | { kind: 'carrier' }
  | { kind: 'platform' };

export interface IncomingEvent {
  status: Exclude<ShipmentStatus, 'pending'>;
  occurredAt: string;
  carrierCode?: string | null | undefined;
  trackingNumber?: string | null | undefined;
  location?: string | null | undefined;
  description?: string | null | undefined;
}

/** The identity of an event: the same report twice is one event. */
function eventIdOf(shipmentId: string, e: IncomingEvent): string {
  return deriveId('shipment-event', shipmentId, e.status, e.occurredAt, e.location ?? '', e.description ?? '', e.trackingNumber ?? '');
}

/**
 * Applies events to a shipment and its order, in one conditional write.
 *   1. a partner only reaches its own shipments (anything else is 404);
 *   2. an event seen before is ignored; an older one never moves the status back;
 *   3. a cancelled order's shipment takes no events (409: do not ship it).
 * @returns the shipment and whether nothing changed (every event was a duplicate).
 */
export async function recordShipmentEvents(
  deps: FulfilmentDeps,
  source: EventSource,
  shipmentId: string,
  incoming: IncomingEvent[],
): Promise<{ shipment: StoredShipment; duplicate: boolean }> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const current = await deps.shipments.get(shipmentId);
    if (!current || (source.kind === 'partner' && current.partnerId !== source.partnerId)) throw new NotFoundError('shipment');
    const now = deps.clock.now().toISOString();
    const fresh = incoming.filter((e) => !current.events.some((seen) => seen.eventId === eventIdOf(shipmentId, e)));
    if (!fresh.length) return { shipment: current, duplicate: true };
    if (current.status === 'cancelled') throw new InvalidStateError('The order was cancelled: do not ship this shipment');

    let next: StoredShipment = { ...current, version: current.version + 1, updatedAt: now };
    const added: ShipmentEvent[] = [];
    for (const e of [...fresh].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : 1))) {
      if (e.occurredAt > new Date(deps.clock.now().getTime() + 24 * 3600_000).toISOString()) {
        throw new ValidationFailedError([{ path: 'body.occurredAt', message: 'is more than a day in the future' }]);
      }
      const progress = applyShipmentEvent(next, e);
      next = { ...next, ...progress };
      if (e.trackingNumber && e.carrierCode) next = { ...next, carrierCode: e.carrierCode, trackingNumber: e.trackingNumber };
      added.push({
        eventId: eventIdOf(shipmentId, e), status: e.status, occurredAt: e.occurredAt, location: e.location ?? null,
        description: e.description ?? null, source: source.kind, receivedAt: now,
      });
    }
    next.events = [...current.events, ...added].sort((a, b) => (a.occurredAt < b.occurredAt ? -1 : a.occurredAt > b.occurredAt ? 1 : 0)).slice(-MAX_EVENTS);

    const state = await deps.shipments.orderState(current.companyId, current.orderId);
    if (!state) throw new Error(`shipment ${shipmentId}: its order ${current.orderId} is gone`);
    if (state.status === 'cancelled') throw new InvalidStateError('The order was cancelled: do not ship this shipment');
    const shipments = state.shipments.map((s) => (s.shipmentId === shipmentId ? summaryOf(next, deps.links) : s));
    // Not cancelled (checked above): one of the statuses on the fulfilment path.
    const status = orderStatusFor(state.status as Exclude<OrderStatus, 'cancelled'>, shipments);
    const outcome = await deps.shipments.save([next], {
      companyId: current.companyId, orderId: current.orderId, expectStatus: ['placed', 'processing', 'shipped', 'delivered'],
      expectVersion: state.fulfilmentVersion, status, shipments,
      history: status === state.status ? state.history : [...state.history, { status, at: now }],
    });
    if (outcome === 'saved') return { shipment: next, duplicate: false };
  }
  throw new UnavailableError('The shipment kept changing; retry');
}

/** A partner's event (POST /v1/partner/shipments/{id}/events). */
export async function reportShipmentEvent(deps: FulfilmentDeps, partnerId: string, shipmentId: string, body: ShipmentEventBody) {
  const { shipment, duplicate } = await recordShipmentEvents(deps, { kind: 'partner', partnerId }, shipmentId, [body]);
  return { ...partnerView(shipment), duplicate };
}

/**
 * A carrier's tracking update (ShipEngine webhook or reconciliation) applied to every shipment
 * with that tracking number. Events without a status we understand are skipped; the update's
 * own status code counts as an event at the newest event's time.
 */
export async function applyCarrierUpdate(deps: FulfilmentDeps, update: CarrierTrackingUpdate): Promise<{ shipments: number; applied: number }> {
  const shipments = await deps.shipments.byTrackingNumber(update.trackingNumber);
  const events: IncomingEvent[] = [];
  for (const e of update.events) {
    const status = statusFromTrackingCode(e.statusCode);
    if (status && status !== 'pending') events.push({ status, occurredAt: e.occurredAt, location: e.location, description: e.description });
  }
  const overall = statusFromTrackingCode(update.statusCode);
  if (overall && overall !== 'pending' && !events.some((e) => e.status === overall)) {
    const latest = events.reduce<string | null>((m, e) => (m === null || e.occurredAt > m ? e.occurredAt : m), null);
    events.push({ status: overall, occurredAt: latest ?? deps.clock.now().toISOString(), description: update.statusDescription });
  }
  let applied = 0;
  for (const s of shipments) {
    if (update.carrierCode && s.carrierCode && update.carrierCode !== s.carrierCode) continue;
    if (!events.length || s.status === 'cancelled') continue;
    const { duplicate } = await recordShipmentEvents(deps, { kind: 'carrier' }, s.shipmentId, events);
    if (!duplicate) applied++;
  }
  return { shipments: shipments.length, applied };
}

/**
 * Voids the shipments of a cancelled order that have not shipped (OrderCancelled consumer), so
 * their partners see that they must not ship them. Idempotent.
 */
export async function voidShipments(deps: FulfilmentDeps, companyId: string, orderId: string): Promise<number> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const state = await deps.shipments.orderState(companyId, orderId);
    if (!state || state.status !== 'cancelled') return 0;
    const open = state.shipments.filter((s) => s.status === 'pending' || s.status === 'label_created');
    if (!open.length) return 0;
    const now = deps.clock.now().toISOString();
    const voided: StoredShipment[] = [];
    for (const summary of open) {
      const s = await deps.shipments.get(summary.shipmentId);
      if (!s || FINAL.includes(s.status)) continue;
      voided.push({
        ...s, status: 'cancelled', version: s.version + 1, updatedAt: now,
        events: [...s.events, { eventId: deriveId('shipment-event', s.shipmentId, 'cancelled'), status: 'cancelled' as const, occurredAt: now, location: null, description: 'The order was cancelled', source: 'platform' as const, receivedAt: now }].slice(-MAX_EVENTS),
      });
    }
    const shipments = state.shipments.map((s) => voided.find((v) => v.shipmentId === s.shipmentId)).map((v, i) => (v ? summaryOf(v, deps.links) : state.shipments[i]!));
    const outcome = await deps.shipments.save(voided, {
      companyId, orderId, expectStatus: ['cancelled'], expectVersion: state.fulfilmentVersion, status: 'cancelled', shipments, history: state.history,
    });
    if (outcome === 'saved') return voided.length;
  }
  throw new UnavailableError(`order ${orderId}: kept changing while its shipments were voided`);
}

export async function listPartnerShipments(deps: FulfilmentDeps, partnerId: string, status: ShipmentStatus | undefined, options: ListOptions) {
  const page = await deps.shipments.listOfPartner(partnerId, status, options);
  return { items: page.items.map(partnerView), nextCursor: page.nextCursor };
}

export async function getPartnerShipment(deps: FulfilmentDeps, partnerId: string, shipmentId: string) {
  const s = await deps.shipments.get(shipmentId);
  if (!s || s.partnerId !== partnerId) throw new NotFoundError('shipment');
  return partnerView(s);
}

/** The public tracking page's data: no address, no name, no ids of the company or employee. */
export async function trackShipment(deps: FulfilmentDeps, token: string): Promise<TrackingView> {
  const s = await deps.shipments.byTrackingToken(token);
  if (!s) throw new NotFoundError('tracking');
  return {
    status: s.status, carrierCode: s.carrierCode, trackingNumber: s.trackingNumber,
    items: s.items.map((i) => ({ name: i.name, variantName: i.variantName, quantity: i.quantity })),
    events: s.events.map((e) => ({ status: e.status, occurredAt: e.occurredAt, location: e.location, description: e.description })),
    updatedAt: s.updatedAt,
  };
}

export interface CarrierDeps extends FulfilmentDeps {
  /** The carrier-tracking service, or undefined when none is configured. */
  carrierTracking(): Promise<CarrierTracking | undefined>;
}

/**
 * Subscribes to carrier updates of a newly known tracking number (TrackingNumberAssigned).
 * A carrier that refuses the number is not retried: partners' events still track the parcel.
 */
export async function startCarrierTracking(deps: CarrierDeps, event: { shipmentId: string; carrierCode: string; trackingNumber: string }): Promise<'started' | 'off' | 'refused'> {
  const tracking = await deps.carrierTracking();
  if (!tracking) return 'off';
  try {
    await tracking.start(event.carrierCode, event.trackingNumber);
    return 'started';
  } catch (err) {
    if (err instanceof CarrierRejectedError) return 'refused';
    throw err;
  }
}

/**
 * Reconciliation: asks the carrier about tracked shipments that went quiet (no update for
 * `quietHours`), in case a webhook was lost. Runs on a schedule.
 */
export async function reconcileQuietShipments(deps: CarrierDeps, options: { quietHours: number; limit: number }): Promise<{ checked: number; changed: number; failed: number }> {
  const tracking = await deps.carrierTracking();
  if (!tracking) return { checked: 0, changed: 0, failed: 0 };
  const before = new Date(deps.clock.now().getTime() - options.quietHours * 3600_000).toISOString();
  const quiet = await deps.shipments.quiet(before, options.limit);
  let changed = 0;
  let failed = 0;
  for (const s of quiet) {
    try {
      const update = await tracking.get(s.carrierCode!, s.trackingNumber!);
      const { applied } = await applyCarrierUpdate(deps, update);
      if (applied) changed++;
      else await deps.shipments.markChecked(s.shipmentId, deps.clock.now().toISOString());
    } catch (err) {
      if (!(err instanceof CarrierRejectedError || err instanceof CarrierUnavailableError)) throw err;
      failed++;
    }
  }
  return { checked: quiet.length, changed, failed };
}
