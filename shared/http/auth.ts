/**
 * Bearer-token verification: the same code path for Cognito in AWS and for the local
 * development issuer (a JWKS file under DATA_DIR). The tenant always comes from the token.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createLocalJWKSet, createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import * as z from 'zod';
import { UnauthenticatedError } from '../domain/errors.js';
import { ROLES, type Role } from './routes/definition.js';

export interface Principal {
  sub: string;
  role: Role;
  companyId?: string;
  employeeId?: string;
  partnerId?: string;
}

export interface TokenVerifierOptions {
  issuer: string;
  jwksUrl: string;
  audience: string;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

const idClaim = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

/** Claims as API.md names them, or as Cognito carries them (cognito:groups, custom:*). */
function principalFrom(payload: JWTPayload): Principal {
  const claims = payload as Record<string, unknown>;
  const groups = Array.isArray(claims['cognito:groups']) ? (claims['cognito:groups'] as unknown[]) : [];
  const roleClaim = claims.role ?? groups.find((g) => (ROLES as readonly unknown[]).includes(g));
  const role = z.enum(ROLES).safeParse(roleClaim);
  if (!role.success) throw new UnauthenticatedError('The token carries no known role');
  const pick = (name: string) => {
    const value = claims[name] ?? claims[`custom:${name}`];
    if (value === undefined) return undefined;
    const parsed = idClaim.safeParse(value);
    if (!parsed.success) throw new UnauthenticatedError(`The token claim ${name} is malformed`);
    return parsed.data;
  };
  const principal: Principal = { sub: String(payload.sub ?? ''), role: role.data };
  const companyId = pick('company_id');
  const employeeId = pick('employee_id');
  const partnerId = pick('partner_id');
  if (companyId) principal.companyId = companyId;
  if (employeeId) principal.employeeId = employeeId;
  if (partnerId) principal.partnerId = partnerId;
  if (!principal.sub) throw new UnauthenticatedError('The token has no subject');
  if ((role.data === 'hr_admin' || role.data === 'employee') && !principal.companyId) {
    throw new UnauthenticatedError(`A ${role.data} token must carry company_id`);
  }
  if (role.data === 'employee' && !principal.employeeId) throw new UnauthenticatedError('An employee token must carry employee_id');
  if (role.data === 'partner' && !principal.partnerId) throw new UnauthenticatedError('A partner token must carry partner_id');
  return principal;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keySet = options.jwksUrl.startsWith('file:')
    ? createLocalJWKSet(JSON.parse(readFileSync(fileURLToPath(options.jwksUrl), 'utf8')))
    : createRemoteJWKSet(new URL(options.jwksUrl), { cacheMaxAge: 10 * 60 * 1000 });
  return async (token) => {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, { issuer: options.issuer, algorithms: ['RS256'], clockTolerance: 5 }));
    } catch (err) {
      if (err instanceof joseErrors.JOSEError) throw new UnauthenticatedError('The bearer token is invalid or expired', { cause: err });
      throw err;
    }
    // Cognito ID tokens carry the app client in `aud`, access tokens in `client_id`.
    const audience = payload.aud ?? (payload as Record<string, unknown>).client_id;
    const audiences = Array.isArray(audience) ? audience : [audience];
    if (!audiences.includes(options.audience)) throw new UnauthenticatedError('The bearer token is for another audience');
    return principalFrom(payload);
  };
}

export function bearerToken(authorization: string | undefined): string {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization ?? '');
  if (!match) throw new UnauthenticatedError('An Authorization: Bearer <token> header is required');
  return match[1]!;
}
