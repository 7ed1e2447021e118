import { createHmac, timingSafeEqual } from 'node:crypto';

/** Claims of an access token. Roles inside tenants are read from the database per request, so membership changes apply at once. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  /** Platform role, if any. */
  prl: string | null;
  /** Session: the refresh token family, so signing out (or reuse detection) ends this token too. */
  sid?: string;
  iat: number;
  exp: number;
}

const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const sign = (input: string, secret: string) => createHmac('sha256', secret).update(input).digest('base64url');

/** Signs a compact HS256 JWT. */
export function signAccessToken(claims: Omit<AccessTokenClaims, 'iat' | 'exp'>, secret: string, ttlSeconds: number, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const payload = Buffer.from(JSON.stringify({ ...claims, iat, exp: iat + ttlSeconds })).toString('base64url');
  return `${header}.${payload}.${sign(`${header}.${payload}`, secret)}`;
}

/** The claims of a valid, unexpired token; null for anything else (no reason leaks to the caller). */
export function verifyAccessToken(token: string, secret: string, now = Date.now()): AccessTokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== header) return null;
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`, secret));
  const actual = Buffer.from(parts[2]);
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  try {
    const claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as AccessTokenClaims;
    return typeof claims.sub === 'string' && typeof claims.exp === 'number' && claims.exp * 1000 > now ? claims : null;
  } catch {
    return null;
  }
}
