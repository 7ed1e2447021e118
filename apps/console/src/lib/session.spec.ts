import { describe, expect, it } from 'vitest';
import { needsRefresh, refreshMarginMs, sessionFromPayload } from './session';

const payload = (expiresIn: number) => ({
  accessToken: 'a',
  refreshToken: 'r',
  expiresIn,
  user: { id: 'u', email: 'e@example.kz', displayName: 'E', platformRole: null, memberships: [] },
});

describe('session timing', () => {
  it('refreshes a minute early for 15-minute tokens and a fifth early for very short ones', () => {
    expect(refreshMarginMs(15 * 60_000)).toBe(60_000);
    expect(refreshMarginMs(10_000)).toBe(2_000);
  });

  it('needs a refresh only inside the margin', () => {
    const session = sessionFromPayload(payload(900), 0);
    expect(session.expiresAt).toBe(900_000);
    expect(needsRefresh(session, 800_000)).toBe(false);
    expect(needsRefresh(session, 840_000)).toBe(true);
    expect(needsRefresh(session, 1_000_000)).toBe(true);
  });
});
