import { describe, expect, it } from 'vitest';
import { KeyedRateLimiter } from './keyed-rate-limiter';

describe('KeyedRateLimiter', () => {
  it('allows the burst at once, then the sustained rate, per key', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(10, 20, () => now);
    for (let i = 0; i < 20; i++) expect(limiter.take('10.0.0.1')).toBe(0);
    expect(limiter.take('10.0.0.1')).toBe(6);
    expect(limiter.take('10.0.0.2')).toBe(0);
    now += 5_999;
    expect(limiter.take('10.0.0.1')).toBe(1);
    now += 1;
    expect(limiter.take('10.0.0.1')).toBe(0);
    expect(limiter.take('10.0.0.1')).toBe(6);
    now += 120_000;
    for (let i = 0; i < 20; i++) expect(limiter.take('10.0.0.1')).toBe(0);
    expect(limiter.take('10.0.0.1')).toBeGreaterThan(0);
  });

  it('forgets idle addresses instead of growing without bound', () => {
    let now = 0;
    const limiter = new KeyedRateLimiter(60, 2, () => now);
    for (let i = 0; i < 10_000; i++) limiter.take(`a${i}`);
    now += 60_000;
    limiter.take('fresh');
    expect(limiter.size).toBe(1);
  });

  it('refuses nonsense settings', () => {
    expect(() => new KeyedRateLimiter(0, 1)).toThrow(/rate/);
    expect(() => new KeyedRateLimiter(1, 0)).toThrow(/burst/);
  });
});
