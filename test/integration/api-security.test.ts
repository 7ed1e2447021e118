import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD, startApi, testConfig, type ApiHarness } from '../support/api-harness';
import { startTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let development: ApiHarness;
let production: ApiHarness;

beforeAll(async () => {
  database = await startTestDatabase();
  development = await startApi(testConfig(database.url));
  production = await startApi(testConfig(database.url, { NODE_ENV: 'production', CORS_ORIGINS: 'https://console.example.org' }));
});

afterAll(async () => {
  await production?.stop();
  await development?.stop();
  await database?.stop();
});

describe('API security bar', () => {
  it('sends secure headers and a request id', async () => {
    const response = await fetch(`${production.url}/healthz`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(response.headers.get('strict-transport-security')).toContain('max-age');
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('refuses introspection in production only', async () => {
    const query = JSON.stringify({ query: '{ __schema { queryType { name } } }' });
    const refused = await (await fetch(`${production.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query })).json();
    expect(JSON.stringify(refused)).toContain('introspection');
    const allowed = await (await fetch(`${development.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: query })).json();
    expect(allowed).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
  });

  it('refuses queries that are too deep or too expensive, with a message and BAD_USER_INPUT', async () => {
    const client = production.client();
    await client.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
    const wide = `{ ${Array.from({ length: 12 }, (_, i) => `a${i}: allTenants(perPage: 500) { id name slug allocation { cpuMillicores memoryMiB } }`).join(' ')} }`;
    const expensive = await client.request(wide);
    expect(expensive.errors?.[0].message).toMatch(/too expensive \(estimated cost \d+, limit 10000\)/);
    expect(expensive.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const cheap = await client.request('{ allTenants(perPage: 25) { id name allocation { cpuMillicores } } }');
    expect(cheap.errors).toBeUndefined();
    const deep = await client.request('{ allSpaces { tenant { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } }');
    expect(deep.errors?.[0].message).toMatch(/depth/i);
  });

  it('answers CORS preflights only for allowed origins', async () => {
    const preflight = (origin: string) =>
      fetch(`${production.url}/graphql`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect((await preflight('https://console.example.org')).headers.get('access-control-allow-origin')).toBe('https://console.example.org');
    expect((await preflight('https://evil.example.com')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
