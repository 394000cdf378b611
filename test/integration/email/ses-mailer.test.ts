/**
 * The SES mailer through the official SDK, against a small local fake of the SES v2 HTTP API
 * (POST /v2/email/outbound-emails, REST-JSON errors named in X-Amzn-ErrorType).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SesMailer } from '../../../shared/adapters/email/ses-mailer.js';
import { EmailRejectedError, type EmailMessage } from '../../../shared/domain/notifications/ports.js';

interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}
interface PlannedAnswer {
  status: number;
  errorType?: string;
  body: object;
}

const requests: RecordedRequest[] = [];
/** Answers for the next requests, in order; 200 with a MessageId once they run out. */
let planned: PlannedAnswer[] = [];
let server: Server;
let endpoint: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: raw ? (JSON.parse(raw) as Record<string, unknown>) : {} });
      const answer = planned.shift() ?? { status: 200, body: { MessageId: `0100-fake-${requests.length}` } };
      res.writeHead(answer.status, {
        'content-type': 'application/json',
        'x-amzn-requestid': `request-${requests.length}`,
        ...(answer.errorType ? { 'x-amzn-errortype': answer.errorType } : {}),
      });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
});
beforeEach(() => {
  requests.length = 0;
  planned = [];
});

function sesClient(maxAttempts = 1): SESv2Client {
  return new SESv2Client({ region: 'eu-west-1', endpoint, maxAttempts, credentials: { accessKeyId: 'AKIDLOCALTEST', secretAccessKey: 'local-secret' } });
}

const message: EmailMessage = {
  id: '01JDQ4X8Z3OUTBOX0000000001',
  to: 'ayse@acme.example',
  locale: 'tr',
  kind: 'order-shipped',
  subject: '01JDQ4 numaralı siparişiniz yola çıktı',
  html: '<!DOCTYPE html><html lang="tr"><body><p>Güzel haber</p></body></html>',
  text: 'Güzel haber\n',
};

describe('SesMailer', () => {
  it('sends one SendEmail request with the sender, recipient, subject, HTML and text in UTF-8', async () => {
    const mailer = new SesMailer(sesClient(), 'Gifts <gifts@platform.example>', { configurationSetName: 'gifting-events' });

    await mailer.send(message);

    expect(requests).toHaveLength(1);
    const [request] = requests;
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe('/v2/email/outbound-emails');
    expect(String(request!.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDLOCALTEST\/\d{8}\/eu-west-1\/ses\/aws4_request/);
    expect(request!.body).toEqual({
      FromEmailAddress: 'Gifts <gifts@platform.example>',
      Destination: { ToAddresses: ['ayse@acme.example'] },
      Content: {
        Simple: {
          Subject: { Data: '01JDQ4 numaralı siparişiniz yola çıktı', Charset: 'UTF-8' },
          Body: {
            Html: { Data: message.html, Charset: 'UTF-8' },
            Text: { Data: 'Güzel haber\n', Charset: 'UTF-8' },
          },
          Headers: [
            { Name: 'X-Gifting-Message-Id', Value: '01JDQ4X8Z3OUTBOX0000000001' },
            { Name: 'X-Gifting-Notification', Value: 'order-shipped' },
          ],
        },
      },
      EmailTags: [
        { Name: 'outbox-id', Value: '01JDQ4X8Z3OUTBOX0000000001' },
        { Name: 'notification-kind', Value: 'order-shipped' },
      ],
      ConfigurationSetName: 'gifting-events',
    });
  });

  it('leaves out the configuration set when none is given, and a tag for an id SES tags cannot hold', async () => {
    await new SesMailer(sesClient(), 'gifts@platform.example').send({ ...message, id: 'outbox:01JDQ4.1' });

    const body = requests[0]!.body;
    expect(body).not.toHaveProperty('ConfigurationSetName');
    expect(body.EmailTags).toEqual([{ Name: 'notification-kind', Value: 'order-shipped' }]);
    expect((body.Content as { Simple: { Headers: unknown } }).Simple.Headers).toContainEqual({ Name: 'X-Gifting-Message-Id', Value: 'outbox:01JDQ4.1' });
  });

  it('throws the retryable SDK error, not a rejection, when SES answers 500', async () => {
    planned = [{ status: 500, errorType: 'InternalFailure', body: { message: 'We encountered an internal error' } }];

    const error = await new SesMailer(sesClient(), 'gifts@platform.example').send(message).then(() => undefined, (e: unknown) => e);

    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(EmailRejectedError);
    expect((error as { $metadata: { httpStatusCode: number } }).$metadata.httpStatusCode).toBe(500);
    expect(requests).toHaveLength(1);
  });

  it('throws the retryable SDK error, not a rejection, when SES throttles', async () => {
    planned = [{ status: 429, errorType: 'TooManyRequestsException', body: { message: 'Too many requests' } }];

    const error = await new SesMailer(sesClient(), 'gifts@platform.example').send(message).then(() => undefined, (e: unknown) => e);

    expect(error).not.toBeInstanceOf(EmailRejectedError);
    expect((error as Error).name).toBe('TooManyRequestsException');
  });

  it('lets the SDK retry a 500: the same request goes out again and the send succeeds', async () => {
    planned = [{ status: 500, errorType: 'InternalFailure', body: { message: 'We encountered an internal error' } }];

    await new SesMailer(sesClient(2), 'gifts@platform.example').send(message);

    expect(requests).toHaveLength(2);
    expect(requests[1]!.body).toEqual(requests[0]!.body);
  });

  it('throws EmailRejectedError when SES rejects the message', async () => {
    planned = [{ status: 400, errorType: 'MessageRejected', body: { message: 'Email address is not verified. The following identities failed the check in region EU-WEST-1: ayse@acme.example' } }];

    const error = await new SesMailer(sesClient(3), 'gifts@platform.example').send(message).then(() => undefined, (e: unknown) => e);

    expect(error).toBeInstanceOf(EmailRejectedError);
    expect((error as EmailRejectedError).messageId).toBe(message.id);
    expect((error as EmailRejectedError).code).toBe('email-rejected');
    expect((error as Error).message).toContain('Email address is not verified');
    expect(((error as Error).cause as Error).name).toBe('MessageRejected');
    // Not retried by the SDK either: one request, though three attempts were allowed.
    expect(requests).toHaveLength(1);
  });

  it('throws EmailRejectedError for a request SES calls bad, such as a malformed address', async () => {
    planned = [{ status: 400, errorType: 'BadRequestException', body: { message: "Missing final '@domain'" } }];

    await expect(new SesMailer(sesClient(), 'gifts@platform.example').send({ ...message, to: 'ayse' })).rejects.toBeInstanceOf(EmailRejectedError);
    expect(requests[0]!.body.Destination).toEqual({ ToAddresses: ['ayse'] });
  });
});
