import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, type TokenVerifier } from '../../../shared/http/auth.js';
import { UnauthenticatedError } from '../../../shared/domain/errors.js';

const ISSUER = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_test';
const CLIENT = 'app-client-id';
let sign: (claims: JWTPayload) => Promise<string>;
let verify: TokenVerifier;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwks = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' }] }));
  verify = createTokenVerifier({ issuer: ISSUER, audience: CLIENT, jwksUrl: pathToFileURL(jwks).href });
  sign = (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(ISSUER).setSubject('user-1').setExpirationTime('1h').sign(privateKey);
});

describe('token verification', () => {
  it('reads a Cognito ID token: role from cognito:groups, tenant from custom attributes', async () => {
    const token = await sign({ aud: CLIENT, 'cognito:groups': ['employee'], 'custom:company_id': 'c1', 'custom:employee_id': 'e1', token_use: 'id' });
    expect(await verify(token)).toEqual({ sub: 'user-1', role: 'employee', companyId: 'c1', employeeId: 'e1' });
  });

  it('reads a Cognito access token, whose app client is in client_id', async () => {
    const token = await sign({ client_id: CLIENT, 'cognito:groups': ['platform_admin'] });
    expect(await verify(token)).toEqual({ sub: 'user-1', role: 'platform_admin' });
  });

  it('rejects another audience, an unknown role and a tenant role without its tenant', async () => {
    const cases = [
      { aud: 'other-client', role: 'platform_admin' },
      { aud: CLIENT, 'cognito:groups': ['superuser'] },
      { aud: CLIENT, role: 'hr_admin' },
      { aud: CLIENT, role: 'employee', company_id: 'c1' },
      { aud: CLIENT, role: 'partner' },
      { aud: CLIENT, role: 'hr_admin', company_id: 'c1#x' },
    ];
    for (const claims of cases) {
      await expect(verify(await sign(claims)), JSON.stringify(claims)).rejects.toBeInstanceOf(UnauthenticatedError);
    }
  });
});
