/**
 * The development token issuer: an RS256 key pair kept under DATA_DIR/auth, its public JWKS
 * served to the SAME verification code that checks Cognito tokens in AWS (shared/http/auth.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose';
import type { Role } from '../../shared/http/routes.js';

export const DEV_ISSUER = 'urn:gifting:local-development-issuer';
export const DEV_AUDIENCE = 'gifting-local';

export interface TokenClaims {
  role: Role;
  sub?: string;
  companyId?: string;
  employeeId?: string;
  partnerId?: string;
  /** Lifetime in seconds (default 12 h). */
  ttlSeconds?: number;
}

export interface DevIssuer {
  issuer: string;
  audience: string;
  jwksUrl: string;
  sign(claims: TokenClaims): Promise<string>;
}

export async function devIssuer(dataDir: string): Promise<DevIssuer> {
  const dir = join(dataDir, 'auth');
  const privatePath = join(dir, 'dev-issuer-private.jwk.json');
  const jwksPath = join(dir, 'dev-issuer-jwks.json');
  if (!existsSync(privatePath) || !existsSync(jwksPath)) {
    mkdirSync(dir, { recursive: true });
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
    writeFileSync(privatePath, JSON.stringify(privateJwk), { mode: 0o600 });
    writeFileSync(jwksPath, JSON.stringify({ keys: [publicJwk] }));
  }
  const privateJwk = JSON.parse(readFileSync(privatePath, 'utf8')) as JWK & { kid: string };
  const key = await importJWK(privateJwk, 'RS256');
  return {
    issuer: DEV_ISSUER,
    audience: DEV_AUDIENCE,
    jwksUrl: pathToFileURL(jwksPath).href,
    async sign(claims) {
      const sub = claims.sub ?? [claims.role, claims.companyId, claims.employeeId, claims.partnerId].filter(Boolean).join(':');
      return new SignJWT({
        role: claims.role,
        ...(claims.companyId ? { company_id: claims.companyId } : {}),
        ...(claims.employeeId ? { employee_id: claims.employeeId } : {}),
        ...(claims.partnerId ? { partner_id: claims.partnerId } : {}),
      })
        .setProtectedHeader({ alg: 'RS256', kid: privateJwk.kid })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(sub)
        .setIssuedAt()
        .setExpirationTime(`${claims.ttlSeconds ?? 12 * 3600}s`)
        .sign(key);
    },
  };
}
