import { createHash, randomBytes } from 'node:crypto';

/** Every API token starts with this, so scanners and people recognise one (and the API tells it from a JWT). */
export const API_TOKEN_PREFIX = 'nprod_';

const FORMAT = /^nprod_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface NewApiToken {
  /** `nprod_<prefix>_<secret>`: shown to its creator once, never stored. */
  token: string;
  /** `nprod_<prefix>`, stored and shown, so people can tell their tokens apart. */
  prefix: string;
  hash: string;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** 256 random bits of secret; the 32-bit prefix only names the token. */
export function generateApiToken(): NewApiToken {
  const prefix = `${API_TOKEN_PREFIX}${randomBytes(4).toString('hex')}`;
  const token = `${prefix}_${randomBytes(32).toString('base64url')}`;
  return { token, prefix, hash: hashApiToken(token) };
}

export function isApiToken(bearer: string): boolean {
  return bearer.startsWith(API_TOKEN_PREFIX);
}

export function isWellFormedApiToken(bearer: string): boolean {
  return FORMAT.test(bearer);
}
