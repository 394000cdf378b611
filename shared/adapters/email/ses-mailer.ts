/**
 * Amazon SES (API v2) behind the Mailer port: one SendEmail call with Simple content per
 * message. SES has no idempotency key, so the outbox id travels in a header and a message tag
 * instead: a duplicate sent after a lost response can be told apart in the mail and in the
 * SES event stream.
 */
import { BadRequestException, MessageRejected, SendEmailCommand, type MessageHeader, type MessageTag, type SESv2Client } from '@aws-sdk/client-sesv2';
import { EmailRejectedError, type EmailMessage, type Mailer } from '../../domain/notifications/ports.js';

export const MESSAGE_ID_HEADER = 'X-Gifting-Message-Id';
export const KIND_HEADER = 'X-Gifting-Notification';
export const MESSAGE_ID_TAG = 'outbox-id';
export const KIND_TAG = 'notification-kind';

/** SES: header values are printable ASCII, at most 995 characters. */
const HEADER_VALUE = /^[\x20-\x7e]{1,995}$/;
/** SES: tag values are ASCII letters, digits, '_' and '-', at most 256 characters. */
const TAG_VALUE = /^[A-Za-z0-9_-]{1,256}$/;

export interface SesMailerOptions {
  /** Routes SES events (deliveries, bounces, complaints) to their destinations. */
  configurationSetName?: string;
}

export class SesMailer implements Mailer {
  constructor(
    private readonly client: SESv2Client,
    private readonly from: string,
    private readonly options: SesMailerOptions = {},
  ) {}

  /**
   * @throws EmailRejectedError when SES refuses this message for good: MessageRejected (e.g.
   *   a recipient not allowed while the account is in the sandbox, content SES will not send)
   *   and BadRequestException (e.g. a malformed address). Resending it cannot succeed.
   * @throws the SDK's error unchanged for everything else: throttling, 5xx, quota and account
   *   states are worth retrying later.
   */
  async send(message: EmailMessage): Promise<void> {
    const headers: MessageHeader[] = [];
    const tags: MessageTag[] = [];
    for (const [header, tag, value] of [[MESSAGE_ID_HEADER, MESSAGE_ID_TAG, message.id], [KIND_HEADER, KIND_TAG, message.kind]] as const) {
      if (HEADER_VALUE.test(value)) headers.push({ Name: header, Value: value });
      if (TAG_VALUE.test(value)) tags.push({ Name: tag, Value: value });
    }
    const command = new SendEmailCommand({
      FromEmailAddress: this.from,
      Destination: { ToAddresses: [message.to] },
      Content: {
        Simple: {
          Subject: { Data: message.subject, Charset: 'UTF-8' },
          Body: {
            Html: { Data: message.html, Charset: 'UTF-8' },
            Text: { Data: message.text, Charset: 'UTF-8' },
          },
          Headers: headers,
        },
      },
      EmailTags: tags,
      ...(this.options.configurationSetName ? { ConfigurationSetName: this.options.configurationSetName } : {}),
    });
    try {
      await this.client.send(command);
    } catch (err) {
      if (err instanceof MessageRejected || err instanceof BadRequestException) {
        throw new EmailRejectedError(message.id, `SES refused email ${message.id} (${err.name}): ${err.message}`, { cause: err });
      }
      throw err;
    }
  }
}
