/**
 * The signed-in user: a bearer token (the development issuer's locally, Cognito's in AWS) and
 * its claims, kept in localStorage so a reload stays signed in.
 */
export type Role = 'platform_admin' | 'hr_admin' | 'employee' | 'partner';

export interface Claims {
  sub: string;
  role?: Role;
  'cognito:groups'?: string[];
  company_id?: string;
  employee_id?: string;
  partner_id?: string;
  name?: string;
  exp?: number;
}

export interface Session {
  token: string;
  claims: Claims;
  role: Role;
  /** How the user is shown in the header. */
  label: string;
}

const KEY = 'gifting.session';
const listeners = new Set<() => void>();
let current: Session | null | undefined;

export function decodeClaims(token: string): Claims {
  const payload = token.split('.')[1] ?? '';
  const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(payload.length / 4) * 4, '='));
  return JSON.parse(decodeURIComponent(escape(json))) as Claims;
}

export function roleOf(claims: Claims): Role | undefined {
  const roles: Role[] = ['platform_admin', 'hr_admin', 'employee', 'partner'];
  if (claims.role && roles.includes(claims.role)) return claims.role;
  return claims['cognito:groups']?.find((g): g is Role => roles.includes(g as Role));
}

export function session(): Session | null {
  if (current !== undefined) return current;
  try {
    const stored = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Session | null;
    current = stored && (!stored.claims.exp || stored.claims.exp * 1000 > Date.now()) ? stored : null;
  } catch {
    current = null;
  }
  return current;
}

export function signIn(token: string, label?: string): Session {
  const claims = decodeClaims(token);
  const role = roleOf(claims);
  if (!role) throw new Error('This account has no role on the platform');
  current = { token, claims, role, label: label ?? claims.name ?? claims.sub };
  localStorage.setItem(KEY, JSON.stringify(current));
  listeners.forEach((l) => l());
  return current;
}

export function signOut(): void {
  current = null;
  localStorage.removeItem(KEY);
  listeners.forEach((l) => l());
}

export function onSessionChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Where each role starts. */
export function homeOf(role: Role): string {
  return role === 'employee' ? '/store' : role === 'hr_admin' ? '/hr' : role === 'partner' ? '/partner' : '/signin';
}
