/**
 * Verification of ShipEngine webhooks (docs/research/shipengine.md, §2): RSA-SHA256 over
 * `${x-shipengine-timestamp}.${raw body}`, base64 in `x-shipengine-rsa-sha256-signature`, with
 * the key named by `x-shipengine-rsa-sha256-key-id` from ShipEngine's published key set
 * (cached; fetched again for an unknown key id, at most once a minute). Anything missing,
 * unknown, stale (over 5 minutes either way) or not verifying is refused.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import * as z from 'zod';
import { InvalidSignatureError, UnavailableError } from '../../domain/errors.js';

export const SHIPENGINE_JWKS_URL = 'https://api.shipengine.com/jwks';
export const TIMESTAMP_TOLERANCE_MS = 5 * 60 * 1000;
const REFRESH_MS = 10 * 60 * 1000;
const MIN_REFETCH_MS = 60 * 1000;

const Jwks = z.object({ keys: z.array(z.looseObject({ kid: z.string().optional(), kty: z.string() })) });

export interface KeySource {
  key(kid: string): Promise<KeyObject | undefined>;
}

/** ShipEngine's key set over HTTP (or any fetch-compatible source, e.g. a test's). */
export function jwksKeySource(url: string, fetchJson: (url: string) => Promise<unknown> = async (u) => (await fetch(u)).json(), now = () => Date.now()): KeySource {
  let keys = new Map<string, KeyObject>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  const load = async () => {
    let set: z.infer<typeof Jwks>;
    try {
      set = Jwks.parse(await fetchJson(url));
    } catch (err) {
      // ShipEngine retries a webhook answered with 5xx: better than refusing a genuine one.
      throw new UnavailableError('The webhook key set cannot be read right now', { cause: err });
    }
    keys = new Map(set.keys.filter((k) => k.kid && k.kty === 'RSA').map((k) => [k.kid!, createPublicKey({ key: k as never, format: 'jwk' })]));
    fetchedAt = now();
  };
  return {
    async key(kid) {
      const stale = now() - fetchedAt > REFRESH_MS;
      const unknownButMayRefetch = !keys.has(kid) && now() - fetchedAt > MIN_REFETCH_MS;
      if (stale || unknownButMayRefetch) await load();
      return keys.get(kid);
    },
  };
}

/** Parses the timestamp header: ISO 8601, or Unix seconds or milliseconds. */
function timestampMs(value: string): number | undefined {
  if (/^\d+$/.test(value)) return value.length > 11 ? Number(value) : Number(value) * 1000;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : parsed;
}

/**
 * @throws InvalidSignatureError for missing headers, an unknown key, a stale timestamp or a
 * signature that does not verify for this body.
 */
export async function verifyShipEngineWebhook(
  rawBody: string,
  headers: Record<string, string | undefined>,
  keys: KeySource,
  now = Date.now(),
): Promise<void> {
  const kid = headers['x-shipengine-rsa-sha256-key-id'];
  const signature = headers['x-shipengine-rsa-sha256-signature'];
  const timestamp = headers['x-shipengine-timestamp'];
  if (!kid || !signature || !timestamp) throw new InvalidSignatureError('The ShipEngine signature headers are missing');
  const at = timestampMs(timestamp);
  if (at === undefined || Math.abs(now - at) > TIMESTAMP_TOLERANCE_MS) {
    throw new InvalidSignatureError('The ShipEngine timestamp is missing or outside the 5-minute tolerance');
  }
  const key = await keys.key(kid);
  if (!key) throw new InvalidSignatureError(`ShipEngine's key set has no key ${kid}`);
  const ok = verify('RSA-SHA256', Buffer.from(`${timestamp}.${rawBody}`, 'utf8'), key, Buffer.from(signature, 'base64'));
  if (!ok) throw new InvalidSignatureError('The ShipEngine signature does not verify for this body');
}
