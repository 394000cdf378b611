/** The local mailbox on a real directory, and its viewer over a real HTTP server. */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mailboxViewer } from '../../../local/mailbox-viewer.js';
import { LocalMailbox } from '../../../shared/adapters/email/local-mailbox.js';
import { ValidationFailedError } from '../../../shared/domain/errors.js';
import type { EmailMessage } from '../../../shared/domain/notifications/ports.js';
import type { Clock } from '../../../shared/domain/ports.js';
import { renderEmail } from '../../../shared/domain/notifications/templates.js';

/** A clock the test moves by hand: list order without waiting for time to pass. */
function steppingClock(start: string): Clock & { advance(ms: number): void } {
  let now = Date.parse(start);
  return { now: () => new Date(now), advance: (ms) => void (now += ms) };
}

function email(id: string, overrides: Partial<EmailMessage> = {}): EmailMessage {
  return { id, to: `${id}@acme.example`, locale: 'en', kind: 'order-confirmed', subject: `Subject ${id}`, html: `<p>Body ${id}</p>`, text: `Body ${id}\n`, ...overrides };
}

let directory: string;
let clock: ReturnType<typeof steppingClock>;
let mailbox: LocalMailbox;

beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'mailbox-'));
  clock = steppingClock('2026-11-26T10:00:00.000Z');
  mailbox = new LocalMailbox(join(directory, 'mail'), clock);
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('LocalMailbox', () => {
  it('keeps one message per id: a retried send does not deliver twice or overwrite the first', async () => {
    await mailbox.send(email('01JD0001'));
    clock.advance(60_000);
    await mailbox.send(email('01JD0001', { subject: 'A retry with other content' }));

    expect(await mailbox.list()).toEqual([
      { id: '01JD0001', to: '01JD0001@acme.example', subject: 'Subject 01JD0001', kind: 'order-confirmed', locale: 'en', sentAt: '2026-11-26T10:00:00.000Z' },
    ]);
    expect(await readdir(join(directory, 'mail'))).toEqual(['01JD0001.json']);
  });

  it('keeps one complete message when the same id is sent concurrently', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => mailbox.send(email('01JD0002', { subject: `Attempt ${i}` }))));

    expect(await readdir(join(directory, 'mail'))).toEqual(['01JD0002.json']);
    expect((await mailbox.get('01JD0002'))?.subject).toMatch(/^Attempt \d$/);
  });

  it('lists newest first', async () => {
    await mailbox.send(email('01JD0001'));
    clock.advance(1_000);
    await mailbox.send(email('01JD0003'));
    clock.advance(1_000);
    await mailbox.send(email('01JD0002'));

    expect((await mailbox.list()).map((m) => [m.id, m.sentAt])).toEqual([
      ['01JD0002', '2026-11-26T10:00:02.000Z'],
      ['01JD0003', '2026-11-26T10:00:01.000Z'],
      ['01JD0001', '2026-11-26T10:00:00.000Z'],
    ]);
  });

  it('gets a whole message by id, and nothing for an unknown one', async () => {
    const message = email('01JD0004', { locale: 'fa', kind: 'points-expiring' });
    await mailbox.send(message);

    expect(await mailbox.get('01JD0004')).toEqual({ ...message, sentAt: '2026-11-26T10:00:00.000Z' });
    expect(await mailbox.get('01JD9999')).toBeUndefined();
  });

  it('lists an empty mailbox before the first message', async () => {
    expect(await mailbox.list()).toEqual([]);
  });

  it('refuses ids that are not plain file names', async () => {
    for (const id of ['../escape', '..', '.hidden', 'a/b', 'a\\b', '', 'x'.repeat(201), 'a..b']) {
      await expect(mailbox.send(email('ok', { id }))).rejects.toBeInstanceOf(ValidationFailedError);
      expect(await mailbox.get(id)).toBeUndefined();
    }
    expect(await readdir(directory)).toEqual([]);
  });
});

describe('the mailbox viewer', () => {
  let server: Server;
  let base: string;
  let unhandled: string[];

  beforeEach(async () => {
    unhandled = [];
    const viewer = mailboxViewer(mailbox);
    server = createServer((req, res) => {
      void viewer(req, res).then((handled) => {
        if (!handled) {
          unhandled.push(req.url ?? '');
          res.writeHead(418).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  const hostile = email('01JD0010', {
    to: '"<b>x</b>"@acme.example',
    subject: '<script>alert("subject")</script>',
    html: '<p onclick="x()">Hi &amp; <script>alert(1)</script></p>',
    text: '<script>alert("text")</script>',
  });

  it('serves the list as JSON, newest first', async () => {
    await mailbox.send(email('01JD0001'));
    clock.advance(1_000);
    await mailbox.send(email('01JD0002', { kind: 'points-received', locale: 'tr' }));

    const res = await fetch(`${base}/_local/mailbox.json`);

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual([
      { id: '01JD0002', to: '01JD0002@acme.example', subject: 'Subject 01JD0002', kind: 'points-received', locale: 'tr', sentAt: '2026-11-26T10:00:01.000Z' },
      { id: '01JD0001', to: '01JD0001@acme.example', subject: 'Subject 01JD0001', kind: 'order-confirmed', locale: 'en', sentAt: '2026-11-26T10:00:00.000Z' },
    ]);
  });

  it('lists messages as HTML, newest first, each linking to its page, with everything escaped', async () => {
    await mailbox.send(email('01JD0001'));
    clock.advance(1_000);
    await mailbox.send(hostile);

    const res = await fetch(`${base}/_local/mailbox`);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'none'");
    expect(html).not.toContain('<script>');
    expect(html).toContain('<a href="/_local/mailbox/01JD0010">&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;</a>');
    expect(html).toContain('&quot;&lt;b&gt;x&lt;/b&gt;&quot;@acme.example');
    expect(html).toContain('<a href="/_local/mailbox/01JD0001">Subject 01JD0001</a>');
    expect(html).toContain('order-confirmed');
    expect(html).toContain('2026-11-26T10:00:01.000Z');
    expect(html.indexOf('/_local/mailbox/01JD0010')).toBeLessThan(html.indexOf('/_local/mailbox/01JD0001'));
  });

  it('shows one message: its headers, the HTML body in a sandboxed srcdoc frame and the text below', async () => {
    await mailbox.send(hostile);

    const res = await fetch(`${base}/_local/mailbox/01JD0010`);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(html).not.toContain('<script>');
    expect(html).toContain('<title>&lt;script&gt;alert(&quot;subject&quot;)&lt;/script&gt;</title>');
    expect(html).toContain('<dd dir="auto">&quot;&lt;b&gt;x&lt;/b&gt;&quot;@acme.example</dd>');
    expect(html).toContain('<dd dir="auto">2026-11-26T10:00:00.000Z</dd>');
    const frame = /<iframe ([^>]*)><\/iframe>/.exec(html)?.[1] ?? '';
    expect(frame).toContain('sandbox="allow-popups allow-popups-to-escape-sandbox"');
    expect(frame).not.toContain('allow-scripts');
    // The srcdoc attribute holds the body escaped once; the browser unescapes it into the frame.
    expect(frame).toContain('srcdoc="&lt;p onclick=&quot;x()&quot;&gt;Hi &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;"');
    expect(html.indexOf('<iframe')).toBeLessThan(html.indexOf('<pre dir="auto">&lt;script&gt;alert(&quot;text&quot;)&lt;/script&gt;</pre>'));
  });

  it('shows a rendered Persian email as sent', async () => {
    const rendered = renderEmail({ kind: 'order-delivered', name: 'Reza', orderId: '01JDORDER', feedbackUrl: 'https://gifts.example/f' }, 'fa');
    await mailbox.send({ id: '01JD0020', to: 'reza@acme.example', locale: 'fa', kind: 'order-delivered', ...rendered });

    const html = await (await fetch(`${base}/_local/mailbox/01JD0020`)).text();

    expect(html).toContain(`<h1 dir="auto">${rendered.subject}</h1>`);
    expect(html).toContain('srcdoc="&lt;!DOCTYPE html&gt;\n&lt;html lang=&quot;fa&quot; dir=&quot;rtl&quot;&gt;');
  });

  it('answers 404 for an unknown or impossible id, escaping it', async () => {
    const unknown = await fetch(`${base}/_local/mailbox/01JD9999`);
    expect(unknown.status).toBe(404);
    await unknown.text();

    const traversal = await fetch(`${base}/_local/mailbox/..%2F..%2Fetc%2Fpasswd`);
    expect(traversal.status).toBe(404);
    await traversal.text();

    const hostileId = await fetch(`${base}/_local/mailbox/%3Cscript%3E`);
    expect(hostileId.status).toBe(404);
    expect(await hostileId.text()).toContain('No message &lt;script&gt;.');
  });

  it('refuses other methods and leaves other paths to the next handler', async () => {
    const post = await fetch(`${base}/_local/mailbox`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    await post.text();

    for (const path of ['/v1/me', '/_local/mailboxes', '/_local/mailbox.jsonx', '/']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(418);
      await res.text();
    }
    expect(unhandled).toEqual(['/v1/me', '/_local/mailboxes', '/_local/mailbox.jsonx', '/']);
  });
});
