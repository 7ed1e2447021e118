/** Time as the kube layer sees it; tests inject a fake one to run rate limits and backoff instantly. */
export interface Clock {
  /** Milliseconds, monotonic enough for rate limiting and deadlines. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
