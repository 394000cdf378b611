/**
 * Emails from domain events, through an outbox: each email has an id derived from what it is
 * about, so a redelivered event never sends it twice; a failed send leaves it pending and the
 * queue delivers the event again (the order path never waits on email). A recipient the mail
 * service rejects for good is recorded as rejected and not retried.
 */
import type { AllocationRepository } from '../allocations/ports.js';
import type { CompanyRepository } from '../companies/ports.js';
import type { EmployeeRepository } from '../employees/ports.js';
import type { DomainEvent } from '../events.js';
import { deriveId } from '../ledger/rules.js';
import type { OrderRepository } from '../orders/use-cases.js';
import type { Clock } from '../ports.js';
import { EmailRejectedError, type EmailMessage, type Mailer } from './ports.js';
import { localeFor, renderEmail, type Notification } from './templates.js';

export interface OutboxEntry {
  emailId: string;
  companyId: string;
  kind: Notification['kind'];
  to: string;
}

export interface Outbox {
  /**
   * Takes the email for sending: recorded as pending if new; `false` when it was sent or
   * rejected already, or another worker holds it right now (lease).
   */
  claim(entry: OutboxEntry, now: string, leaseSeconds: number): Promise<boolean>;
  settle(emailId: string, outcome: { status: 'sent' | 'rejected'; at: string } | { status: 'failed'; at: string; error: string }): Promise<void>;
}

export interface NotificationDeps {
  employees: EmployeeRepository;
  companies: CompanyRepository;
  allocations: AllocationRepository;
  orders: OrderRepository;
  outbox: Outbox;
  mailer(): Promise<Mailer>;
  clock: Clock;
  portal: { walletUrl(): string; orderUrl(orderId: string): string; feedbackUrl(orderId: string): string };
}

const LEASE_SECONDS = 60;

type Draft = { emailId: string; companyId: string; employeeId: string; build(name: string): Promise<Notification | undefined> };

function draftOf(deps: NotificationDeps, event: DomainEvent): Draft | undefined {
  switch (event.type) {
    case 'PointsReceived':
      return {
        emailId: deriveId('email', 'points-received', event.companyId, event.entryId), companyId: event.companyId, employeeId: event.employeeId,
        async build(name) {
          const [company, allocation] = await Promise.all([deps.companies.get(event.companyId), deps.allocations.get(event.companyId, event.allocationId)]);
          if (!company || !allocation) return undefined;
          return {
            kind: 'points-received', name, companyName: company.name, points: event.points, reason: allocation.reason,
            message: allocation.message ?? null, expiresAt: allocation.expiresAt ?? null, walletUrl: deps.portal.walletUrl(),
          };
        },
      };
    case 'OrderPlaced':
    case 'OrderShipped':
    case 'OrderDelivered': {
      const kind = event.type === 'OrderPlaced' ? 'order-confirmed' : event.type === 'OrderShipped' ? 'order-shipped' : 'order-delivered';
      return {
        emailId: deriveId('email', kind, event.companyId, event.orderId), companyId: event.companyId, employeeId: event.employeeId,
        async build(name) {
          const order = await deps.orders.get(event.companyId, event.orderId);
          if (!order) return undefined;
          if (kind === 'order-confirmed') {
            return {
              kind, name, orderId: order.orderId, totalPoints: order.totalPoints, orderUrl: deps.portal.orderUrl(order.orderId),
              items: order.items.map((i) => ({ name: i.name, variantName: i.variantName, quantity: i.quantity })),
            };
          }
          if (kind === 'order-shipped') {
            const shipment = order.shipments.find((s) => s.trackingNumber) ?? order.shipments[0];
            if (!shipment?.trackingUrl) return undefined;
            return { kind, name, orderId: order.orderId, carrierCode: shipment.carrierCode, trackingNumber: shipment.trackingNumber, trackingUrl: shipment.trackingUrl };
          }
          return { kind, name, orderId: order.orderId, feedbackUrl: deps.portal.feedbackUrl(order.orderId) };
        },
      };
    }
    case 'PointsExpiring':
      return {
        emailId: deriveId('email', 'points-expiring', event.companyId, event.employeeId, event.day), companyId: event.companyId, employeeId: event.employeeId,
        async build(name) {
          return { kind: 'points-expiring', name, points: event.points, expiresAt: event.expiresAt, walletUrl: deps.portal.walletUrl() };
        },
      };
    default:
      return undefined;
  }
}

/**
 * Sends the email an event calls for, at most once.
 * @throws whatever the mail service threw for a retryable failure (the event is redelivered).
 */
export async function notify(deps: NotificationDeps, event: DomainEvent): Promise<'sent' | 'skipped' | 'rejected'> {
  const draft = draftOf(deps, event);
  if (!draft) return 'skipped';
  const employee = await deps.employees.get(draft.companyId, draft.employeeId);
  if (!employee || employee.status !== 'active') return 'skipped';
  const notification = await draft.build(employee.name);
  if (!notification) return 'skipped';
  const now = deps.clock.now().toISOString();
  const claimed = await deps.outbox.claim({ emailId: draft.emailId, companyId: draft.companyId, kind: notification.kind, to: employee.email }, now, LEASE_SECONDS);
  if (!claimed) return 'skipped';
  const locale = localeFor(employee.country);
  const message: EmailMessage = { id: draft.emailId, to: employee.email, locale, kind: notification.kind, ...renderEmail(notification, locale) };
  try {
    await (await deps.mailer()).send(message);
  } catch (err) {
    const at = deps.clock.now().toISOString();
    if (err instanceof EmailRejectedError) {
      await deps.outbox.settle(draft.emailId, { status: 'rejected', at });
      return 'rejected';
    }
    await deps.outbox.settle(draft.emailId, { status: 'failed', at, error: String((err as Error).message).slice(0, 500) });
    throw err;
  }
  await deps.outbox.settle(draft.emailId, { status: 'sent', at: deps.clock.now().toISOString() });
  return 'sent';
}
