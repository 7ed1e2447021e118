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

  it('puts a conflict with a field (a taken slug) on that input, in the console language when it knows the case', () => {
    const error = httpErrorFromGraphQLErrors([{ message: 'The slug "web" is already taken', extensions: { code: 'CONFLICT', field: 'slug' } }], {
      translate: (key) => `t:${key}`,
      formatAmount: String,
    });
    expect(error.status).toBe(409);
    expect(error.body.errors).toEqual({ slug: 't:nprod.errors.slug_taken', root: { serverError: 't:nprod.errors.slug_taken' } });
  });

  it('keeps the API message for a conflict it has no translation for', () => {
    const error = httpErrorFromGraphQLErrors([{ message: 'Key reused', extensions: { code: 'CONFLICT', field: 'idempotencyKey' } }]);
    expect(error.body.errors).toEqual({ idempotencyKey: 'Key reused', root: { serverError: 'Key reused' } });
  });

  it('puts every quota shortfall on its own input, in form units', () => {
    const shortfalls = [
      { resource: 'cpuMillicores', requested: 16000, allocated: 4000, inUse: 2000, free: 2000 },
      { resource: 'storageGiB', requested: 500, allocated: 50, inUse: 20, free: 30 },
      { resource: 'spaces', requested: 1, allocated: 3, inUse: 3, free: 0 },
    ];
    const error = httpErrorFromGraphQLErrors(
      [{ message: 'Does not fit', extensions: { code: 'QUOTA_EXCEEDED', field: 'cpuMillicores', shortfalls } }],
      { translate: (key, options) => `${key}(${options?.free ?? ''}/${options?.allocated ?? ''})`, formatAmount: (resource, amount) => `${amount} ${resource}` },
    );
    expect(error.status).toBe(409);
    expect(error.body.errors).toEqual({
      cpuCores: 'nprod.errors.quota_shortfall(2000 cpuMillicores/4000 cpuMillicores)',
      storageGiB: 'nprod.errors.quota_shortfall(30 storageGiB/50 storageGiB)',
      tenantId: 'nprod.errors.quota_spaces(0 spaces/3 spaces)',
      root: { serverError: 'nprod.errors.quota_exceeded(/)' },
    });
    expect(error.message).toBe('nprod.errors.quota_exceeded(/)');
  });

  it('treats UNAUTHENTICATED as 401', () => {
    expect(errorCode(httpErrorFromGraphQLErrors([{ message: 'Sign in', extensions: { code: 'UNAUTHENTICATED' } }]))).toBe('UNAUTHENTICATED');
  });

  it('says "last owner" in the console language, on the role input', () => {
    const error = httpErrorFromGraphQLErrors([{ message: 'Cannot remove the last owner', extensions: { code: 'CONFLICT', field: 'role', reason: 'LAST_OWNER' } }], {
      translate: (key) => `t:${key}`,
      formatAmount: String,
    });
    expect(error.status).toBe(409);
    expect(error.message).toBe('t:nprod.errors.last_owner');
    expect(error.body.errors).toEqual({ role: 't:nprod.errors.last_owner', root: { serverError: 't:nprod.errors.last_owner' } });
  });

  it('puts each limit below what is in use on its own input, in form units and fields', () => {
    const inUse = [{ resource: 'cpuMillicores', field: 'cpuMillicores', requested: 1000, inUse: 2000 }, { resource: 'spaces', field: 'maxSpaces', requested: 0, inUse: 1 }];
    const error = httpErrorFromGraphQLErrors([{ message: 'CPU: 2 CPU in use', extensions: { code: 'BAD_USER_INPUT', field: 'cpuMillicores', reason: 'BELOW_USE', inUse } }], {
      translate: (key, options) => (key === 'nprod.errors.below_use' ? `${options?.inUse} > ${options?.requested}` : key),
      formatAmount: (resource, amount) => `${amount}${resource === 'cpuMillicores' ? 'm' : ''}`,
    });
    expect(error.body.errors).toEqual({ cpuCores: '2000m > 1000m', maxSpaces: '1 > 0', root: { serverError: 'nprod.errors.below_use_summary' } });
  });

  it('maps quota shortfalls of allocation forms to their own inputs', () => {
    const shortfalls = [{ resource: 'spaces', requested: 2, allocated: 5, inUse: 4, free: 1 }];
    const error = httpErrorFromGraphQLErrors([{ message: 'Parent short', extensions: { code: 'QUOTA_EXCEEDED', field: 'maxSpaces', shortfalls } }], {
      translate: (key) => key,
      formatAmount: (_resource, amount) => String(amount),
      fieldMap: { spaces: 'maxSpaces' },
    });
    expect(error.body.errors).toMatchObject({ maxSpaces: 'nprod.errors.quota_spaces' });
  });
});
