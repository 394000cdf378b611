/**
 * The one log line a refused webhook signature writes. Its `event` field is stable: the CDK
 * app counts these lines with a CloudWatch Logs metric filter (infra/constructs/operations.ts)
 * and alarms on a burst of them (a rotated secret not yet pasted, or someone probing the
 * endpoint: docs/runbook.md). Change the field only together with that filter.
 */
import { InvalidSignatureError } from '../domain/errors.js';
import { logger } from './logger.js';

export const SIGNATURE_REJECTED_EVENT = 'webhook.signature_rejected';
export const WEBHOOK_PROVIDERS = ['stripe', 'shipengine'] as const;
export type WebhookProvider = (typeof WEBHOOK_PROVIDERS)[number];

/** Runs a webhook's signature check; a refusal is logged once, then rethrown (→ 400 invalid-signature). */
export async function verifySignatureLogged<T>(provider: WebhookProvider, verify: () => T | Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (err) {
    if (err instanceof InvalidSignatureError) {
      logger.warn('webhook signature rejected', { event: SIGNATURE_REJECTED_EVENT, provider, reason: err.message });
    }
    throw err;
  }
}
