/**
 * The local mailbox in a browser: what the platform would have emailed, without SES.
 *   GET /_local/mailbox         the messages, newest first
 *   GET /_local/mailbox/<id>    one message: its headers, the HTML body, the text alternative
 *   GET /_local/mailbox.json    the list as JSON (tests, scripts)
 * Message bodies hold user input; the HTML body is shown in a sandboxed iframe without scripts.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LocalMailbox, StoredEmail } from '../shared/adapters/email/local-mailbox.js';
import { escapeHtml } from '../shared/domain/notifications/templates.js';

const BASE = '/_local/mailbox';

/** No script runs here or in the srcdoc frame (which inherits this policy). */
const SECURITY_HEADERS = {
  'content-security-policy': "script-src 'none'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

const PAGE_STYLE = [
  'body{font-family:system-ui,sans-serif;margin:24px;color:#111827}',
  'table{border-collapse:collapse;width:100%}',
  'th,td{padding:6px 10px;border-bottom:1px solid #e5e7eb;text-align:start;vertical-align:top}',
  'dt{font-weight:600}dd{margin:0 0 8px}',
  'iframe{width:100%;height:70vh;border:1px solid #d1d5db}',
  'pre{white-space:pre-wrap;background:#f9fafb;padding:12px;border:1px solid #e5e7eb}',
].join('');

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head>\n<body>${body}</body></html>\n`;
}

function send(res: ServerResponse, status: number, contentType: string, body: string, head: boolean): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), ...SECURITY_HEADERS });
  res.end(head ? undefined : body);
}

const messagePath = (id: string) => `${BASE}/${encodeURIComponent(id)}`;

function listPage(entries: Awaited<ReturnType<LocalMailbox['list']>>): string {
  const rows = entries
    .map((m) =>
      `<tr><td>${escapeHtml(m.sentAt)}</td><td>${escapeHtml(m.to)}</td>` +
      `<td dir="auto"><a href="${escapeHtml(messagePath(m.id))}">${escapeHtml(m.subject)}</a></td>` +
      `<td>${escapeHtml(m.kind)}</td><td>${escapeHtml(m.locale)}</td></tr>`)
    .join('\n');
  const table = entries.length === 0
    ? '<p>No messages yet.</p>'
    : `<table><thead><tr><th scope="col">Sent</th><th scope="col">To</th><th scope="col">Subject</th><th scope="col">Kind</th><th scope="col">Language</th></tr></thead>\n<tbody>${rows}</tbody></table>`;
  return page('Local mailbox', `<h1>Local mailbox</h1><p>${entries.length} message(s), newest first. <a href="${BASE}.json">JSON</a></p>${table}`);
}

function messagePage(m: StoredEmail): string {
  const fields: [string, string][] = [['Subject', m.subject], ['To', m.to], ['Sent', m.sentAt], ['Kind', m.kind], ['Language', m.locale], ['Id', m.id]];
  const headers = fields.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd dir="auto">${escapeHtml(value)}</dd>`).join('');
  return page(
    m.subject,
    `<p><a href="${BASE}">← All messages</a></p><h1 dir="auto">${escapeHtml(m.subject)}</h1><dl>${headers}</dl>` +
      '<h2>HTML</h2>' +
      // No allow-scripts and no allow-same-origin: the body cannot run code or reach this page.
      // Popups let its links open in a new tab.
      `<iframe title="HTML body" sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" srcdoc="${escapeHtml(m.html)}"></iframe>` +
      `<h2>Plain text</h2><pre dir="auto">${escapeHtml(m.text)}</pre>`,
  );
}

/** Handles the mailbox routes; resolves false for any other path. */
export function mailboxViewer(mailbox: LocalMailbox): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    const isList = pathname === BASE || pathname === `${BASE}/`;
    const isJson = pathname === `${BASE}.json`;
    const isMessage = !isList && pathname.startsWith(`${BASE}/`);
    if (!isList && !isJson && !isMessage) return false;

    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('Method not allowed\n');
      return true;
    }
    if (isJson) {
      send(res, 200, 'application/json; charset=utf-8', JSON.stringify(await mailbox.list()), head);
      return true;
    }
    if (isList) {
      send(res, 200, 'text/html; charset=utf-8', listPage(await mailbox.list()), head);
      return true;
    }
    let id: string;
    try {
      id = decodeURIComponent(pathname.slice(BASE.length + 1));
    } catch {
      id = '';
    }
    const message = await mailbox.get(id);
    if (!message) {
      send(res, 404, 'text/html; charset=utf-8', page('Not found', `<h1>Not found</h1><p>No message ${escapeHtml(id)}. <a href="${BASE}">All messages</a></p>`), head);
      return true;
    }
    send(res, 200, 'text/html; charset=utf-8', messagePage(message), head);
    return true;
  };
}
