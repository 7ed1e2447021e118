import { describe, expect, it } from 'vitest';
import { errorCode, httpErrorFromGraphQLErrors } from './graphqlErrors';

describe('httpErrorFromGraphQLErrors', () => {
  it('maps codes to HTTP statuses and keeps the message', () => {
    const error = httpErrorFromGraphQLErrors([{ message: 'Slug is taken', extensions: { code: 'CONFLICT' } }]);
    expect(error.status).toBe(409);
    expect(error.message).toBe('Slug is taken');
    expect(errorCode(error)).toBe('CONFLICT');
  });

  it('puts BAD_USER_INPUT on the form field, translating API units to form units', () => {
    const error = httpErrorFromGraphQLErrors([{ message: 'Only 2 cores left', extensions: { code: 'BAD_USER_INPUT', field: 'cpuMillicores' } }]);
    expect(error.status).toBe(400);
    expect(error.body.errors).toEqual({ cpuCores: 'Only 2 cores left', root: { serverError: 'Only 2 cores left' } });
  });

  it('treats UNAUTHENTICATED as 401', () => {
    expect(errorCode(httpErrorFromGraphQLErrors([{ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }]))).toBe('UNAUTHENTICATED');
  });
});
