/**
 * What HR reports read (docs/reports.md), all by key or Query:
 *
 *   - the position now: budget, external funding, the 32 redeemed shards and the reservations of
 *     bulk allocations in flight, in ONE TransactGetItems, so the points in wallets derived from
 *     them (conservation, docs/ledger.md) never mixes two moments;
 *   - budget entries of a period: the budget ledger is keyed by version, not time, so the first
 *     version of the period is found by binary search on `at`, then read in order;
 *   - orders placed in a period (gsi1 on their lookup items), then their current status.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { GetCommand, QueryCommand, TransactGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { UnavailableError } from '../../domain/errors.js';
import { LedgerEntry } from '../../domain/ledger/schemas.js';
import { ORDER_STATUSES, type OrderStatus } from '../../domain/orders/schemas.js';
import type { Period } from '../../domain/reports/period.js';
import type { Position, ReportStore } from '../../domain/reports/use-cases.js';
import { batchGet, queryItems } from './batch.js';
import { budgetEntryVersion, keys, orderKeys } from './keys.js';
import { REDEEMED_SHARDS } from './ledger-store.js';

/**
 * How much older a posting's `at` may be than a posting committed before it. `at` is stamped
 * before the write: the longest gap is the expiry job, which stamps its start time on every lot
 * it expires and runs for at most 10 minutes. Reads of a period widen it by this much on both
 * sides, then keep exactly the entries inside.
 */
export const AT_SKEW_MS = 30 * 60_000;
/**
 * Allocations are found in flight through gsi1 (eventually consistent); the budget's reserve
 * entries of the last minutes cover an allocation the index has not caught up with.
 */
const RECENT_RESERVES_MS = 5 * 60_000;
const TRANSACT_GET_MAX = 100;
const ATTEMPTS = 5;

const Balance = z.object({ balance: z.number().int().default(0), version: z.number().int().default(0) });
const OrderState = z.object({ status: z.enum(ORDER_STATUSES), totalPoints: z.number().int() });
const shift = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DynamoReportStore implements ReportStore {
  constructor(private readonly db: DynamoDBDocumentClient, private readonly table: string) {}

  async position(companyId: string): Promise<Position> {
    for (let attempt = 0; ; attempt++) {
      if (attempt) await sleep(Math.random() * 50 * 2 ** attempt);
      const [recent, processing] = await Promise.all([this.recentBudget(companyId), this.allocationsInFlight(companyId)]);
      const allocationIds = [...new Set([...recent.reserved, ...processing])];
      const shards = Array.from({ length: REDEEMED_SHARDS }, (_, n) => keys.systemAccount(companyId, `redeemed#${n}`));
      const wanted = [keys.budget(companyId), keys.systemAccount(companyId, 'external'), ...shards, ...allocationIds.map((id) => keys.reservation(companyId, id))];
      let items: (Record<string, unknown> | undefined)[];
      try {
        items = await this.readTogether(wanted);
      } catch (err) {
        if (!(err instanceof TransactionCanceledException) || attempt + 1 >= ATTEMPTS) throw err;
        continue;
      }
      const [budget, external, ...rest] = items.map((i) => Balance.parse(i ?? {}));
      const sum = (xs: { balance: number }[]) => xs.reduce((s, x) => s + x.balance, 0);
      // The budget moved between its recent entries and the snapshot: if one of those postings
      // reserved points for an allocation, its reservation is missing; read again.
      if (budget!.version > recent.version && (await this.reservedBetween(companyId, recent.version, budget!.version))) {
        if (attempt + 1 >= ATTEMPTS) throw new UnavailableError('Allocations keep starting; retry the report');
        continue;
      }
      return {
        budget: budget!.balance,
        netFunded: -external!.balance,
        redeemed: sum(rest.slice(0, REDEEMED_SHARDS)),
        reserved: sum(rest.slice(REDEEMED_SHARDS)),
      };
    }
  }

  /** One TransactGetItems (a consistent snapshot) while the keys fit in one; more keys (over 66 allocations in flight) are read in several. */
  private async readTogether(wanted: Record<string, string>[]): Promise<(Record<string, unknown> | undefined)[]> {
    const items: (Record<string, unknown> | undefined)[] = [];
    for (let i = 0; i < wanted.length; i += TRANSACT_GET_MAX) {
      const out = await this.db.send(new TransactGetCommand({
        TransactItems: wanted.slice(i, i + TRANSACT_GET_MAX).map((Key) => ({ Get: { TableName: this.table, Key } })),
      }));
      items.push(...(out.Responses ?? []).map((r) => r.Item));
    }
    return items;
  }

  /** The budget's version now, and the allocations that reserved points from it lately. */
  private async recentBudget(companyId: string): Promise<{ version: number; reserved: string[] }> {
    const since = new Date(Date.now() - RECENT_RESERVES_MS).toISOString();
    let version: number | undefined;
    const reserved: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p',
        ExpressionAttributeValues: { ':p': keys.budgetLedgerPartition(companyId) },
        ProjectionExpression: 'sk, kind, #ref, #at',
        ExpressionAttributeNames: { '#ref': 'reference', '#at': 'at' },
        ScanIndexForward: false,
        ConsistentRead: true,
        Limit: 200,
        ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) {
        version ??= budgetEntryVersion(String(item.sk));
        if (String(item.at) < since) return { version, reserved };
        if (item.kind === 'allocation-reserve') reserved.push(String(item.reference));
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return { version: version ?? 0, reserved };
  }

  /** Whether a budget entry of a version in (after, upTo] reserved points for an allocation. */
  private async reservedBetween(companyId: string, after: number, upTo: number): Promise<boolean> {
    for await (const item of queryItems(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :p AND sk BETWEEN :a AND :b',
      ExpressionAttributeValues: {
        ':p': keys.budgetLedgerPartition(companyId), ':a': keys.budgetEntry(companyId, after + 1).sk, ':b': keys.budgetEntry(companyId, upTo).sk,
      },
      ProjectionExpression: 'kind',
      ConsistentRead: true,
    })) {
      if (item.kind === 'allocation-reserve') return true;
    }
    return false;
  }

  /** Bulk allocations still crediting wallets: only they hold points in a reservation. */
  private async allocationsInFlight(companyId: string): Promise<string[]> {
    const ids: string[] = [];
    for await (const item of queryItems(this.db, {
      TableName: this.table,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :p',
      FilterExpression: '#status = :processing',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':p': keys.allocationsPartition(companyId), ':processing': 'processing' },
      ProjectionExpression: 'allocationId',
    })) ids.push(String(item.allocationId));
    return ids;
  }

  async *budgetEntries(companyId: string, period: Period): AsyncIterable<LedgerEntry> {
    const budget = await this.db.send(new GetCommand({
      TableName: this.table, Key: keys.budget(companyId), ProjectionExpression: 'version', ConsistentRead: true,
    }));
    const latest = typeof budget.Item?.version === 'number' ? budget.Item.version : 0;
    if (latest === 0) return;
    const first = await this.firstVersionFrom(companyId, latest, shift(period.from, -AT_SKEW_MS));
    const stopAt = shift(period.to, AT_SKEW_MS);
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p AND sk >= :first',
        ExpressionAttributeValues: { ':p': keys.budgetLedgerPartition(companyId), ':first': keys.budgetEntry(companyId, first).sk },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }));
      for (const i of out.Items ?? []) {
        const at = String(i.at);
        if (at >= stopAt) return;
        if (at < period.from || at >= period.to) continue;
        yield LedgerEntry.parse({
          entryId: i.entryId, transferId: i.transferId, deltaPoints: i.deltaPoints, balanceAfter: i.balanceAfter,
          kind: i.kind, reference: i.reference, note: i.note ?? null, at,
        });
      }
      start = out.LastEvaluatedKey;
    } while (start);
  }

  /**
   * The first version whose entry is at or after `instant`. Exact for times ordered like
   * versions; with `at` out of order by up to AT_SKEW_MS, searching for `from − AT_SKEW_MS`
   * never skips an entry at or after `from`.
   */
  private async firstVersionFrom(companyId: string, latest: number, instant: string): Promise<number> {
    let lo = 1;
    let hi = latest + 1;
    while (lo < hi) {
      const mid = Math.floor((lo + hi) / 2);
      const out = await this.db.send(new GetCommand({
        TableName: this.table, Key: keys.budgetEntry(companyId, mid), ProjectionExpression: '#at', ExpressionAttributeNames: { '#at': 'at' },
        ConsistentRead: true,
      }));
      if (String(out.Item?.at) < instant) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  async ordersPlaced(companyId: string, period: Period): Promise<{ status: OrderStatus; totalPoints: number }[]> {
    const orderIds: string[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      // `<createdAt>#<orderId>` BETWEEN from AND to: exactly createdAt in [from, to).
      const out = await this.db.send(new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :p AND gsi1sk BETWEEN :from AND :to',
        ExpressionAttributeValues: { ':p': orderKeys.placedPartition(companyId), ':from': period.from, ':to': period.to },
        ProjectionExpression: 'orderId',
        ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) orderIds.push(String(item.orderId));
      start = out.LastEvaluatedKey;
    } while (start);
    const orders = await batchGet(this.db, this.table, orderIds.map((id) => orderKeys.order(companyId, id)));
    return orders.map((o) => OrderState.parse(o));
  }
}
