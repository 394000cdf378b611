/**
 * Stripe's keys: from Secrets Manager in AWS (read once per execution environment, refreshed
 * after five minutes so a rotated webhook secret is picked up), from the environment locally.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod';
import { config } from '../../config.js';

const StripeSecret = z.object({ secretKey: z.string().min(1), webhookSecret: z.string().min(1).optional() });
const REFRESH_MS = 5 * 60 * 1000;

export interface StripeKeys {
  secretKey: string;
  webhookSecret: string | undefined;
  apiUrl: string | undefined;
}

let cached: { keys: StripeKeys; at: number } | undefined;
let client: SecretsManagerClient | undefined;

export async function stripeKeys(): Promise<StripeKeys> {
  if (cached && Date.now() - cached.at < REFRESH_MS) return cached.keys;
  const c = config();
  let keys: StripeKeys;
  if (c.STRIPE_SECRET_ARN) {
    client ??= new SecretsManagerClient({});
    const out = await client.send(new GetSecretValueCommand({ SecretId: c.STRIPE_SECRET_ARN }));
    const secret = StripeSecret.parse(JSON.parse(out.SecretString ?? '{}'));
    keys = { secretKey: secret.secretKey, webhookSecret: secret.webhookSecret, apiUrl: undefined };
  } else {
    if (!c.STRIPE_SECRET_KEY) throw new Error('Neither STRIPE_SECRET_ARN nor STRIPE_SECRET_KEY is set');
    keys = { secretKey: c.STRIPE_SECRET_KEY, webhookSecret: c.STRIPE_WEBHOOK_SECRET, apiUrl: c.STRIPE_API_URL };
  }
  cached = { keys, at: Date.now() };
  return keys;
}

/** The local runtime and tests re-read the keys after changing the environment. */
export function resetStripeKeys(): void {
  cached = undefined;
}
