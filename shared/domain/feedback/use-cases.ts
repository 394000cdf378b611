/**
 * Feedback on orders: an employee rates an order of their own once it is delivered, once per
 * order. "Once" and "delivered" hold in the database, not in a read: the feedback is put on
 * condition that none exists, in one transaction with a check that the order is still the
 * employee's and delivered.
 */
import { ConflictError, InvalidStateError, NotFoundError } from '../errors.js';
import type { OrderRepository } from '../orders/use-cases.js';
import type { Clock } from '../ports.js';
import type { Feedback, FeedbackBody } from './schemas.js';

export interface StoredFeedback extends Feedback {
  employeeId: string;
}

export interface FeedbackRepository {
  /**
   * Records the feedback unless the order already has some ('exists') or is no longer the
   * employee's delivered order ('not-delivered'); nothing is written in either case.
   */
  create(companyId: string, feedback: StoredFeedback): Promise<'created' | 'exists' | 'not-delivered'>;
  /** Scores of the feedback given in [from, to) (ISO timestamps). */
  scoresBetween(companyId: string, from: string, to: string): Promise<number[]>;
}

export interface FeedbackDeps {
  feedback: FeedbackRepository;
  orders: OrderRepository;
  clock: Clock;
}

/**
 * Records an employee's feedback on one of their orders.
 *   1. reads the order: another employee's or company's is reported as missing;
 *   2. refuses an order not delivered yet;
 *   3. puts the feedback on condition that the order has none and is still delivered.
 * @throws NotFoundError for an unknown order, or one of another employee or company.
 * @throws InvalidStateError while the order is not delivered.
 * @throws ConflictError when the order already has feedback.
 */
export async function giveFeedback(
  deps: FeedbackDeps,
  caller: { companyId: string; employeeId: string },
  orderId: string,
  body: FeedbackBody,
): Promise<Feedback> {
  const order = await deps.orders.get(caller.companyId, orderId);
  if (!order || order.employeeId !== caller.employeeId) throw new NotFoundError('order');
  if (order.status !== 'delivered') throw new InvalidStateError(`The order is ${order.status}; feedback opens once it is delivered`);
  const feedback: StoredFeedback = {
    orderId, employeeId: caller.employeeId, score: body.score, comment: body.comment ?? null, createdAt: deps.clock.now().toISOString(),
  };
  const outcome = await deps.feedback.create(caller.companyId, feedback);
  if (outcome === 'exists') throw new ConflictError('This order already has feedback; it is given once');
  if (outcome === 'not-delivered') throw new InvalidStateError('The order is no longer delivered');
  const { employeeId: _e, ...view } = feedback;
  return view;
}
