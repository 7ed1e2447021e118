/** What the sign-in page shows for a refused sign-in: which step to be on and a message in the console's language. */
import { GraphQLRequestError } from './graphqlErrors';

export type LoginStep = 'password' | 'otp';

export interface LoginFailure {
  /** A translation key (or, for input the API rejected, its own words). Absent when the next step needs no message. */
  message?: string;
  args?: Record<string, unknown>;
  /** Set when the page must change step (the TOTP code is needed). */
  step?: LoginStep;
}

/** Carries a LoginFailure through react-admin's useLogin, which rethrows what authProvider.login throws. */
export class LoginError extends Error {
  constructor(readonly failure: LoginFailure) {
    super(failure.message ?? 'nprod.auth.totp_prompt');
    this.name = 'LoginError';
  }
}

const minutes = (seconds: number) => Math.max(1, Math.ceil(seconds / 60));

export const describeLoginFailure = (error: unknown): LoginFailure => {
  if (error instanceof TypeError) return { message: 'nprod.errors.network' };
  if (!(error instanceof GraphQLRequestError)) return { message: error instanceof Error && error.message ? error.message : 'nprod.auth.failed' };
  const extensions = error.graphQLErrors[0]?.extensions ?? {};
  const reason = typeof extensions.reason === 'string' ? extensions.reason : undefined;
  const retryAfter = typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : 60;
  if (reason === 'TOTP_REQUIRED') return { step: 'otp' };
  if (reason === 'TOTP_INVALID') return { step: 'otp', message: 'nprod.auth.totp_invalid' };
  if (reason === 'LOGIN_LOCKED') return { message: 'nprod.auth.locked', args: { smart_count: minutes(retryAfter) } };
  if (error.code === 'TOO_MANY_REQUESTS') return { message: 'nprod.auth.throttled', args: { smart_count: Math.max(1, Math.ceil(retryAfter)) } };
  if (error.code === 'UNAUTHENTICATED') return { message: 'nprod.auth.wrong_credentials' };
  return { message: error.message || 'nprod.auth.failed' };
};
