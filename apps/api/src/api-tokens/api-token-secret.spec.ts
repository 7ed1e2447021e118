import { describe, expect, it } from 'vitest';
import { generateApiToken, hashApiToken, isApiToken, isWellFormedApiToken } from './api-token-secret';

describe('API token secrets', () => {
  it('are nprod_<prefix>_<secret>, unique, and stored as a SHA-256 hash only', () => {
    const a = generateApiToken();
    const b = generateApiToken();
    expect(a.token).toMatch(/^nprod_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/);
    expect(a.token.startsWith(`${a.prefix}_`)).toBe(true);
    expect(a.hash).toBe(hashApiToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token.slice(15));
    expect(b.token).not.toBe(a.token);
    expect(isWellFormedApiToken(a.token)).toBe(true);
    expect(isApiToken(a.token)).toBe(true);
    expect(isApiToken('eyJhbGciOiJIUzI1NiJ9.e30.x')).toBe(false);
    expect(isWellFormedApiToken('nprod_zz_short')).toBe(false);
  });
});
