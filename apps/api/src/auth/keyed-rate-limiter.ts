/** Milliseconds; injected so tests run the bucket without waiting. */
export type Now = () => number;

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** Beyond this many tracked addresses, full (idle) buckets are forgotten: they carry no state worth keeping. */
const PRUNE_ABOVE = 10_000;

/**
 * Token buckets per key (a source address), in this process. Sign-ins are refused here,
 * before any Argon2 work, so a flood of guesses cannot spend the CPU. With N API replicas
 * an address gets up to N times the rate, which still bounds guessing per replica.
 */
export class KeyedRateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    ratePerMinute: number,
    readonly burst: number,
    private readonly now: Now = Date.now,
  ) {
    if (!(ratePerMinute > 0)) throw new RangeError(`the rate must be positive, got ${ratePerMinute}`);
    if (!(burst >= 1)) throw new RangeError(`the burst must be at least 1, got ${burst}`);
    this.perMs = ratePerMinute / 60_000;
  }

  /** Takes a token for `key`: 0 when allowed, otherwise the whole seconds until the next token. */
  take(key: string): number {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs);
    bucket.updatedAt = now;
    if (!this.buckets.has(key)) {
      if (this.buckets.size >= PRUNE_ABOVE) this.prune(now);
      this.buckets.set(key, bucket);
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.perMs / 1000));
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.updatedAt) * this.perMs >= this.burst) this.buckets.delete(key);
    }
  }
}
