/**
 * Order placement through the whole HTTP stack (auth, validation, idempotency, use case,
 * ledger) versus the bare engine running an equivalent TransactWriteItems per order, in one
 * run, with the same number in flight. Counts DynamoDB requests per order with an SDK
 * middleware on the client every adapter (and Powertools) shares.
 *
 * Two more bare figures keep the comparison honest: the transaction an order really sends
 * (its items are larger than the bare one's and carry index keys), replayed per order, and an
 * order's two requests (its Query, then that transaction) back to back, which bounds the
 * ratio any path making those two requests can reach.
 */
import { PutCommand, QueryCommand, TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalPlatform } from '../local/platform.js';
import { documentClient, dynamoClient } from '../shared/adapters/dynamodb/client.js';
import { deps } from '../shared/composition.js';
import { allocatePoints } from '../shared/domain/allocations/use-cases.js';
import { recordCredit } from '../shared/domain/budget/use-cases.js';
import { REDEEMED_SHARDS } from '../shared/adapters/dynamodb/ledger-store.js';
import { measure, printRatio, printTable, type Figure } from './harness.js';

export interface OrdersBench {
  health: Figure;
  http: Figure;
  bare: Figure;
  /** The transaction an order actually sends (its items, sizes and index keys), replayed per order on the bare engine. */
  bareOrder: Figure;
  /** An order's two engine requests back to back (its Query, then its own transaction), bare. */
  bareTwo: Figure;
  requestsPerOrder: number;
  byCommand: Record<string, number>;
}

export async function benchOrders(options: { engineProcess?: boolean } = {}, orders = 400, inFlight = 8): Promise<OrdersBench> {
  const dir = mkdtempSync(join(tmpdir(), 'gifting-bench-orders-'));
  process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
  const platform = await startLocalPlatform({ dataDir: dir, inMemory: true, stage: 'test', streams: false, engineProcess: options.engineProcess ?? false });
  try {
    const d = deps();
    const at = new Date().toISOString();
    const companyId = 'bench-orders';
    await d.companies.create({ companyId, name: 'Bench AG', country: 'DE', currency: 'EUR', pointPrice: { amountMinor: 1, currency: 'EUR' }, createdAt: at });
    await d.partners.create({ partnerId: 'bench-partner', name: 'Bench Logistics', countries: ['DE'], createdAt: at });
    const product = await d.products.create({
      productId: 'bench-product', name: 'Mug', description: 'A mug', category: 'kitchen', brand: null, images: [], kind: 'physical',
      partnerId: 'bench-partner', shipsTo: ['DE'], active: true, createdAt: at, updatedAt: at,
      variants: [{ variantId: 'bench-variant', sku: 'MUG', name: 'White', points: 10, stock: 1_000_000 }],
    }).then(() => ({ productId: 'bench-product', variantId: 'bench-variant' }));
    await recordCredit(d, companyId, { sub: 'bench', idempotencyKey: 'fund' }, { points: orders * 100, reference: 'bench' });
    const employees: { employeeId: string; token: string }[] = [];
    for (let i = 0; i < orders; i++) {
      const employeeId = `B${String(i).padStart(6, '0')}`;
      await d.employees.create(companyId, {
        employeeId, email: `${employeeId.toLowerCase()}@bench.example`, name: `Buyer ${i}`, country: 'DE', department: null,
        hireDate: null, birthDate: null, status: 'active', createdAt: at, updatedAt: at,
      });
      employees.push({ employeeId, token: await platform.issuer.sign({ role: 'employee', sub: `buyer-${i}`, companyId, employeeId }) });
    }
    for (let i = 0; i < employees.length; i += 30) {
      await allocatePoints(d, companyId, { sub: 'bench', idempotencyKey: `points-${i}` }, {
        points: 50, reason: 'Bench', recipients: { employeeIds: employees.slice(i, i + 30).map((e) => e.employeeId) },
      });
    }

    // The floor of the local HTTP path (client, server, adapter, middy) without DynamoDB.
    const health = await measure('GET /v1/health (HTTP floor)', 'requests/s', orders, inFlight, async () => {
      const res = await fetch(`${platform.url}/v1/health`);
      await res.text();
    });
    // The first employee's items as the order will find them, to clone for the replay below.
    const T = platform.tables.Main!;
    const db = documentClient();
    const templateEmployee = employees[0]!.employeeId;
    const templateItems = (await db.send(new QueryCommand({
      TableName: T, KeyConditionExpression: 'pk = :p', ExpressionAttributeValues: { ':p': `C#${companyId}#E#${templateEmployee}` }, ConsistentRead: true,
    }))).Items ?? [];
    let template: TransactWriteCommandInput | undefined;
    const byCommand: Record<string, number> = {};
    const counter = { step: 'initialize' as const, name: 'benchOrderCounter' };
    dynamoClient().middlewareStack.add((next, context) => async (args) => {
      byCommand[context.commandName ?? '?'] = (byCommand[context.commandName ?? '?'] ?? 0) + 1;
      if (!template && context.commandName === 'TransactWriteItemsCommand' && JSON.stringify(args.input).includes(`#E#${templateEmployee}"`)) {
        template = structuredClone(args.input) as TransactWriteCommandInput;
      }
      return next(args);
    }, counter);
    const http = await measure('POST /v1/orders (HTTP stack)', 'orders/s', orders, inFlight, async (i) => {
      const res = await fetch(`${platform.url}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${employees[i]!.token}`, 'content-type': 'application/json', 'idempotency-key': `bench-${i}` },
        body: JSON.stringify({
          items: [{ ...product, quantity: 1 }],
          shippingAddress: { name: `Buyer ${i}`, line1: 'Hauptstraße 1', city: 'Berlin', postalCode: '10115', country: 'DE' },
        }),
      });
      if (res.status !== 201) throw new Error(`order ${i}: ${res.status} ${await res.text()}`);
    });
    dynamoClient().middlewareStack.remove(counter.name);
    const requests = Object.values(byCommand).reduce((s, n) => s + n, 0);

    // The bare engine: the same transaction per order (guard, wallet + entry, redeemed + entry, lot,
    // stock, employee check, order, lookup: 10 actions), conditions included, nothing else.
    for (let i = 0; i < orders; i++) {
      await db.send(new PutCommand({ TableName: T, Item: { pk: `BARE#${i}`, sk: 'WALLET', balance: 50, version: 1 } }));
      await db.send(new PutCommand({ TableName: T, Item: { pk: `BARE#${i}`, sk: 'LOT#1', remaining: 50 } }));
      await db.send(new PutCommand({ TableName: T, Item: { pk: `BARE#${i}`, sk: 'PROFILE', status: 'active' } }));
    }
    await db.send(new PutCommand({ TableName: T, Item: { pk: 'BARE#PRODUCT', sk: 'VARIANT', stock: 1_000_000, points: 10 } }));
    const bare = await measure('same TransactWriteItems, bare engine', 'orders/s', orders, inFlight, async (i) => {
      await db.send(new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: T, Item: { pk: `BARE#T#${i}`, sk: 'TRANSFER' }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: T, Key: { pk: `BARE#${i}`, sk: 'WALLET' }, UpdateExpression: 'SET balance = :b, version = :v', ConditionExpression: 'version = :seen AND balance >= :d', ExpressionAttributeValues: { ':b': 40, ':v': 2, ':seen': 1, ':d': 10 } } },
          { Put: { TableName: T, Item: { pk: `BARE#${i}`, sk: 'LEDGER#2', deltaPoints: -10 }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: T, Key: { pk: 'BARE#ACCOUNTS', sk: `redeemed#${i % 8}` }, UpdateExpression: 'ADD balance :d', ExpressionAttributeValues: { ':d': 10 } } },
          { Put: { TableName: T, Item: { pk: `BARE#ACCOUNTS#${i % 8}`, sk: `T#${i}`, deltaPoints: 10 }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Update: { TableName: T, Key: { pk: `BARE#${i}`, sk: 'LOT#1' }, UpdateExpression: 'SET remaining = :n', ConditionExpression: 'remaining = :r', ExpressionAttributeValues: { ':n': 40, ':r': 50 } } },
          { Update: { TableName: T, Key: { pk: 'BARE#PRODUCT', sk: 'VARIANT' }, UpdateExpression: 'SET stock = stock - :q', ConditionExpression: 'stock >= :q AND points = :p', ExpressionAttributeValues: { ':q': 1, ':p': 10 } } },
          { ConditionCheck: { TableName: T, Key: { pk: `BARE#${i}`, sk: 'PROFILE' }, ConditionExpression: '#s = :active', ExpressionAttributeNames: { '#s': 'status' }, ExpressionAttributeValues: { ':active': 'active' } } },
          { Put: { TableName: T, Item: { pk: `BARE#O#${i}`, sk: 'ORDER', status: 'placed' }, ConditionExpression: 'attribute_not_exists(pk)' } },
          { Put: { TableName: T, Item: { pk: `BARE#LOOKUP#${i}`, sk: 'LOOKUP', companyId: 'bare' }, ConditionExpression: 'attribute_not_exists(pk)' } },
        ],
      }));
    });

    // The bare engine again, with the very transaction order 0 sent through the HTTP stack
    // (same actions, conditions, item sizes and index keys), for a fresh employee per order whose
    // wallet, lot and profile are clones of what order 0 found, on the same stock item.
    if (!template) throw new Error('no TransactWriteItems of the first order was seen');
    const text = JSON.stringify(template);
    const orderId = /"order:([0-9A-Z]+)"/.exec(text)![1]!;
    const shard = /redeemed#(\d+)"/.exec(text)![1]!;
    const replay = (i: number) => {
      const employeeId = `R${String(i).padStart(6, '0')}`;
      return (s: string) => s
        .replaceAll(templateEmployee, employeeId)
        .replaceAll(orderId, `${orderId.slice(0, 19)}${employeeId}`)
        .replace(new RegExp(`redeemed#${shard}(?!\\d)`, 'g'), `redeemed#${i % REDEEMED_SHARDS}`);
    };
    for (let i = 0; i < 2 * orders; i++) {
      for (const item of templateItems) await db.send(new PutCommand({ TableName: T, Item: JSON.parse(replay(i)(JSON.stringify(item))) }));
    }
    const inputs = Array.from({ length: 2 * orders }, (_, i) => JSON.parse(replay(i)(text)) as TransactWriteCommandInput);
    const bareOrder = await measure('the order\'s own TransactWriteItems, bare engine', 'orders/s', orders, inFlight, async (i) => {
      await db.send(new TransactWriteCommand(inputs[i]!));
    });
    // What any order path with these two requests costs the engine and the SDK, nothing else.
    const bareTwo = await measure('its Query + its own TransactWriteItems, bare', 'orders/s', orders, inFlight, async (i) => {
      const employeeId = `R${String(orders + i).padStart(6, '0')}`;
      await db.send(new QueryCommand({
        TableName: T, KeyConditionExpression: 'pk = :p AND sk BETWEEN :lot AND :wallet', ConsistentRead: true,
        ExpressionAttributeValues: { ':p': `C#${companyId}#E#${employeeId}`, ':lot': 'LOT#', ':wallet': 'WALLET' },
      }));
      await db.send(new TransactWriteCommand(inputs[orders + i]!));
    });
    return { health, http, bare, bareOrder, bareTwo, requestsPerOrder: requests / orders, byCommand };
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printOrdersBench(r: OrdersBench, where: string): void {
  printTable(`Order placement (in memory, 8 in flight; ${where})`, [r.health, r.http, r.bare, r.bareOrder, r.bareTwo]);
  printRatio('HTTP stack / bare engine (target ≥ 0.7)', r.http, r.bare);
  printRatio('HTTP stack / the order\'s own transaction on the bare engine', r.http, r.bareOrder);
  printRatio('its Query + its transaction, bare / same TransactWriteItems, bare (the ceiling of two requests)', r.bareTwo, r.bare);
  console.log(`  DynamoDB requests per order through the HTTP stack: ${r.requestsPerOrder.toFixed(2)} (target ≤ 3): ${Object.entries(r.byCommand).map(([k, v]) => `${k.replace('Command', '')} ${v}`).join(', ')}`);
}
