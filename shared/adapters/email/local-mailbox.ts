/**
 * The local runtime's Mailer: every email becomes `<dir>/<id>.json` instead of leaving the
 * machine, to be read in the mailbox viewer (local/mailbox-viewer.ts) and by tests.
 * Idempotent by message id, as SES deliveries are not: a retried send keeps the first copy.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as z from 'zod';
import { ValidationFailedError } from '../../domain/errors.js';
import type { EmailMessage, Mailer } from '../../domain/notifications/ports.js';
import type { Clock } from '../../domain/ports.js';

/** A file name on every platform, never a path: no separators, no leading dot, no '..'. */
const MAILBOX_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}$/;

export const isMailboxId = (id: string): boolean => MAILBOX_ID.test(id) && !id.includes('..');

const StoredEmail = z.object({
  id: z.string(),
  to: z.string(),
  locale: z.enum(['en', 'tr', 'fa']),
  kind: z.enum(['points-received', 'order-confirmed', 'order-shipped', 'order-delivered', 'points-expiring']),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  sentAt: z.string(),
});
export type StoredEmail = EmailMessage & { sentAt: string };
export type MailboxEntry = Pick<StoredEmail, 'id' | 'to' | 'subject' | 'kind' | 'locale' | 'sentAt'>;

const systemClock: Clock = { now: () => new Date() };

export class LocalMailbox implements Mailer {
  constructor(readonly directory: string, private readonly clock: Clock = systemClock) {}

  /** @throws ValidationFailedError for an id that cannot be a file name. */
  async send(message: EmailMessage): Promise<void> {
    if (!isMailboxId(message.id)) {
      throw new ValidationFailedError([{ path: 'id', message: 'must be 1-200 letters, digits, ".", "_" or "-", not starting with "."' }], 'Invalid mailbox message id');
    }
    await mkdir(this.directory, { recursive: true });
    const stored: StoredEmail = { ...message, sentAt: this.clock.now().toISOString() };
    // Written whole under a temporary name, then linked into place: link fails if the id is
    // already there, so concurrent or retried sends keep exactly one, complete copy.
    const temporary = join(this.directory, `.${randomUUID()}.tmp`);
    await writeFile(temporary, `${JSON.stringify(stored, null, 2)}\n`, 'utf8');
    try {
      await link(temporary, this.pathOf(message.id));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    } finally {
      await unlink(temporary);
    }
  }

  /** Newest first. */
  async list(): Promise<MailboxEntry[]> {
    let names: string[];
    try {
      names = await readdir(this.directory);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw err;
    }
    const ids = names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)).filter(isMailboxId);
    const emails = (await Promise.all(ids.map((id) => this.get(id)))).filter((e) => e !== undefined);
    return emails
      .sort((a, b) => (a.sentAt === b.sentAt ? (a.id < b.id ? 1 : -1) : a.sentAt < b.sentAt ? 1 : -1))
      .map(({ id, to, subject, kind, locale, sentAt }) => ({ id, to, subject, kind, locale, sentAt }));
  }

  /** The message with this id, or undefined (also for an id that cannot exist). */
  async get(id: string): Promise<StoredEmail | undefined> {
    if (!isMailboxId(id)) return undefined;
    let raw: string;
    try {
      raw = await readFile(this.pathOf(id), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw err;
    }
    return StoredEmail.parse(JSON.parse(raw));
  }

  private pathOf(id: string): string {
    return join(this.directory, `${id}.json`);
  }
}
