import { systemClock, type Clock } from './clock';

export interface TokenBucketOptions {
  /** Sustained requests per second. */
  qps: number;
  /** Requests allowed at once after a quiet period (the bucket's capacity). */
  burst: number;
  clock?: Clock;
}

/**
 * A token bucket rate limiter (the one client-go puts in front of every cluster; @kubernetes/client-node
 * has none). Callers reserve a token and wait until it is due, so waiting callers are served in order
 * without a queue: the balance goes negative by the number of reservations outstanding.
 */
export class TokenBucket {
  readonly qps: number;
  readonly burst: number;
  private readonly clock: Clock;
  private tokens: number;
  private updatedAt: number;

  constructor(options: TokenBucketOptions) {
    if (!(options.qps > 0)) throw new RangeError(`qps must be positive, got ${options.qps}`);
    if (!(options.burst >= 1)) throw new RangeError(`burst must be at least 1, got ${options.burst}`);
    this.qps = options.qps;
    this.burst = options.burst;
    this.clock = options.clock ?? systemClock;
    this.tokens = options.burst;
    this.updatedAt = this.clock.now();
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.updatedAt) / 1000) * this.qps);
    this.updatedAt = now;
  }

  /** Tokens available right now (negative while reservations wait). */
  available(): number {
    this.refill();
    return this.tokens;
  }

  /** Takes a token if one is available now; never waits. */
  tryTake(): boolean {
    this.refill();
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Reserves a token and returns how long the caller must wait before using it. */
  reserve(): number {
    this.refill();
    this.tokens -= 1;
    return this.tokens >= 0 ? 0 : (-this.tokens / this.qps) * 1000;
  }

  /** Waits until a token is available and takes it. */
  async take(): Promise<void> {
    const waitMs = this.reserve();
    if (waitMs > 0) await this.clock.sleep(waitMs);
  }
}
