import { describe, expect, it } from 'vitest';
import { AppException, ErrorCode } from '../common/app-exception';
import type { AuthUser } from './auth-user';
import type { AuthService } from './auth.service';
import type { GraphqlContext } from './graphql-context';
import { SUBSCRIBER_RECHECK_MS, currentSubscriber } from './subscription-auth';

const alice: AuthUser = { id: 'u1', email: 'alice@example.kz', platformRole: null, memberships: [{ tenantId: 't1', role: 'OWNER' as never }] };

/** An AuthService whose `identify` answers from a list, counting calls. */
function authAnswering(...answers: Array<AuthUser | string>) {
  const auth = { calls: 0, identify: async () => answers[Math.min(auth.calls++, answers.length - 1)] };
  return auth as unknown as AuthService & { calls: number };
}

const connectedAt = 1_000_000;
const context = (): GraphqlContext => ({ user: alice, bearer: 'token', identifiedAt: connectedAt }) as GraphqlContext;

describe('currentSubscriber', () => {
  it('trusts the identity the socket connected with for a while, without asking again', async () => {
    const auth = authAnswering('never asked');
    expect(await currentSubscriber(auth, context(), connectedAt + SUBSCRIBER_RECHECK_MS - 1)).toBe(alice);
    expect(auth.calls).toBe(0);
  });

  it('reads the identity again after that, picking up changed memberships', async () => {
    const moved = { ...alice, memberships: [] };
    const auth = authAnswering(moved);
    const ctx = context();
    expect(await currentSubscriber(auth, ctx, connectedAt + SUBSCRIBER_RECHECK_MS)).toBe(moved);
    expect(ctx).toMatchObject({ user: moved, identifiedAt: connectedAt + SUBSCRIBER_RECHECK_MS });
  });

  it('ends with UNAUTHENTICATED and what to do once the token no longer holds', async () => {
    const auth = authAnswering('You signed out, or this session was closed for safety; sign in again.');
    const refused = await currentSubscriber(auth, context(), connectedAt + SUBSCRIBER_RECHECK_MS).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(AppException);
    expect(refused).toMatchObject({ code: ErrorCode.Unauthenticated, message: expect.stringMatching(/sign in again\. Reconnect the socket with the new token\.$/) });
  });

  it('refuses a context without a connected identity', async () => {
    await expect(currentSubscriber(authAnswering(alice), {} as GraphqlContext, connectedAt)).rejects.toMatchObject({ code: ErrorCode.Unauthenticated });
  });
});
