import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jwksKeySource, verifyShipEngineWebhook } from '../../../shared/adapters/shipengine/webhook-signature.js';
import { InvalidSignatureError } from '../../../shared/domain/errors.js';

// A locally generated key pair stands in for ShipEngine's published key set.
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const jwks = { keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'key-1', use: 'sig', alg: 'RS256' }] };
const body = JSON.stringify({ resource_type: 'API_TRACK', data: { tracking_number: '1Z999', status_code: 'DE' } });
const now = Date.parse('2026-11-26T10:00:00.000Z');

function headersFor(raw: string, options: { timestamp?: string; kid?: string; key?: typeof privateKey } = {}) {
  const timestamp = options.timestamp ?? new Date(now).toISOString();
  const signature = sign('RSA-SHA256', Buffer.from(`${timestamp}.${raw}`), options.key ?? privateKey).toString('base64');
  return { 'x-shipengine-rsa-sha256-key-id': options.kid ?? 'key-1', 'x-shipengine-rsa-sha256-signature': signature, 'x-shipengine-timestamp': timestamp };
}

describe('ShipEngine webhook signatures', () => {
  const keys = jwksKeySource('https://keys.test/jwks', async () => jwks);

  it('accepts a body signed with the published key, with an ISO or Unix timestamp', async () => {
    await expect(verifyShipEngineWebhook(body, headersFor(body), keys, now)).resolves.toBeUndefined();
    await expect(verifyShipEngineWebhook(body, headersFor(body, { timestamp: String(now / 1000) }), keys, now)).resolves.toBeUndefined();
  });

  it('refuses a tampered body, another key, an unknown key id, missing headers and a stale timestamp', async () => {
    const cases = [
      verifyShipEngineWebhook(body.replace('DE', 'EX'), headersFor(body), keys, now),
      verifyShipEngineWebhook(body, headersFor(body, { key: other.privateKey }), keys, now),
      verifyShipEngineWebhook(body, headersFor(body, { kid: 'key-2' }), keys, now),
      verifyShipEngineWebhook(body, { 'x-shipengine-timestamp': new Date(now).toISOString() }, keys, now),
      verifyShipEngineWebhook(body, headersFor(body, { timestamp: new Date(now - 301_000).toISOString() }), keys, now),
      verifyShipEngineWebhook(body, headersFor(body, { timestamp: new Date(now + 301_000).toISOString() }), keys, now),
      verifyShipEngineWebhook(body, headersFor(body, { timestamp: 'yesterday' }), keys, now),
    ];
    for (const attempt of cases) await expect(attempt).rejects.toBeInstanceOf(InvalidSignatureError);
  });

  it('caches the key set, and fetches it again for an unknown key id at most once a minute', async () => {
    let fetches = 0;
    let clock = 0;
    const source = jwksKeySource('https://keys.test/jwks', async () => (fetches++, jwks), () => clock);
    await source.key('key-1');
    await source.key('key-1');
    await source.key('nope');
    clock = 61_000;
    await source.key('nope');
    expect(fetches).toBe(2);
  });
});
