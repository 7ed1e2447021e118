import { describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from './access-token';

const secret = 's'.repeat(32);
const claims = { sub: 'u1', email: 'a@b.c', prl: 'OPERATOR' };

describe('access tokens', () => {
  it('round-trips claims until they expire', () => {
    const token = signAccessToken(claims, secret, 60, 1_000_000);
    expect(verifyAccessToken(token, secret, 1_000_000)).toMatchObject({ ...claims, iat: 1000, exp: 1060 });
    expect(verifyAccessToken(token, secret, 1_060_000)).toBeNull();
  });

  it('rejects a token signed with another secret or altered', () => {
    const token = signAccessToken(claims, secret, 60);
    expect(verifyAccessToken(token, 'x'.repeat(32))).toBeNull();
    const [head, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, prl: 'OPERATOR', sub: 'u2', exp: 9e9 })).toString('base64url');
    expect(verifyAccessToken(`${head}.${forged}.${signature}`, secret)).toBeNull();
    expect(verifyAccessToken('not-a-token', secret)).toBeNull();
  });
});
