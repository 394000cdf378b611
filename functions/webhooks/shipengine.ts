import { fulfilmentDeps, shipEngineKeys } from '../../shared/composition.js';
import { applyCarrierUpdate } from '../../shared/domain/fulfilment/use-cases.js';
import { MalformedRequestError } from '../../shared/domain/errors.js';
import { parseTrackingWebhook } from '../../shared/adapters/shipengine/payloads.js';
import { verifyShipEngineWebhook } from '../../shared/adapters/shipengine/webhook-signature.js';
import { logger } from '../../shared/http/logger.js';
import { fulfilmentRoutes } from '../../shared/http/routes/fulfilment.js';
import { httpHandler } from '../../shared/http/stack.js';
import { verifySignatureLogged } from '../../shared/http/webhook-signature-log.js';

/**
 * Verifies the signature on the raw body first; then applies the update. Replays are harmless:
 * each tracking event is recorded once per shipment (its identity is its content).
 */
export const handler = httpHandler(fulfilmentRoutes.shipEngineWebhook, async ({ rawBody, headers }) => {
  await verifySignatureLogged('shipengine', () => verifyShipEngineWebhook(rawBody, headers, shipEngineKeys()));
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    throw new MalformedRequestError('The body is not JSON');
  }
  const parsed = parseTrackingWebhook(body);
  if ('ignored' in parsed) {
    logger.info('shipengine webhook ignored', { reason: parsed.ignored });
    return { received: true as const, outcome: 'ignored' as const, shipments: 0 };
  }
  const result = await applyCarrierUpdate(fulfilmentDeps(), parsed.update);
  return { received: true as const, outcome: result.applied ? ('applied' as const) : ('unchanged' as const), shipments: result.shipments };
});
