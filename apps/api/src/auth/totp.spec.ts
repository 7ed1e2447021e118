import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, totp, verifyTotp } from './totp';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const seed = Buffer.from('12345678901234567890', 'ascii');

describe('TOTP (RFC 6238)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('matches the RFC test vector at T=%i', (seconds, expected) => {
    expect(totp(seed, seconds * 1000, 8)).toBe(expected);
    // Six digits are the last six of the eight: the same truncated value modulo 10^6.
    expect(totp(seed, seconds * 1000)).toBe(expected.slice(2));
  });

  it('matches the RFC 4226 HOTP vectors', () => {
    expect([0, 1, 2, 3, 9].map((counter) => hotp(seed, counter))).toEqual(['755224', '287082', '359152', '969429', '520489']);
  });

  it('accepts one step of drift either side, and refuses older or reused steps', () => {
    const now = 1111111111_000;
    const step = Math.floor(now / 30_000);
    expect(verifyTotp(seed, totp(seed, now), now)).toBe(step);
    expect(verifyTotp(seed, totp(seed, now - 30_000), now)).toBe(step - 1);
    expect(verifyTotp(seed, totp(seed, now + 30_000), now)).toBe(step + 1);
    expect(verifyTotp(seed, totp(seed, now - 60_000), now)).toBeNull();
    expect(verifyTotp(seed, totp(seed, now), now, step)).toBeNull();
    expect(verifyTotp(seed, '12345', now)).toBeNull();
    expect(verifyTotp(seed, 'abcdef', now)).toBeNull();
  });

  it('round-trips base32 and builds an otpauth URI apps can read', () => {
    expect(base32Encode(seed)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(seed);
    for (let length = 0; length < 12; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 11) & 255));
      expect(base32Decode(base32Encode(bytes))).toEqual(bytes);
    }
    expect(() => base32Decode('0189')).toThrow(/base32/);
    expect(otpauthUri('GEZDGNBV', 'a@b.kz')).toBe('otpauth://totp/NPROD:a%40b.kz?secret=GEZDGNBV&issuer=NPROD&algorithm=SHA1&digits=6&period=30');
  });
});
