import { AuditEventEntity, MembershipEntity, SsoExchangeCodeEntity, TenantEntity, UserEntity, UserIdentityEntity, createDataSource } from '@nprod/database';
import { freePort } from '@nprod/testing';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { startApi, testConfig, type ApiHarness } from '../support/api-harness';
import { CookieJar, TEST_OIDC_SCOPES, followBrowserRedirects, startOidcProvider, type OidcProviderHarness } from '../support/oidc-provider-harness';
import { startTestDatabase, type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let oidc: OidcProviderHarness;
let api: ApiHarness;
let db: DataSource;
let agencyId: string;
let callbackUrl: string;

const EXCHANGE = 'mutation($code: String!) { exchangeSsoCode(code: $code) { accessToken refreshToken user { id email displayName platformRole memberships { tenantId role } } } }';

const ssoEvents = (after: string) =>
  db.getRepository(AuditEventEntity).createQueryBuilder('e').where('e.action = :action AND e.id > :after', { action: 'ssoLogin', after }).orderBy('e.id').getMany();
const lastAuditId = async () => (await db.query<Array<{ id: string | null }>>('SELECT max(id)::text AS id FROM audit_events'))[0].id ?? '0';

beforeAll(async () => {
  database = await startTestDatabase();
  const apiPort = await freePort();
  callbackUrl = `http://127.0.0.1:${apiPort}/auth/oidc/callback`;
  oidc = await startOidcProvider(callbackUrl);
  api = await startApi(
    testConfig(database.url, {
      PORT: String(apiPort),
      OIDC_ISSUER_URL: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_REDIRECT_URL: callbackUrl,
      OIDC_SCOPES: TEST_OIDC_SCOPES,
      OIDC_CLAIM_TENANT: 'nprod_tenant',
      OIDC_CLAIM_ROLES: 'groups',
      OIDC_ROLE_MAP: JSON.stringify({ 'nprod-operators': 'OPERATOR', 'agency-admins': 'ADMIN', staff: 'MEMBER' }),
    }),
  );
  db = await createDataSource({ url: database.url, poolSize: 2 }).initialize();
  agencyId = (await db.getRepository(TenantEntity).findOneByOrFail({ slug: DEMO_AGENCY_SLUG })).id;
});

afterAll(async () => {
  await db?.destroy();
  await api?.stop();
  await oidc?.stop();
  await database?.stop();
});

describe('single sign-on with an OpenID Connect provider', () => {
  it('advertises itself in platformInfo', async () => {
    expect((await api.client().data('{ platformInfo { ssoEnabled } }')).platformInfo.ssoEnabled).toBe(true);
  });

  it('signs a new person in with PKCE, creates the user with the mapped tenant role, and hands over tokens only through a one-time code', async () => {
    const before = await lastAuditId();
    oidc.signInAs({ sub: 'kc-aliya', email: 'Aliya@Agency.kz', email_verified: true, name: 'Aliya Nurlanovna', groups: ['agency-admins', 'unrelated'], nprod_tenant: DEMO_AGENCY_SLUG });
    const flow = await followBrowserRedirects(`${api.url}/auth/oidc/login?returnTo=/tenants`);

    const authorize = new URL(flow.visited[1]);
    expect(authorize.origin).toBe(oidc.issuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toBeTruthy();
    expect(authorize.searchParams.get('nonce')).toBeTruthy();
    expect(authorize.searchParams.get('scope')).toBe(TEST_OIDC_SCOPES);
    expect(flow.visited.some((url) => url.startsWith(callbackUrl))).toBe(true);
    expect(flow.consoleUrl.startsWith(`${api.url}/#/sso?`)).toBe(true);
    expect(flow.params.get('returnTo')).toBe('/tenants');
    expect(flow.visited.join(' ')).not.toMatch(/access_token|refresh_token|id_token/);

    const code = flow.params.get('code')!;
    const client = api.client();
    const { exchangeSsoCode } = await client.data(EXCHANGE, { code });
    expect(exchangeSsoCode.user).toMatchObject({ email: 'aliya@agency.kz', displayName: 'Aliya Nurlanovna', platformRole: null, memberships: [{ tenantId: agencyId, role: 'ADMIN' }] });
    client.accessToken = exchangeSsoCode.accessToken;
    expect((await client.data('{ me { email } }')).me.email).toBe('aliya@agency.kz');

    const again = await api.client().request(EXCHANGE, { code });
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('already used or expired') });
    expect(await db.getRepository(SsoExchangeCodeEntity).countBy({ codeHash: code })).toBe(0);

    const user = await db.getRepository(UserEntity).findOneByOrFail({ email: 'aliya@agency.kz' });
    expect(user.passwordHash).toBeNull();
    expect(await db.getRepository(UserIdentityEntity).findOneBy({ issuer: oidc.issuer, subject: 'kc-aliya' })).toMatchObject({ userId: user.id });
    const [event] = await ssoEvents(before);
    expect(event).toMatchObject({ outcome: 'SUCCESS', actorId: user.id, tenantId: agencyId, targetId: user.id });
    expect(event.details).toMatchObject({ account: 'created', subject: 'kc-aliya', tenantRole: 'ADMIN' });
  });

  it('follows the provider on the next sign-in: a removed group lowers the role to VIEWER and keeps the same user', async () => {
    oidc.signInAs({ sub: 'kc-aliya', email: 'aliya@agency.kz', name: 'Aliya N.', groups: [], nprod_tenant: DEMO_AGENCY_SLUG });
    const flow = await followBrowserRedirects(`${api.url}/auth/oidc/login`);
    const { exchangeSsoCode } = await api.client().data(EXCHANGE, { code: flow.params.get('code') });
    expect(exchangeSsoCode.user.memberships).toEqual([{ tenantId: agencyId, role: 'VIEWER' }]);
    expect(await db.getRepository(UserEntity).countBy({ email: 'aliya@agency.kz' })).toBe(1);
  });

  it('links an existing local account by e-mail and grants the mapped platform role', async () => {
    const operator = await db.getRepository(UserEntity).findOneByOrFail({ email: DEMO_OPERATOR_EMAIL });
    oidc.signInAs({ sub: 'kc-operator', email: DEMO_OPERATOR_EMAIL, name: 'Ops', groups: ['nprod-operators'] });
    const flow = await followBrowserRedirects(`${api.url}/auth/oidc/login`);
    const { exchangeSsoCode } = await api.client().data(EXCHANGE, { code: flow.params.get('code') });
    expect(exchangeSsoCode.user).toMatchObject({ id: operator.id, platformRole: 'OPERATOR' });
    expect(await db.getRepository(UserIdentityEntity).findOneBy({ subject: 'kc-operator' })).toMatchObject({ userId: operator.id });
  });

  it('refuses a tenant it does not know, and audits the refusal with the reason', async () => {
    const before = await lastAuditId();
    oidc.signInAs({ sub: 'kc-stranger', email: 'stranger@elsewhere.kz', groups: ['staff'], nprod_tenant: 'no-such-tenant' });
    const flow = await followBrowserRedirects(`${api.url}/auth/oidc/login`);
    expect(flow.params.get('code')).toBeNull();
    expect(flow.params.get('error')).toBe('UNKNOWN_TENANT');
    expect(flow.params.get('message')).toContain('no-such-tenant');
    expect(await db.getRepository(UserEntity).countBy({ email: 'stranger@elsewhere.kz' })).toBe(0);
    const [event] = await ssoEvents(before);
    expect(event).toMatchObject({ outcome: 'DENIED', actorLabel: 'stranger@elsewhere.kz', details: { reason: 'UNKNOWN_TENANT' } });
  });

  it('accepts a callback only once and only in the browser that started the sign-in', async () => {
    oidc.signInAs({ sub: 'kc-bob', email: 'bob@agency.kz', groups: ['staff'], nprod_tenant: DEMO_AGENCY_SLUG });
    const jar = new CookieJar();
    const started = await followBrowserRedirects(`${api.url}/auth/oidc/login`, jar, (url) => url.startsWith(callbackUrl));
    const callback = started.consoleUrl;
    expect(callback.startsWith(`${callbackUrl}?`)).toBe(true);

    const otherBrowser = await followBrowserRedirects(callback, new CookieJar());
    expect(otherBrowser.params.get('error')).toBe('BROWSER_MISMATCH');
    // The attempt was used up by that try, so even the right browser must start over.
    const replay = await followBrowserRedirects(callback, jar);
    expect(replay.params.get('error')).toBe('UNKNOWN_STATE');

    const forged = await followBrowserRedirects(`${callbackUrl}?code=abc&state=forged`, jar);
    expect(forged.params.get('error')).toBe('UNKNOWN_STATE');
    const refused = await followBrowserRedirects(`${callbackUrl}?error=access_denied&error_description=User+cancelled&state=x`, jar);
    expect(refused.params.get('error')).toBe('PROVIDER_ERROR');
    expect(refused.params.get('message')).toContain('access_denied');
    expect(await db.getRepository(UserEntity).countBy({ email: 'bob@agency.kz' })).toBe(0);
  });

  it('lets an exchange code expire after a minute and never follows returnTo off-site', async () => {
    oidc.signInAs({ sub: 'kc-carol', email: 'carol@agency.kz', groups: ['staff'], nprod_tenant: DEMO_AGENCY_SLUG });
    const flow = await followBrowserRedirects(`${api.url}/auth/oidc/login?returnTo=${encodeURIComponent('//evil.example/x')}`);
    expect(flow.params.get('returnTo')).toBeNull();
    await db.query("UPDATE sso_exchange_codes SET expires_at = now() - interval '1 second' WHERE used_at IS NULL");
    const expired = await api.client().request(EXCHANGE, { code: flow.params.get('code') });
    expect(expired.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const membership = await db.getRepository(MembershipEntity).findOneBy({ tenantId: agencyId, user: { email: 'carol@agency.kz' } });
    expect(membership?.role).toBe('MEMBER');
  });
});
