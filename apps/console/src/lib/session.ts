/**
 * The signed-in session: tokens in localStorage (shared by tabs), a proactive refresh before the
 * short-lived access token expires, and one in-flight refresh at a time.
 */
import type { AuthPayload, Me } from './types';

export interface Session {
  accessToken: string;
  refreshToken: string;
  /** Epoch milliseconds when the access token stops being accepted. */
  expiresAt: number;
  /** Lifetime the server granted, used to size the refresh margin. */
  lifetimeMs: number;
  user: Me;
}

const STORAGE_KEY = 'nprod.session';
const MAX_REFRESH_MARGIN_MS = 60_000;

/** Refresh this long before expiry: a minute, or a fifth of very short lifetimes (tests use seconds). */
export const refreshMarginMs = (lifetimeMs: number): number => Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 5);

export const sessionFromPayload = (payload: AuthPayload, now: number): Session => ({
  accessToken: payload.accessToken,
  refreshToken: payload.refreshToken,
  expiresAt: now + payload.expiresIn * 1000,
  lifetimeMs: payload.expiresIn * 1000,
  user: payload.user,
});

export const needsRefresh = (session: Session, now: number): boolean =>
  session.expiresAt - now <= refreshMarginMs(session.lifetimeMs);

type RefreshFn = (refreshToken: string) => Promise<AuthPayload>;

let refreshRequest: RefreshFn | undefined;
let inFlight: Promise<boolean> | undefined;
let timer: ReturnType<typeof setTimeout> | undefined;
let lastRefreshAt = 0;

export const readSession = (): Session | undefined => {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : undefined;
  } catch {
    return undefined;
  }
};

const writeSession = (session: Session | undefined) => {
  if (session) localStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else localStorage.removeItem(STORAGE_KEY);
};

const schedule = () => {
  if (timer) clearTimeout(timer);
  timer = undefined;
  const session = readSession();
  if (!session) return;
  const delay = Math.max(0, session.expiresAt - Date.now() - refreshMarginMs(session.lifetimeMs));
  // setTimeout overflows above ~24.8 days; tokens never live that long, but stay safe.
  timer = setTimeout(() => void refreshSession(), Math.min(delay, 2 ** 31 - 1));
};

/** Wires the refresh mutation (kept outside to avoid an import cycle) and resumes the timer after a reload. */
export const initSession = (refresh: RefreshFn) => {
  refreshRequest = refresh;
  schedule();
  window.addEventListener('storage', (event) => {
    if (event.key === STORAGE_KEY) schedule();
  });
};

export const startSession = (payload: AuthPayload) => {
  writeSession(sessionFromPayload(payload, Date.now()));
  lastRefreshAt = 0;
  schedule();
};

export const endSession = () => {
  writeSession(undefined);
  if (timer) clearTimeout(timer);
  timer = undefined;
};

export const updateSessionUser = (user: Me) => {
  const session = readSession();
  if (session) writeSession({ ...session, user });
};

/** Milliseconds since the last refresh attempt; lets checkError refresh at most once per failure. */
export const msSinceLastRefresh = () => Date.now() - lastRefreshAt;

/** Exchanges the refresh token; resolves false (and ends the session when rejected) instead of throwing. */
export const refreshSession = (): Promise<boolean> => {
  if (inFlight) return inFlight;
  const before = readSession();
  if (!before || !refreshRequest) return Promise.resolve(false);
  const request = refreshRequest;
  lastRefreshAt = Date.now();
  inFlight = (async () => {
    try {
      const payload = await request(before.refreshToken);
      startSession(payload);
      lastRefreshAt = Date.now();
      return true;
    } catch (error) {
      const current = readSession();
      // Another tab may have rotated the refresh token first: its new session is good.
      if (current && current.refreshToken !== before.refreshToken && !needsRefresh(current, Date.now())) {
        schedule();
        return true;
      }
      if (!(error instanceof TypeError)) endSession();
      return false;
    } finally {
      inFlight = undefined;
    }
  })();
  return inFlight;
};

/** The access token to send now, refreshed first when it is about to expire. */
export const getAccessToken = async (): Promise<string | undefined> => {
  const session = readSession();
  if (!session) return undefined;
  if (needsRefresh(session, Date.now())) {
    await refreshSession();
    return readSession()?.accessToken;
  }
  return session.accessToken;
};
