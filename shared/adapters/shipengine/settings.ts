/**
 * ShipEngine's API key: from Secrets Manager in AWS (re-read after five minutes, so a new key
 * is picked up without a deploy), from the environment locally. No key: carrier tracking is off
 * and tracking comes from partners only (API.md, Local runtime).
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { config } from '../../config.js';

const ShipEngineSecret = z.object({ apiKey: z.string().min(1).optional() });
const REFRESH_MS = 5 * 60 * 1000;

export interface ShipEngineSettings {
  apiKey: string;
  apiUrl: string | undefined;
}

let cached: { settings: ShipEngineSettings | undefined; at: number } | undefined;
let client: SecretsManagerClient | undefined;

export async function shipEngineSettings(): Promise<ShipEngineSettings | undefined> {
  if (cached && Date.now() - cached.at < REFRESH_MS) return cached.settings;
  const c = config();
  let apiKey = c.SHIPENGINE_API_KEY;
  if (!apiKey && c.SHIPENGINE_SECRET_ARN) {
    client ??= new SecretsManagerClient({});
    const out = await client.send(new GetSecretValueCommand({ SecretId: c.SHIPENGINE_SECRET_ARN }));
    apiKey = ShipEngineSecret.parse(JSON.parse(out.SecretString ?? '{}')).apiKey;
  }
  const settings = apiKey ? { apiKey, apiUrl: c.SHIPENGINE_API_URL } : undefined;
  cached = { settings, at: Date.now() };
  return settings;
}

export function resetShipEngineSettings(): void {
  cached = undefined;
}
