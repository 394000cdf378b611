/**
 * The conservation check every integration suite ends with: it reads the whole table with a
 * Scan (fine in tests, never on a request path) and checks the ledger's invariants for every
 * company, independently of the code that wrote it:
 *
 *   - each transfer's legs sum to zero, and every account's balance equals the sum of its
 *     entries; budget, wallet and reservation entries have consecutive versions whose
 *     balanceAfter is the running sum; no balance but external funding is negative;
 *   - funded − refunded = budget + wallets + redeemed + reservations (all balances sum to zero);
 *   - each wallet's balance equals the points left in its lots.
 */
import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface CompanyTotals {
  companyId: string;
  funded: number;
  budget: number;
  wallets: number;
  redeemed: number;
  reservations: number;
  transfers: number;
}

type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- raw items of any entity

async function scanAll(db: DynamoDBDocumentClient, table: string): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(out.Items ?? []));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Throws with every violation found; returns the totals per company. */
export async function checkConservation(db: DynamoDBDocumentClient, table: string): Promise<CompanyTotals[]> {
  const items = await scanAll(db, table);
  const problems: string[] = [];
  const accounts = new Map<string, { item: Item; entries: Item[]; companyId: string; kind: string }>();
  const accountId = (pk: string, name: string) => `${pk}|${name}`;

  for (const item of items) {
    const kind = item.entityType as string;
    if (kind === 'BudgetAccount' || kind === 'WalletAccount' || kind === 'ReservationAccount') {
      const name = kind === 'BudgetAccount' ? 'budget' : kind === 'WalletAccount' ? `wallet` : 'reservation';
      const pk = kind === 'BudgetAccount' ? `${item.pk}#LEDGER` : item.pk;
      accounts.set(accountId(pk, name), { item, entries: [], companyId: item.companyId, kind: name });
    } else if (kind === 'SystemAccount') {
      accounts.set(accountId(`${item.pk}#${item.sk}`, item.account), { item, entries: [], companyId: item.companyId, kind: item.account });
    }
  }
  for (const item of items) {
    if (item.entityType !== 'LedgerEntry') continue;
    const pk = item.pk as string;
    const name = item.account.startsWith('wallet') ? 'wallet' : item.account.startsWith('reservation') ? 'reservation' : item.account;
    const account = accounts.get(accountId(pk, name));
    if (!account) problems.push(`entry ${pk} ${item.sk} (${item.account}) has no account`);
    else account.entries.push(item);
  }

  const totals = new Map<string, CompanyTotals>();
  const totalsOf = (companyId: string) => {
    let t = totals.get(companyId);
    if (!t) totals.set(companyId, (t = { companyId, funded: 0, budget: 0, wallets: 0, redeemed: 0, reservations: 0, transfers: 0 }));
    return t;
  };
  for (const [id, { item, entries, companyId, kind }] of accounts) {
    const balance = (item.balance as number | undefined) ?? 0;
    const sum = entries.reduce((s, e) => s + (e.deltaPoints as number), 0);
    if (sum !== balance) problems.push(`${id}: balance ${balance} but entries sum to ${sum}`);
    if (kind !== 'external' && balance < 0) problems.push(`${id}: negative balance ${balance}`);
    if (kind === 'budget' || kind === 'wallet' || kind === 'reservation') {
      const ordered = [...entries].sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
      if ((item.version ?? 0) !== ordered.length) problems.push(`${id}: version ${item.version} but ${ordered.length} entries`);
      let running = 0;
      ordered.forEach((e, i) => {
        running += e.deltaPoints as number;
        if (e.balanceAfter !== running) problems.push(`${id}: entry ${i + 1} says balanceAfter ${e.balanceAfter}, running sum is ${running}`);
        if (!String(e.sk).endsWith(String(i + 1).padStart(12, '0'))) problems.push(`${id}: entry ${e.sk} is not version ${i + 1}`);
      });
    }
    const t = totalsOf(companyId);
    if (kind === 'external') t.funded -= balance;
    else if (kind === 'budget') t.budget += balance;
    else if (kind === 'wallet') t.wallets += balance;
    else if (kind === 'redeemed') t.redeemed += balance;
    else if (kind === 'reservation') t.reservations += balance;
  }

  const lotsByWallet = new Map<string, number>();
  for (const item of items) {
    if (item.entityType !== 'Lot') continue;
    if ((item.remaining as number) < 0) problems.push(`lot ${item.pk} ${item.sk} is negative`);
    lotsByWallet.set(item.pk, (lotsByWallet.get(item.pk) ?? 0) + (item.remaining as number));
  }
  for (const [, { item, kind }] of accounts) {
    if (kind !== 'wallet') continue;
    const lots = lotsByWallet.get(item.pk) ?? 0;
    if (lots !== item.balance) problems.push(`wallet ${item.pk}: balance ${item.balance} but its lots hold ${lots}`);
  }

  const entriesByTransfer = new Map<string, number>();
  for (const item of items) {
    if (item.entityType === 'LedgerEntry') {
      const key = `${String(item.pk).split('#')[1]}|${item.transferId}`;
      entriesByTransfer.set(key, (entriesByTransfer.get(key) ?? 0) + 1);
    }
  }
  for (const item of items) {
    if (item.entityType !== 'Transfer') continue;
    const legs = item.legs as { delta: number }[];
    const sum = legs.reduce((s, l) => s + l.delta, 0);
    if (sum !== 0) problems.push(`transfer ${item.transferId} legs sum to ${sum}`);
    const entries = entriesByTransfer.get(`${item.companyId}|${item.transferId}`) ?? 0;
    if (entries !== legs.length) problems.push(`transfer ${item.transferId} has ${legs.length} legs but ${entries} entries`);
    totalsOf(item.companyId).transfers++;
  }

  for (const t of totals.values()) {
    const held = t.budget + t.wallets + t.redeemed + t.reservations;
    if (t.funded !== held) {
      problems.push(`company ${t.companyId}: funded ${t.funded} ≠ budget ${t.budget} + wallets ${t.wallets} + redeemed ${t.redeemed} + reservations ${t.reservations}`);
    }
  }
  if (problems.length) throw new Error(`The ledger is not conserved:\n  ${problems.slice(0, 50).join('\n  ')}`);
  return [...totals.values()];
}
