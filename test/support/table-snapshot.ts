/**
 * A fingerprint of every table of the local platform (item count + a hash of the items in a
 * canonical form): equal fingerprints before and after a batch of requests prove the batch
 * wrote nothing. Scans are fine here: tests, not a request path.
 */
import { createHash } from 'node:crypto';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { LocalPlatform } from '../../local/platform.js';

export interface TableSnapshot {
  counts: Record<string, number>;
  hash: string;
}

/** JSON with object keys sorted, so the same items always hash the same. */
function canonical(value: unknown): string {
  if (value instanceof Set) return canonical([...value].map((v) => canonical(v)).sort());
  if (value instanceof Uint8Array) return JSON.stringify(Buffer.from(value).toString('base64'));
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

export async function snapshotTables(platform: Pick<LocalPlatform, 'engine' | 'tables'>): Promise<TableSnapshot> {
  const db = platform.engine.documentClient();
  const counts: Record<string, number> = {};
  const hash = createHash('sha256');
  for (const [id, name] of Object.entries(platform.tables).sort()) {
    const items: string[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await db.send(new ScanCommand({ TableName: name, ConsistentRead: true, ExclusiveStartKey }));
      for (const item of page.Items ?? []) items.push(canonical(item));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    items.sort();
    counts[id] = items.length;
    hash.update(`${id}\n${items.join('\n')}\n`);
  }
  return { counts, hash: hash.digest('hex') };
}
