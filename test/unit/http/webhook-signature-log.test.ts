import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { logger } from '../../../shared/http/logger.js';
import { InvalidSignatureError, UnavailableError } from '../../../shared/domain/errors.js';
import { SIGNATURE_REJECTED_EVENT, verifySignatureLogged } from '../../../shared/http/webhook-signature-log.js';

/** The JSON lines the logger writes (Powertools writes to stdout, or stderr for warnings in some modes). */
function captureLogLines() {
  const lines: Record<string, unknown>[] = [];
  const capture = (chunk: unknown) => {
    for (const line of String(chunk).split('\n')) {
      if (line.trim().startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  return lines;
}

// Tests run with the logger silenced (vitest.config.ts); these read what it writes at WARN.
beforeEach(() => logger.setLogLevel('WARN'));
afterEach(() => {
  vi.restoreAllMocks();
  logger.setLogLevel('SILENT');
});

describe('webhook signature refusals', () => {
  it('write one structured line with the stable event field the CDK metric filter counts, then rethrow', async () => {
    const lines = captureLogLines();
    const refused = new InvalidSignatureError('The Stripe-Signature does not verify for this body');
    await expect(verifySignatureLogged('stripe', () => { throw refused; })).rejects.toBe(refused);
    const rejected = lines.filter((l) => l.event === SIGNATURE_REJECTED_EVENT);
    expect(rejected).toEqual([expect.objectContaining({ event: 'webhook.signature_rejected', provider: 'stripe', level: 'WARN' })]);
  });

  it('log nothing for a verified body or for an error that is not a refusal', async () => {
    const lines = captureLogLines();
    await expect(verifySignatureLogged('shipengine', async () => 'ok')).resolves.toBe('ok');
    await expect(verifySignatureLogged('shipengine', async () => { throw new UnavailableError('key set unreachable'); })).rejects.toBeInstanceOf(UnavailableError);
    expect(lines.filter((l) => l.event === SIGNATURE_REJECTED_EVENT)).toEqual([]);
  });
});
