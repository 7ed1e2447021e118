/** ws: or wss: to the same host the console came from (the API serves both). */
export const socketUrl = (location: Pick<Location, 'protocol' | 'host'>, path: string): string => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${path}`;

const RETRY_MAX_MS = 30_000;

/** Waits 1 s, 2 s, 4 s … up to 30 s, with jitter so many consoles do not reconnect in step. */
export const retryDelayMs = (retries: number, random: () => number = Math.random): number => Math.min(RETRY_MAX_MS, 1000 * 2 ** retries) * (0.75 + random() * 0.5);
