/**
 * The ledger on DynamoDB (docs/data-model.md, patterns 10–20). A posting becomes ONE
 * TransactWriteItems:
 *
 *   - the transfer guard `TRANSFER#<cid>#<transferId>`, put only if absent: a transfer posts once;
 *   - per budget, wallet or reservation leg: the account's new balance and version, conditional
 *     on the version read and on the balance covering a debit, and the entry of that version;
 *   - per external or redeemed leg: an ADD to the account (redeemed is sharded so that orders
 *     across a company do not contend on one item) and an entry keyed by the transfer id;
 *   - the effects: lots created or drawn down, counters, top-up and allocation records.
 *
 * When an account or lot moved between the read and the write, the transaction is cancelled
 * and the posting is rebuilt from a fresh read, with jittered backoff.
 */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { Page } from '../../domain/common/schemas.js';
import { UnavailableError } from '../../domain/errors.js';
import { count } from '../../observability.js';
import type {
  Account,
  AccountState,
  BudgetCounters,
  Effect,
  LedgerState,
  LedgerStore,
  Lot,
  Posting,
  PostOutcome,
  PostedTransfer,
  ReadSpec,
} from '../../domain/ledger/ports.js';
import { LedgerEntry, TRANSFER_KINDS } from '../../domain/ledger/schemas.js';
import type { ListOptions } from '../../domain/ports.js';
import { deriveId } from '../../domain/ledger/rules.js';
import { batchGet } from './batch.js';
import { catalogKeys, keys, orderKeys } from './keys.js';
import { decodeCursor, encodeCursor } from './pagination.js';

/**
 * A posting retries a conflict (another posting moved one of its accounts since it read them)
 * for this long, however many attempts that takes, then answers 503 `unavailable`. Bounded by
 * time rather than by a count of attempts, so an unlucky posting among many on one hot account
 * (a budget during a burst of allocations) is not given up while newer ones keep winning; an
 * API request still answers well within API Gateway's 29 s.
 */
const RETRY_FOR_MS = 15_000;
/** Backoff between attempts: full jitter, growing from 4 ms to at most this. */
const MAX_BACKOFF_MS = 250;
const MAX_ACTIONS = 100;
export const REDEEMED_SHARDS = 32;
const COUNTERS = ['allocatedPoints', 'expiredPoints', 'pendingTopUpPoints', 'fundedPoints', 'refundedPoints'] as const;

type Action = Record<string, unknown>;
/** Why each action of a transaction is there, to read its cancellation reason. */
type Role = 'guard' | 'account' | 'lot' | 'record' | 'other';

// A budget may exist with counters only (a pending top-up) before its first entry.
const AccountItem = z.object({ balance: z.number().int().default(0), version: z.number().int().default(0) });
const TransferItem = z.object({
  transferId: z.string(),
  kind: z.enum(TRANSFER_KINDS),
  reference: z.string(),
  note: z.string().nullable(),
  at: z.string(),
  legs: z.array(z.object({ account: z.string(), delta: z.number().int() })),
});
const LotItem = z.object({
  employeeId: z.string(),
  lotId: z.string(),
  remaining: z.number().int(),
  expiresAt: z.string().nullable(),
  grantedAt: z.string(),
  reference: z.string(),
});

export function accountKey(companyId: string, account: Account): { pk: string; sk: string } {
  switch (account.kind) {
    case 'budget': return keys.budget(companyId);
    case 'wallet': return keys.wallet(companyId, account.employeeId);
    case 'reservation': return keys.reservation(companyId, account.allocationId);
    case 'external': return keys.systemAccount(companyId, 'external');
    case 'redeemed': throw new Error('the redeemed account is sharded; use its shards');
  }
}

function entryKey(companyId: string, account: Account, version: number) {
  switch (account.kind) {
    case 'budget': return keys.budgetEntry(companyId, version);
    case 'wallet': return keys.walletEntry(companyId, account.employeeId, version);
    case 'reservation': return keys.reservationEntry(companyId, account.allocationId, version);
    default: throw new Error(`${account.kind} entries are keyed by transfer`);
  }
}

const isVersioned = (a: Account) => a.kind === 'budget' || a.kind === 'wallet' || a.kind === 'reservation';
const sameAccount = (a: Account, b: Account) =>
  a.kind === b.kind &&
  (a.kind !== 'wallet' || a.employeeId === (b as typeof a).employeeId) &&
  (a.kind !== 'reservation' || a.allocationId === (b as typeof a).allocationId);
const describe = (a: Account) =>
  a.kind === 'wallet' ? `wallet ${a.employeeId}` : a.kind === 'reservation' ? `reservation ${a.allocationId}` : a.kind;

export function redeemedShard(transferId: string): string {
  const n = createHash('sha256').update(transferId).digest().readUInt32BE(0) % REDEEMED_SHARDS;
  return `redeemed#${n}`;
}

/**
 * The ClientRequestToken of one attempt at a posting: a digest of the transfer id and of the
 * whole request, which holds the versions read (the conditions) and what is written. A retry
 * of the same attempt — by the SDK after throttling or a lost response, or by the loop below
 * after a TransactionConflict when nothing moved — is the same request with the same token:
 * within 10 minutes DynamoDB answers a replay of a committed one with success and no second
 * effect. A posting rebuilt from a state that moved is another request with another token, so
 * a token never comes back with other parameters (IdempotentParameterMismatch).
 */
export function clientRequestToken(companyId: string, posting: Posting, actions: Action[]): string {
  const digest = createHash('sha256').update(JSON.stringify([companyId, posting.transfer.transferId, actions])).digest('base64url');
  return digest.slice(0, 36); // DynamoDB: 1–36 characters
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class DynamoLedgerStore implements LedgerStore {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async read(companyId: string, spec: ReadSpec): Promise<LedgerState> {
    const found = new Map<string, AccountState>();
    const keyOf = (a: Account) => JSON.stringify(accountKey(companyId, a));
    const remember = (item: Record<string, unknown>) => {
      const { balance, version } = AccountItem.parse(item);
      found.set(JSON.stringify({ pk: item.pk, sk: item.sk }), { account: { kind: 'budget' }, balance, version });
    };
    // A wallet whose lots are needed comes with them: one Query of its partition reads both.
    const withLots = new Set(spec.lotsOf ?? []);
    const lotQueries = Promise.all([...withLots].map((employeeId) => this.walletWithLots(companyId, employeeId)));
    const versioned = spec.accounts.filter((a) => isVersioned(a) && !(a.kind === 'wallet' && withLots.has(a.employeeId)));
    for (const item of await batchGet(this.db, this.table, versioned.map((a) => accountKey(companyId, a)))) remember(item);
    const lots: Lot[] = [];
    for (const { wallet, lots: walletLots } of await lotQueries) {
      if (wallet) remember(wallet);
      lots.push(...walletLots);
    }
    const accounts = spec.accounts.map((account): AccountState => {
      const stored = found.get(keyOf(account));
      return { account, balance: stored?.balance ?? 0, version: stored?.version ?? 0 };
    });
    return {
      accounts,
      lots,
      account(account) {
        const state = accounts.find((s) => sameAccount(s.account, account));
        if (!state) throw new Error(`${describe(account)} was not read`);
        return state;
      },
    };
  }

  /** `LOT#…` < `PROFILE` < `WALLET` (and `LEDGER#` sorts before them all): one range holds the lots and the wallet. */
  private async walletWithLots(companyId: string, employeeId: string) {
    const lots: Lot[] = [];
    let wallet: Record<string, unknown> | undefined;
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p AND sk BETWEEN :lot AND :wallet',
        ExpressionAttributeValues: { ':p': keys.employeePartition(companyId, employeeId), ':lot': 'LOT#', ':wallet': 'WALLET' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }));
      for (const item of out.Items ?? []) {
        if (item.sk === 'WALLET') wallet = item;
        else if (String(item.sk).startsWith('LOT#')) lots.push(LotItem.parse(item));
      }
      start = out.LastEvaluatedKey;
    } while (start);
    return { wallet, lots: lots.filter((l) => l.remaining > 0) };
  }

  async post(
    companyId: string,
    spec: ReadSpec,
    build: (state: LedgerState) => Posting | null,
  ): Promise<PostOutcome | { outcome: 'nothing' }> {
    const giveUpAt = Date.now() + RETRY_FOR_MS;
    for (let attempt = 0; attempt === 0 || Date.now() < giveUpAt; attempt++) {
      if (attempt) {
        count('LedgerRetries');
        await sleep(Math.random() * Math.min(MAX_BACKOFF_MS, 4 * 2 ** Math.min(attempt, 8)));
      }
      const state = await this.read(companyId, spec);
      const posting = build(state);
      if (!posting) return { outcome: 'nothing' };
      const { actions, roles, effects } = this.compile(companyId, posting, state);
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: actions as never, ClientRequestToken: clientRequestToken(companyId, posting, actions) }));
        return { outcome: 'posted', posting };
      } catch (err) {
        if (!(err instanceof TransactionCanceledException)) throw err;
        const reasons = err.CancellationReasons ?? [];
        const failed = (role: Role) => reasons.some((r, i) => roles[i] === role && r.Code === 'ConditionalCheckFailed');
        if (failed('guard')) return { outcome: 'duplicate' };
        if (failed('record')) {
          const which = reasons.flatMap((r, i) => (roles[i] === 'record' && r.Code === 'ConditionalCheckFailed' && effects[i] ? [effects[i]] : []));
          return { outcome: 'record-changed', failed: which };
        }
        const retryable = reasons.every((r, i) =>
          !r.Code || r.Code === 'None' || r.Code === 'TransactionConflict' ||
          (r.Code === 'ConditionalCheckFailed' && (roles[i] === 'account' || roles[i] === 'lot')));
        if (!retryable) throw err;
      }
    }
    count('LedgerBusy');
    throw new UnavailableError('The accounts are busy; retry the request');
  }

  async transfer(companyId: string, transferId: string): Promise<PostedTransfer | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: keys.transfer(companyId, transferId), ConsistentRead: true }));
    return out.Item ? TransferItem.parse(out.Item) : undefined;
  }

  private compile(companyId: string, posting: Posting, state: LedgerState): { actions: Action[]; roles: Role[]; effects: (Effect | undefined)[] } {
    const { transfer, effects } = posting;
    const sum = transfer.legs.reduce((s, l) => s + l.delta, 0);
    if (sum !== 0 || transfer.legs.some((l) => !Number.isSafeInteger(l.delta) || l.delta === 0)) {
      // A transfer may have no legs (an allocation chunk whose recipients all left), never unbalanced ones.
      throw new Error(`Transfer ${transfer.transferId} does not balance`);
    }
    const actions: Action[] = [];
    const roles: Role[] = [];
    const effectOf: (Effect | undefined)[] = [];
    let current: Effect | undefined;
    const add = (role: Role, action: Action) => {
      actions.push(action);
      roles.push(role);
      effectOf.push(current);
    };
    const T = this.table;
    const common = {
      entityType: 'LedgerEntry', transferId: transfer.transferId, kind: transfer.kind, reference: transfer.reference,
      note: transfer.note, at: transfer.at,
    };

    add('guard', {
      Put: {
        TableName: T,
        Item: {
          ...keys.transfer(companyId, transfer.transferId), ...common, entityType: 'Transfer', companyId,
          legs: transfer.legs.map((l) => ({ account: describe(l.account), delta: l.delta })),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    });

    const counters: BudgetCounters = {};
    for (const e of effects) {
      if (e.type === 'budget.count') for (const [k, v] of Object.entries(e.counters)) counters[k as keyof BudgetCounters] = (counters[k as keyof BudgetCounters] ?? 0) + v;
    }
    const counterNames = COUNTERS.filter((c) => counters[c]);
    const budgetIsLeg = transfer.legs.some((l) => l.account.kind === 'budget');

    for (const leg of transfer.legs) {
      const { account, delta } = leg;
      if (isVersioned(account)) {
        const current = state.account(account);
        const balanceAfter = current.balance + delta;
        if (balanceAfter < 0) throw new Error(`${describe(account)} would go below zero; the posting must check it`);
        const version = current.version + 1;
        const withCounters = account.kind === 'budget' ? counterNames : [];
        add('account', {
          Update: {
            TableName: T,
            Key: accountKey(companyId, account),
            UpdateExpression:
              'SET balance = :b, version = :v, entityType = :t, companyId = :c, updatedAt = :at' +
              (account.kind === 'wallet' ? ', employeeId = :e' : '') +
              (withCounters.length ? ' ADD ' + withCounters.map((c) => `${c} :${c}`).join(', ') : ''),
            ConditionExpression: current.version === 0
              ? 'attribute_not_exists(version)'
              : 'version = :seen AND balance >= :debit',
            ExpressionAttributeValues: {
              ':b': balanceAfter, ':v': version, ':t': `${account.kind[0]!.toUpperCase()}${account.kind.slice(1)}Account`,
              ':c': companyId, ':at': transfer.at,
              ...(account.kind === 'wallet' ? { ':e': account.employeeId } : {}),
              ...(current.version === 0 ? {} : { ':seen': current.version, ':debit': Math.max(0, -delta) }),
              ...Object.fromEntries(withCounters.map((c) => [`:${c}`, counters[c]])),
            },
          },
        });
        add('account', {
          Put: {
            TableName: T,
            Item: {
              // Derived, not drawn: a posting rebuilt from the same state is the same request (same token).
              ...entryKey(companyId, account, version), ...common, entryId: deriveId('entry', companyId, transfer.transferId, describe(account)), account: describe(account),
              deltaPoints: delta, balanceAfter,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      } else {
        // By reference (the order): an order and its cancellation meet on the same shard.
        const name = account.kind === 'redeemed' ? redeemedShard(transfer.reference) : 'external';
        // External funding is negative by design; redeemed never is.
        const guarded = account.kind === 'redeemed' && delta < 0;
        add('account', {
          Update: {
            TableName: T,
            Key: keys.systemAccount(companyId, name),
            UpdateExpression: 'SET entityType = :t, companyId = :c, account = :a ADD balance :d',
            ...(guarded ? { ConditionExpression: 'balance >= :debit' } : {}),
            ExpressionAttributeValues: {
              ':t': 'SystemAccount', ':c': companyId, ':a': account.kind, ':d': delta, ...(guarded ? { ':debit': -delta } : {}),
            },
          },
        });
        add('account', {
          Put: {
            TableName: T,
            Item: { ...keys.systemEntry(companyId, name, transfer.transferId), ...common, account: account.kind, deltaPoints: delta },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
      }
    }
    if (counterNames.length && !budgetIsLeg) {
      add('other', {
        Update: {
          TableName: T,
          Key: keys.budget(companyId),
          UpdateExpression: 'SET entityType = :t, companyId = :c ADD ' + counterNames.map((c) => `${c} :${c}`).join(', '),
          ExpressionAttributeValues: {
            ':t': 'BudgetAccount', ':c': companyId, ...Object.fromEntries(counterNames.map((c) => [`:${c}`, counters[c]])),
          },
        },
      });
    }
    for (const effect of effects) {
      current = effect;
      this.compileEffect(companyId, effect, add);
    }
    if (actions.length > MAX_ACTIONS) {
      throw new Error(`Transfer ${transfer.transferId} needs ${actions.length} writes; a transaction holds ${MAX_ACTIONS}`);
    }
    return { actions, roles, effects: effectOf };
  }

  private compileEffect(companyId: string, effect: Effect, add: (role: Role, action: Action) => void) {
    const T = this.table;
    switch (effect.type) {
      case 'budget.count':
        return;
      case 'lot.create': {
        const { lot } = effect;
        add('lot', {
          Put: {
            TableName: T,
            Item: {
              ...keys.lot(companyId, lot.employeeId, lot.expiresAt, lot.lotId),
              ...(lot.expiresAt ? keys.lotExpiry(companyId, lot.employeeId, lot.expiresAt, lot.lotId) : {}),
              entityType: 'Lot', companyId, ...lot, granted: lot.remaining,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
        return;
      }
      case 'lot.take': {
        const { lot, take } = effect;
        const key = keys.lot(companyId, lot.employeeId, lot.expiresAt, lot.lotId);
        // A spent lot leaves the wallet's partition and the expiry index; its history is in the ledger.
        add('lot', take === lot.remaining
          ? { Delete: { TableName: T, Key: key, ConditionExpression: 'remaining = :r', ExpressionAttributeValues: { ':r': lot.remaining } } }
          : {
              Update: {
                TableName: T, Key: key, UpdateExpression: 'SET remaining = :n', ConditionExpression: 'remaining = :r',
                ExpressionAttributeValues: { ':r': lot.remaining, ':n': lot.remaining - take },
              },
            });
        return;
      }
      case 'employee.active':
        add('record', {
          ConditionCheck: {
            TableName: T, Key: keys.employee(companyId, effect.employeeId), ConditionExpression: '#status = :active',
            ExpressionAttributeNames: { '#status': 'status' }, ExpressionAttributeValues: { ':active': 'active' },
          },
        });
        return;
      case 'stock.take':
        add('record', {
          Update: {
            TableName: T, Key: catalogKeys.variant(effect.productId, effect.variantId),
            UpdateExpression: 'SET stock = stock - :q',
            ConditionExpression: 'stock >= :q AND points = :p',
            ExpressionAttributeValues: { ':q': effect.quantity, ':p': effect.expectPoints },
          },
        });
        return;
      case 'stock.return':
        add('record', {
          Update: {
            TableName: T, Key: catalogKeys.variant(effect.productId, effect.variantId),
            UpdateExpression: 'ADD stock :q', ConditionExpression: 'attribute_exists(pk)', ExpressionAttributeValues: { ':q': effect.quantity },
          },
        });
        return;
      case 'code.take':
        add('record', {
          Delete: { TableName: T, Key: { pk: catalogKeys.freeCode(effect.variantId, '').pk, sk: effect.codeKey }, ConditionExpression: 'attribute_exists(pk)' },
        });
        return;
      case 'lot.restore': {
        const { lot, points } = effect;
        const expiry = lot.expiresAt ? keys.lotExpiry(companyId, lot.employeeId, lot.expiresAt, lot.lotId) : undefined;
        add('lot', {
          Update: {
            TableName: T, Key: keys.lot(companyId, lot.employeeId, lot.expiresAt, lot.lotId),
            UpdateExpression: 'SET entityType = :t, companyId = :c, employeeId = :e, lotId = :l, expiresAt = :x, grantedAt = :g, #ref = :r' +
              (expiry ? ', gsi3pk = :g3, gsi3sk = :g3s' : '') + ' ADD remaining :n',
            ExpressionAttributeNames: { '#ref': 'reference' },
            ExpressionAttributeValues: {
              ':t': 'Lot', ':c': companyId, ':e': lot.employeeId, ':l': lot.lotId, ':x': lot.expiresAt, ':g': lot.grantedAt, ':r': lot.reference, ':n': points,
              ...(expiry ? { ':g3': expiry.gsi3pk, ':g3s': expiry.gsi3sk } : {}),
            },
          },
        });
        return;
      }
      case 'record.put': {
        const { record } = effect;
        if (record.entity === 'order') {
          const v = record.value;
          add('record', {
            Put: {
              TableName: T,
              Item: { ...orderKeys.order(companyId, v.orderId), ...orderKeys.indexes(companyId, v.employeeId, v.status, v.orderId, v.createdAt), entityType: 'Order', companyId, ...v },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          });
          return;
        }
        if (record.entity === 'orderLookup') {
          add('record', {
            Put: {
              TableName: T,
              Item: {
                ...orderKeys.lookup(record.orderId), ...orderKeys.placedListing(companyId, record.createdAt, record.orderId),
                entityType: 'OrderLookup', orderId: record.orderId, companyId, createdAt: record.createdAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          });
          return;
        }
        if (record.entity === 'orderCodes') {
          add('record', {
            Put: {
              TableName: T, Item: { ...orderKeys.codes(companyId, record.orderId), entityType: 'OrderCodes', codes: record.codes },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          });
          return;
        }
        const { value } = record;
        add('record', {
          Put: {
            TableName: T,
            Item: {
              ...keys.allocation(companyId, value.allocationId), ...keys.allocationListing(companyId, value.allocationId),
              entityType: 'Allocation', companyId, ...value,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        });
        return;
      }
      case 'record.update': {
        const { record } = effect;
        const names = Object.keys(record.set);
        const set = {
          UpdateExpression: 'SET ' + names.map((n, i) => `#s${i} = :s${i}`).join(', '),
          ExpressionAttributeNames: Object.fromEntries(names.map((n, i) => [`#s${i}`, n])),
          ExpressionAttributeValues: Object.fromEntries(names.map((n, i) => [`:s${i}`, record.set[n]])),
        };
        if (record.entity === 'order') {
          const statuses = record.expectStatus.map((_, i) => `:st${i}`);
          const status = record.set.status as string | undefined;
          add('record', {
            Update: {
              TableName: T, Key: orderKeys.order(companyId, record.orderId),
              ...set,
              UpdateExpression: set.UpdateExpression + (status ? ', gsi2sk = :g2' : ''),
              ConditionExpression: `#status IN (${statuses.join(', ')})`,
              ExpressionAttributeNames: { ...set.ExpressionAttributeNames, '#status': 'status' },
              ExpressionAttributeValues: {
                ...set.ExpressionAttributeValues,
                ...Object.fromEntries(record.expectStatus.map((st, i) => [`:st${i}`, st])),
                ...(status ? { ':g2': orderKeys.statusSort(status, record.orderId) } : {}),
              },
            },
          });
        } else if (record.entity === 'allocation') {
          add('record', {
            Update: {
              TableName: T, Key: keys.allocation(companyId, record.allocationId), ...set,
              ConditionExpression: 'progressVersion = :pv',
              ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ':pv': record.expectProgressVersion },
            },
          });
        } else {
          const statuses = record.expectStatus.map((_, i) => `:st${i}`);
          const expected = Object.entries(record.expect ?? {});
          add('record', {
            Update: {
              TableName: T, Key: keys.topUp(companyId, record.topUpId), ...set,
              ConditionExpression: [`#status IN (${statuses.join(', ')})`, ...expected.map((_, i) => `#x${i} = :x${i}`)].join(' AND '),
              ExpressionAttributeNames: {
                ...set.ExpressionAttributeNames, '#status': 'status', ...Object.fromEntries(expected.map(([n], i) => [`#x${i}`, n])),
              },
              ExpressionAttributeValues: {
                ...set.ExpressionAttributeValues,
                ...Object.fromEntries(record.expectStatus.map((s, i) => [`:st${i}`, s])),
                ...Object.fromEntries(expected.map(([, v], i) => [`:x${i}`, v])),
              },
            },
          });
        }
        return;
      }
    }
  }

  async entries(companyId: string, account: Account, options: ListOptions): Promise<Page<LedgerEntry>> {
    const partition = account.kind === 'budget'
      ? keys.budgetLedgerPartition(companyId)
      : entryKey(companyId, account, 0).pk;
    const prefixed = account.kind !== 'budget';
    const out = await this.db.send(new QueryCommand({
      TableName: this.table,
      KeyConditionExpression: prefixed ? 'pk = :p AND begins_with(sk, :l)' : 'pk = :p',
      ExpressionAttributeValues: { ':p': partition, ...(prefixed ? { ':l': 'LEDGER#' } : {}) },
      ScanIndexForward: false,
      Limit: options.limit,
      ExclusiveStartKey: decodeCursor(options.cursor, {
        attribute: 'pk', value: partition, allowed: ['pk', 'sk'], ...(prefixed ? { sortKey: { attribute: 'sk', prefix: 'LEDGER#' } } : {}),
      }),
    }));
    return {
      items: (out.Items ?? []).map((i) => LedgerEntry.parse({
        entryId: i.entryId, transferId: i.transferId, deltaPoints: i.deltaPoints, balanceAfter: i.balanceAfter,
        kind: i.kind, reference: i.reference, note: i.note ?? null, at: i.at,
      })),
      nextCursor: encodeCursor(out.LastEvaluatedKey),
    };
  }

  async budget(companyId: string) {
    const [budget, system] = await Promise.all([
      this.db.send(new GetCommand({ TableName: this.table, Key: keys.budget(companyId), ConsistentRead: true })),
      this.db.send(new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':p': keys.systemAccountsPartition(companyId), ':r': 'redeemed#' },
        ConsistentRead: true,
      })),
    ]);
    const item = budget.Item ?? {};
    const counters = Object.fromEntries(COUNTERS.map((c) => [c, typeof item[c] === 'number' ? item[c] : 0])) as Required<BudgetCounters>;
    return {
      balance: typeof item.balance === 'number' ? item.balance : 0,
      counters,
      redeemed: (system.Items ?? []).reduce((s, i) => s + (i.balance as number), 0),
    };
  }
}
