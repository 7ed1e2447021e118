import { describe, expect, it } from 'vitest';
import type { Clock } from './clock';
import { TokenBucket } from './token-bucket';

/** A clock that only moves when told to; sleep() advances it, so waits are observable and instant. */
class FakeClock implements Clock {
  current = 0;
  readonly sleeps: number[] = [];

  now(): number {
    return this.current;
  }

  async sleep(ms: number): Promise<void> {
    this.sleeps.push(ms);
    this.current += ms;
  }

  advance(ms: number): void {
    this.current += ms;
  }
}

describe('TokenBucket', () => {
  it('allows a burst at once, then one token per 1/qps seconds', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ qps: 10, burst: 3, clock });
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, true, false]);
    clock.advance(99);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
  });

  it('never stores more than burst tokens however long it was idle', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ qps: 5, burst: 2, clock });
    clock.advance(60_000);
    expect(bucket.available()).toBe(2);
    expect([bucket.tryTake(), bucket.tryTake(), bucket.tryTake()]).toEqual([true, true, false]);
  });

  it('queues reservations in order: each waits one interval more than the one before', () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ qps: 4, burst: 1, clock });
    expect([bucket.reserve(), bucket.reserve(), bucket.reserve()]).toEqual([0, 250, 500]);
    expect(bucket.available()).toBe(-2);
    clock.advance(500);
    expect(bucket.available()).toBe(0);
  });

  it('take() sleeps exactly as long as needed and sustains qps over time', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket({ qps: 20, burst: 5, clock });
    for (let request = 0; request < 25; request += 1) await bucket.take();
    // 5 from the burst, 20 more at 20 per second: one second in total.
    expect(clock.now()).toBeCloseTo(1000, 6);
    expect(clock.sleeps.slice(0, 1)).toEqual([50]);
  });

  it('rejects settings that cannot limit anything', () => {
    expect(() => new TokenBucket({ qps: 0, burst: 1 })).toThrow(RangeError);
    expect(() => new TokenBucket({ qps: 1, burst: 0 })).toThrow(RangeError);
  });
});
