import { describe, expect, it } from 'vitest';
import { GraphQLRequestError } from './graphqlErrors';
import { describeLoginFailure } from './loginErrors';

const refusal = (code: string, extensions: Record<string, unknown> = {}, message = 'refused') =>
  new GraphQLRequestError(message, code, undefined, [{ message, extensions: { code, ...extensions } }]);

describe('describeLoginFailure', () => {
  it('asks for the TOTP code without an error the first time, and with one after a wrong code', () => {
    expect(describeLoginFailure(refusal('UNAUTHENTICATED', { reason: 'TOTP_REQUIRED' }))).toEqual({ step: 'otp' });
    expect(describeLoginFailure(refusal('UNAUTHENTICATED', { reason: 'TOTP_INVALID' }))).toEqual({ step: 'otp', message: 'nprod.auth.totp_invalid' });
  });

  it('says how long a locked login must wait, in whole minutes', () => {
    expect(describeLoginFailure(refusal('UNAUTHENTICATED', { reason: 'LOGIN_LOCKED', retryAfterSeconds: 61 }))).toEqual({ message: 'nprod.auth.locked', args: { smart_count: 2 } });
    expect(describeLoginFailure(refusal('UNAUTHENTICATED', { reason: 'LOGIN_LOCKED', retryAfterSeconds: 5 })).args).toEqual({ smart_count: 1 });
  });

  it('says how many seconds a throttled address must wait', () => {
    expect(describeLoginFailure(refusal('TOO_MANY_REQUESTS', { retryAfterSeconds: 7 }))).toEqual({ message: 'nprod.auth.throttled', args: { smart_count: 7 } });
  });

  it('keeps wrong credentials, network trouble and bad input apart', () => {
    expect(describeLoginFailure(refusal('UNAUTHENTICATED'))).toEqual({ message: 'nprod.auth.wrong_credentials' });
    expect(describeLoginFailure(new TypeError('Failed to fetch'))).toEqual({ message: 'nprod.errors.network' });
    expect(describeLoginFailure(refusal('BAD_USER_INPUT', { field: 'login' }, 'Enter your email.'))).toEqual({ message: 'Enter your email.' });
  });
});
