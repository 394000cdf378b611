import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPair, SignJWT } from 'jose';
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../local/auth/dev-issuer.js';
import { startTestPlatform, type ApiResponse, type TestPlatform } from '../../support/platform.js';

let p: TestPlatform;
let hr: string;
beforeAll(async () => {
  p = await startTestPlatform();
  ({ hr } = await p.newCompany());
});
afterAll(() => p.stop());

const expectProblem = (res: ApiResponse, status: number, slug: string) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body).toMatchObject({ type: `https://gifting.example/problems/${slug}`, status, title: expect.any(String), detail: expect.any(String) });
  expect(JSON.stringify(res.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
};

describe('the shared HTTP stack', () => {
  it('answers the public health check without a token', async () => {
    const res = await p.call('GET', '/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers.get('x-request-id')).toBeTruthy();
  });

  it('rejects a request without a bearer token with 401 unauthenticated', async () => {
    expectProblem(await p.call('GET', '/v1/employees'), 401, 'unauthenticated');
  });

  it('rejects a token from another issuer key, an expired token and garbage with 401', async () => {
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await new SignJWT({ role: 'hr_admin', company_id: 'x' })
      .setProtectedHeader({ alg: 'RS256', kid: 'foreign' }).setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE)
      .setSubject('intruder').setExpirationTime('1h').sign(privateKey);
    expectProblem(await p.call('GET', '/v1/employees', { token: foreign }), 401, 'unauthenticated');
    const expired = await p.token({ role: 'hr_admin', companyId: 'x', ttlSeconds: -60 });
    expectProblem(await p.call('GET', '/v1/employees', { token: expired }), 401, 'unauthenticated');
    expectProblem(await p.call('GET', '/v1/employees', { token: 'not.a.jwt' }), 401, 'unauthenticated');
  });

  it('forbids a role the route does not allow with 403', async () => {
    const employee = await p.token({ role: 'employee', companyId: 'c1', employeeId: 'e1' });
    const partner = await p.token({ role: 'partner', partnerId: 'p1' });
    for (const token of [employee, partner]) {
      expectProblem(await p.call('GET', '/v1/employees', { token }), 403, 'forbidden');
      expectProblem(await p.call('POST', '/v1/employees/imports', { token, body: 'email,name,country\n', headers: { 'content-type': 'text/csv' } }), 403, 'forbidden');
    }
    expectProblem(await p.call('GET', '/v1/companies', { token: hr }), 403, 'forbidden');
  });

  it('answers malformed JSON with 400 malformed-request', async () => {
    expectProblem(await p.call('POST', '/v1/employees', { token: hr, body: '{"email": ' }), 400, 'malformed-request');
  });

  it('answers invalid fields with 422 and one entry per field', async () => {
    const res = await p.call('POST', '/v1/employees', { token: hr, body: { email: 'nope', name: '', country: 'XX', extra: 1 } });
    expectProblem(res, 422, 'validation-failed');
    const paths = (res.body.errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.name', 'body.country']));
  });

  it('answers a body over 1 MB with 413 and a wrong content type with 415', async () => {
    const big = JSON.stringify({ email: 'a@b.example', name: 'x'.repeat(1024 * 1024 + 10), country: 'TR' });
    expectProblem(await p.call('POST', '/v1/employees', { token: hr, body: big }), 413, 'payload-too-large');
    expectProblem(await p.call('POST', '/v1/employees', { token: hr, body: 'a=b', headers: { 'content-type': 'application/x-www-form-urlencoded' } }), 415, 'unsupported-media-type');
  });

  it('answers unknown paths with 404 and unknown methods with 405, as problem documents', async () => {
    expectProblem(await p.call('GET', '/v1/nothing-here'), 404, 'not-found');
    const res = await p.call('DELETE', '/v1/health');
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('GET');
  });

  it('rejects a forged list cursor with 422 instead of reading another partition', async () => {
    const forged = Buffer.from(JSON.stringify({ gsi1pk: 'C#someone-else#EMPLOYEES', gsi1sk: 'active#x', pk: 'a', sk: 'b' })).toString('base64url');
    expectProblem(await p.call('GET', `/v1/employees?cursor=${forged}`, { token: hr }), 422, 'validation-failed');
    expectProblem(await p.call('GET', '/v1/employees?cursor=%%%', { token: hr }), 422, 'validation-failed');
    expectProblem(await p.call('GET', '/v1/employees?limit=1000', { token: hr }), 422, 'validation-failed');
  });
});
