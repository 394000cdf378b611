/**
 * The idempotency layer of the stack, on a route defined here (the value-moving routes arrive
 * with the points economy). The handler counts its real executions.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as z from 'zod';
import type { RouteDefinition } from '../../../shared/http/routes.js';
import { httpHandler } from '../../../shared/http/stack.js';
import { startTestPlatform, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
beforeAll(async () => {
  p = await startTestPlatform();
});
afterAll(() => p.stop());

const route = {
  id: 'testTransfer', method: 'POST', path: '/v1/test-transfers', entry: 'n/a', auth: ['hr_admin'],
  summary: 'test', tag: 'Test', body: z.object({ points: z.number().int() }), status: 201, idempotent: true,
  response: z.object({ transferId: z.string(), points: z.number() }), access: { main: 'readwrite', idempotency: true },
} as const satisfies RouteDefinition;

let executions = 0;
let release: (() => void) | undefined;
const handler = httpHandler(route, async ({ body }) => {
  executions++;
  if (body.points === 999) await new Promise<void>((resolve) => (release = resolve));
  return { transferId: randomUUID(), points: body.points };
});

async function invoke(token: string, body: unknown, key?: string) {
  const event = {
    version: '2.0', routeKey: 'POST /v1/test-transfers', rawPath: '/v1/test-transfers', rawQueryString: '',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
    requestContext: { requestId: randomUUID(), http: { method: 'POST', path: '/v1/test-transfers' } },
    body: JSON.stringify(body), isBase64Encoded: false,
  } as unknown as APIGatewayProxyEventV2;
  const context = { functionName: 'test-transfer', awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 30_000 } as unknown as Context;
  const res = (await handler(event as never, context)) as { statusCode: number; headers: Record<string, string>; body: string };
  return { status: res.statusCode, headers: res.headers, body: JSON.parse(res.body) };
}

describe('Idempotency-Key on value-moving POSTs', () => {
  it('requires the header', async () => {
    const token = await p.token({ role: 'hr_admin', companyId: 'c1', sub: 'u-missing' });
    const res = await invoke(token, { points: 1 });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].path).toBe('headers.idempotency-key');
  });

  it('replays the first response for the same key and body, with Idempotent-Replayed, and runs once', async () => {
    const token = await p.token({ role: 'hr_admin', companyId: 'c1', sub: 'u-replay' });
    const before = executions;
    const first = await invoke(token, { points: 5 }, 'key-1');
    const second = await invoke(token, { points: 5 }, 'key-1');
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    expect(executions - before).toBe(1);
  });

  it('answers the same key with another body with 422 idempotency-key-reused', async () => {
    const token = await p.token({ role: 'hr_admin', companyId: 'c1', sub: 'u-reuse' });
    await invoke(token, { points: 5 }, 'key-2');
    const res = await invoke(token, { points: 6 }, 'key-2');
    expect(res.status).toBe(422);
    expect(res.body.type).toMatch(/idempotency-key-reused$/);
  });

  it('never replays one caller\'s response to another caller using the same key', async () => {
    const alice = await p.token({ role: 'hr_admin', companyId: 'c1', sub: 'alice' });
    const bob = await p.token({ role: 'hr_admin', companyId: 'c2', sub: 'bob' });
    const a = await invoke(alice, { points: 7 }, 'shared-key');
    const b = await invoke(bob, { points: 7 }, 'shared-key');
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.transferId).not.toBe(a.body.transferId);
  });

  it('answers 409 idempotency-key-in-use while the first request is still running', async () => {
    const token = await p.token({ role: 'hr_admin', companyId: 'c1', sub: 'u-busy' });
    const first = invoke(token, { points: 999 }, 'key-busy');
    while (!release) await new Promise((r) => setTimeout(r, 5));
    const second = await invoke(token, { points: 999 }, 'key-busy');
    expect(second.status).toBe(409);
    expect(second.body.type).toMatch(/idempotency-key-in-use$/);
    release();
    expect((await first).status).toBe(201);
  });
});
