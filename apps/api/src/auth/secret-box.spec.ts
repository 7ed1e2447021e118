import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

const key = 'k'.repeat(32);

describe('SecretBox (AES-256-GCM at rest)', () => {
  it('round-trips, with a fresh IV every time', () => {
    const box = new SecretBox(key, 'totp');
    const secret = Buffer.from('12345678901234567890');
    const a = box.seal(secret, 'user-1');
    const b = box.seal(secret, 'user-1');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain(secret.toString('base64url'));
    expect(box.open(a, 'user-1')).toEqual(secret);
  });

  it('refuses another owner, another key, another purpose and any altered byte', () => {
    const sealed = new SecretBox(key, 'totp').seal(Buffer.from('secret'), 'user-1');
    expect(() => new SecretBox(key, 'totp').open(sealed, 'user-2')).toThrow();
    expect(() => new SecretBox('x'.repeat(32), 'totp').open(sealed, 'user-1')).toThrow();
    expect(() => new SecretBox(key, 'other').open(sealed, 'user-1')).toThrow();
    const parts = sealed.split('.');
    const flipped = Buffer.from(parts[3], 'base64url');
    flipped[0] ^= 1;
    expect(() => new SecretBox(key, 'totp').open([...parts.slice(0, 3), flipped.toString('base64url')].join('.'), 'user-1')).toThrow();
    expect(() => new SecretBox(key, 'totp').open('garbage', 'user-1')).toThrow(/not a sealed value/);
  });

  it('refuses a key shorter than 32 characters', () => {
    expect(() => new SecretBox('short', 'totp')).toThrow(/32 characters/);
  });
});
