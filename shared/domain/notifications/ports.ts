/** Notifications: the emails employees get about their points and orders. */
import { DomainError } from '../errors.js';

export type Locale = 'en' | 'tr' | 'fa';
export const LOCALES: readonly Locale[] = ['en', 'tr', 'fa'];

export type NotificationKind = 'points-received' | 'order-confirmed' | 'order-shipped' | 'order-delivered' | 'points-expiring';

export interface EmailMessage {
  /** Stable, derived by the caller (the outbox id): a retried send carries the same id. */
  id: string;
  to: string;
  locale: Locale;
  kind: NotificationKind;
  subject: string;
  html: string;
  text: string;
}

/**
 * Port: sends one email; throws when it could not (the caller retries).
 * @throws EmailRejectedError when the provider refuses this message for good (a bad
 *   recipient address, content it will not send): retrying the same message cannot succeed.
 */
export interface Mailer {
  send(message: EmailMessage): Promise<void>;
}

/** The provider refused the message permanently; the outbox stops retrying it. */
export class EmailRejectedError extends DomainError {
  readonly code = 'email-rejected';
  constructor(readonly messageId: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
