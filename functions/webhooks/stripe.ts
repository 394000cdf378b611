import { paymentDeps } from '../../shared/composition.js';
import { handlePaymentEvent } from '../../shared/domain/budget/top-ups.js';
import { logger } from '../../shared/http/logger.js';
import { budgetRoutes } from '../../shared/http/routes/budget.js';
import { httpHandler } from '../../shared/http/stack.js';
import { verifySignatureLogged } from '../../shared/http/webhook-signature-log.js';

/** Verifies the signature on the raw body before anything else, then applies the event once. */
export const handler = httpHandler(budgetRoutes.stripeWebhook, async ({ rawBody, headers }) => {
  const d = await paymentDeps();
  const event = await verifySignatureLogged('stripe', () => d.verifyPaymentEvent(rawBody, headers['stripe-signature']));
  const outcome = await handlePaymentEvent(d, 'stripe', event);
  logger.info('stripe event', { eventId: event.eventId, type: event.type, outcome });
  return { received: true as const, outcome };
});
