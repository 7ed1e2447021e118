import { createHash } from 'node:crypto';
import {
  ApiTokenEntity,
  AuditEventEntity,
  InvitationEntity,
  MembershipEntity,
  SsoExchangeCodeEntity,
  TenantEntity,
  UserEntity,
  UserTotpEntity,
  createDataSource,
} from '@nprod/database';
import { PlatformRole, TenantRole, registryNumberWithCheckDigit } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { base32Decode, totp } from '../../apps/api/src/auth/totp';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD, startApi, testConfig, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import { GraphqlClient, type GraphqlResponse } from '../support/graphql-client';
import { type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;
let agencyAdmin: GraphqlClient;
let agencyId: string;
let otherTenantId: string;
let passwordHash: string;

const LOGIN = `mutation($login: String!, $password: String!, $otp: String) {
  login(login: $login, password: $password, otp: $otp) { accessToken refreshToken user { id email totpEnabled totpRequired } }
}`;
const CREATE_TOKEN = `mutation($tenantId: ID!, $name: String!, $role: TenantRole!, $expiresAt: DateTime!) {
  createApiToken(tenantId: $tenantId, name: $name, role: $role, expiresAt: $expiresAt) { id token apiToken { id tenantId name role prefix createdById expiresAt revokedAt active } }
}`;
const INVALID_LOGIN = 'Wrong login or password. Check the email or registry number and the password, then try again.';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

function login(client: GraphqlClient, name: string, password: string, otp?: string): Promise<GraphqlResponse<{ login: { accessToken: string; refreshToken: string; user: Record<string, unknown> } }>> {
  return client.request(LOGIN, { login: name, password, otp });
}

function bearer(url: string, token: string): GraphqlClient {
  const client = new GraphqlClient(url);
  client.accessToken = token;
  return client;
}

/** A local user with TEST_PASSWORD, optionally a member of a tenant or a platform role. */
async function createUser(email: string, membership?: { tenantId: string; role: TenantRole }, platformRole: PlatformRole | null = null): Promise<UserEntity> {
  const user = await db.getRepository(UserEntity).save(db.getRepository(UserEntity).create({ email, displayName: email, passwordHash, platformRole }));
  if (membership) await db.getRepository(MembershipEntity).insert({ userId: user.id, ...membership });
  return user;
}

async function signedIn(email: string, base = api): Promise<GraphqlClient> {
  const client = base.client();
  await client.login(email, TEST_PASSWORD);
  return client;
}

beforeAll(async () => {
  ({ database, api, db } = await startApiStack());
  passwordHash = await hashPassword(TEST_PASSWORD);
  operator = await signedIn(DEMO_OPERATOR_EMAIL);
  agencyAdmin = await signedIn(DEMO_AGENCY_ADMIN_EMAIL);
  agencyId = (await db.getRepository(TenantEntity).findOneByOrFail({ slug: DEMO_AGENCY_SLUG })).id;
  const other = await operator.data(
    `mutation { createTenant(name: "Other Business", slug: "other-business", kind: BUSINESS, region: "almaty", cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 40, maxSpaces: 3) { id } }`,
  );
  otherTenantId = other.createTenant.id;
});

afterAll(() => stopApiStack({ db, api, database }));

describe('lockout after failed sign-ins', () => {
  it('locks an account after 10 failures in a row, and an unknown login the same way with the same words', async () => {
    const account = await createUser('lock.me@nprod.local');
    const client = api.client();
    const attempts = async (name: string) => {
      const messages: string[] = [];
      for (let i = 0; i < 11; i++) {
        const result = await login(client, name, 'wrong password');
        expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
        messages.push(result.errors![0].message);
      }
      return messages;
    };
    const known = await attempts(account.email);
    const unknown = await attempts('nobody.here@nprod.local');
    expect(known.slice(0, 9)).toEqual(Array(9).fill(INVALID_LOGIN));
    expect(known[9]).toBe('Too many failed sign-ins for this login; try again in 15 minutes.');
    expect(known[10]).toBe(known[9]);
    expect(unknown).toEqual(known);

    // The right password does not open a locked account, and says nothing new.
    const locked = await login(client, account.email, TEST_PASSWORD);
    expect(locked.errors?.[0]).toMatchObject({ message: known[9], extensions: { code: 'UNAUTHENTICATED', reason: 'LOGIN_LOCKED' } });

    const events = await db.getRepository(AuditEventEntity).find({ where: { action: 'login', actorLabel: account.email }, order: { id: 'ASC' } });
    expect(events).toHaveLength(12);
    expect(events.every((event) => event.outcome === 'DENIED' && event.sourceAddress === '127.0.0.1')).toBe(true);
    expect(events.filter((event) => event.details.reason === 'LOGIN_LOCKED')).toHaveLength(3);
    expect(JSON.stringify(events)).not.toContain('wrong password');
  });

  it('unlocks after 15 minutes, and a success resets the count', async () => {
    const account = await createUser('unlock.me@nprod.local');
    const client = api.client();
    for (let i = 0; i < 10; i++) await login(client, account.email, 'wrong password');
    expect((await login(client, account.email, TEST_PASSWORD)).errors?.[0].extensions?.reason).toBe('LOGIN_LOCKED');
    // Fifteen minutes pass.
    await db.query(`UPDATE users SET locked_until = now() - interval '1 second' WHERE id = $1`, [account.id]);
    expect((await login(client, account.email, TEST_PASSWORD)).data?.login.accessToken).toBeTruthy();
    expect(await db.getRepository(UserEntity).findOneByOrFail({ id: account.id })).toMatchObject({ failedLoginCount: 0, lockedUntil: null });

    for (let i = 0; i < 9; i++) await login(client, account.email, 'wrong password');
    expect((await login(client, account.email, TEST_PASSWORD)).data?.login.accessToken).toBeTruthy();
    for (let i = 0; i < 9; i++) expect((await login(client, account.email, 'wrong password')).errors?.[0].message).toBe(INVALID_LOGIN);

    await db.query(`UPDATE login_attempts SET locked_until = now() - interval '1 second' WHERE login = 'nobody.here@nprod.local'`);
    expect((await login(client, 'Nobody.Here@nprod.local ', 'x')).errors?.[0].message).toBe(INVALID_LOGIN);
  });
});

describe('sign-in throttle per source address', () => {
  it('refuses with TOO_MANY_REQUESTS before checking the password, and audits the refusal', async () => {
    const throttled = await startApi(testConfig(database.url, { LOGIN_BURST: '3', LOGIN_RATE_PER_MINUTE: '1' }));
    try {
      const account = await createUser('throttled@nprod.local');
      const client = throttled.client();
      for (let i = 0; i < 3; i++) expect((await login(client, account.email, 'wrong password')).errors?.[0].message).toBe(INVALID_LOGIN);
      const refused = await login(client, account.email, TEST_PASSWORD);
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
      expect(refused.errors?.[0].extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(50);
      expect(refused.errors?.[0].message).toMatch(/^Too many sign-in attempts from your network address; wait \d+ seconds and try again\.$/);
      // Refused before the lookup and the hash: the failure count did not move.
      expect((await db.getRepository(UserEntity).findOneByOrFail({ id: account.id })).failedLoginCount).toBe(3);
      const [event] = await db.getRepository(AuditEventEntity).find({ where: { action: 'login', actorLabel: account.email }, order: { id: 'DESC' }, take: 1 });
      expect(event).toMatchObject({ outcome: 'DENIED', sourceAddress: '127.0.0.1', details: { errorCode: 'TOO_MANY_REQUESTS' } });
    } finally {
      await throttled.stop();
    }
  });
});

describe('throttle of the other public mutations that take a password or a secret', () => {
  const SIGN_UP = `mutation($password: String!, $registryNumber: String!) {
    signUp(kind: BUSINESS, name: "Throttled LLP", email: "owner@throttled.kz", password: $password, registryNumber: $registryNumber, region: "almaty", displayName: "Throttled owner") { accessToken }
  }`;
  const ACCEPT = 'mutation($token: String!) { acceptInvitation(token: $token, displayName: "Throttled invitee", password: "a long enough passphrase") { accessToken } }';
  const EXCHANGE = 'mutation($code: String!) { exchangeSsoCode(code: $code) { accessToken } }';

  it('refuses signUp, acceptInvitation and exchangeSsoCode with TOO_MANY_REQUESTS from the bucket login uses, before any lookup or hashing', async () => {
    const throttled = await startApi(testConfig(database.url, { LOGIN_BURST: '3', LOGIN_RATE_PER_MINUTE: '1' }));
    try {
      // A valid registry number, a pending invitation and a fresh sign-on code: all would work but for the throttle.
      let serial = 0;
      const bin = (): string => {
        for (;;) {
          try {
            return registryNumberWithCheckDigit(`24054${String(serial++).padStart(6, '0')}`);
          } catch {
            // no check digit for this one
          }
        }
      };
      const invitationToken = 'a-valid-invitation-token-for-the-throttle';
      const invitation = await db.getRepository(InvitationEntity).save(
        db.getRepository(InvitationEntity).create({ tenantId: agencyId, email: 'throttled.invitee@nprod.local', role: TenantRole.Viewer, tokenHash: sha256(invitationToken), invitedById: null, expiresAt: new Date(Date.now() + 3_600_000) }),
      );
      const ssoUser = await createUser('throttled.sso@nprod.local');
      const ssoCode = 'a-valid-sso-code-for-the-throttle';
      await db.getRepository(SsoExchangeCodeEntity).insert({ codeHash: sha256(ssoCode), userId: ssoUser.id, expiresAt: new Date(Date.now() + 60_000) });

      // One attempt at each mutation uses up the burst of three (each answers as it would without the throttle).
      const client = throttled.client();
      expect((await client.request(ACCEPT, { token: 'not-an-invitation' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
      expect((await client.request(EXCHANGE, { code: 'not-a-code' })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect((await client.request(SIGN_UP, { password: 'short', registryNumber: bin() })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });

      const counts = async () => ({ tenants: await db.getRepository(TenantEntity).count(), users: await db.getRepository(UserEntity).count() });
      const before = await counts();
      const refusals = {
        signUp: await client.request(SIGN_UP, { password: 'a long enough passphrase', registryNumber: bin() }),
        acceptInvitation: await client.request(ACCEPT, { token: invitationToken }),
        exchangeSsoCode: await client.request(EXCHANGE, { code: ssoCode }),
        // One bucket for all four: spreading guesses over the mutations buys nothing.
        login: await login(client, ssoUser.email, TEST_PASSWORD),
      };
      for (const [operation, refused] of Object.entries(refusals)) {
        expect(refused.errors?.[0].extensions, operation).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
        expect(refused.errors?.[0].extensions?.retryAfterSeconds, operation).toBeGreaterThanOrEqual(50);
        expect(refused.errors?.[0].message, operation).toMatch(/^Too many [a-z -]+ from your network address; wait \d+ seconds and try again\.$/);
      }
      // Refused first: nothing stored, the invitation and the code still unused.
      expect(await counts()).toEqual(before);
      expect(await db.getRepository(InvitationEntity).findOneByOrFail({ id: invitation.id })).toMatchObject({ acceptedAt: null, revokedAt: null });
      expect((await db.getRepository(SsoExchangeCodeEntity).findOneByOrFail({ codeHash: sha256(ssoCode) })).usedAt).toBeNull();
      const [event] = await db.getRepository(AuditEventEntity).find({ where: { action: 'signUp' }, order: { id: 'DESC' }, take: 1 });
      expect(event).toMatchObject({ outcome: 'DENIED', sourceAddress: '127.0.0.1', details: { errorCode: 'TOO_MANY_REQUESTS' } });
      expect(JSON.stringify(event)).not.toContain('a long enough passphrase');

      // The main API (a separate process's bucket) still takes the invitation and the code.
      expect((await api.client().request(ACCEPT, { token: invitationToken })).errors).toBeUndefined();
      expect((await api.client().request(EXCHANGE, { code: ssoCode })).errors).toBeUndefined();
    } finally {
      await throttled.stop();
    }
  });
});

describe('sessions', () => {
  it('logout revokes the session: its refresh token and access token stop working', async () => {
    const client = api.client();
    const first = (await login(client, DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD)).data!.login;
    const signedOut = bearer(api.url, first.accessToken);
    expect(await api.client().data('mutation($t: String) { logout(refreshToken: $t) }', { t: first.refreshToken })).toEqual({ logout: true });
    expect((await client.request('mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', { t: first.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const me = await signedOut.request('{ me { id } }');
    expect(me.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('signed out') });
    // Signing out twice is not an error; an unknown token is.
    expect(await api.client().data('mutation($t: String) { logout(refreshToken: $t) }', { t: first.refreshToken })).toEqual({ logout: true });
    expect((await api.client().request('mutation { logout(refreshToken: "not-a-token") }')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'refreshToken' });
    expect((await api.client().request('mutation { logout }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await api.client().request('mutation { logout(refreshToken: 5) }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    // With only the access token: the current session ends.
    const second = (await login(client, DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD)).data!.login;
    expect(await bearer(api.url, second.accessToken).data('mutation { logout }')).toEqual({ logout: true });
    expect((await client.request('mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken } }', { t: second.refreshToken })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const events = await db.getRepository(AuditEventEntity).find({ where: { action: 'logout' }, order: { id: 'ASC' } });
    expect(events.map((event) => event.outcome)).toEqual(['SUCCESS', 'SUCCESS', 'FAILURE', 'DENIED', 'SUCCESS']);
    expect(events[4]).toMatchObject({ actorLabel: DEMO_AGENCY_ADMIN_EMAIL });
    expect(JSON.stringify(events)).not.toContain(first.refreshToken);
  });

  it('detects refresh token reuse and closes the whole session', async () => {
    const client = api.client();
    const first = (await login(client, DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD)).data!.login;
    const refresh = (token: string) => client.request<{ refreshToken: { accessToken: string; refreshToken: string } }>('mutation($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken } }', { t: token });
    const second = (await refresh(first.refreshToken)).data!.refreshToken;
    expect(await bearer(api.url, second.accessToken).data('{ me { email } }')).toEqual({ me: { email: DEMO_AGENCY_ADMIN_EMAIL } });
    const reused = await refresh(first.refreshToken);
    expect(reused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('already used') });
    expect((await refresh(second.refreshToken)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect((await bearer(api.url, second.accessToken).request('{ me { email } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('API tokens', () => {
  let token: string;
  let tokenId: string;

  it('are created by tenant admins, shown once and stored as a hash only', async () => {
    const created = (await agencyAdmin.data(CREATE_TOKEN, { tenantId: agencyId, name: 'ci-deploy', role: 'MEMBER', expiresAt: inDays(30) })).createApiToken;
    token = created.token;
    tokenId = created.id;
    expect(token).toMatch(/^nprod_[0-9a-f]{8}_[\w-]{43}$/);
    expect(created.apiToken).toMatchObject({ id: tokenId, tenantId: agencyId, name: 'ci-deploy', role: 'MEMBER', revokedAt: null, active: true });
    expect(token.startsWith(`${created.apiToken.prefix}_`)).toBe(true);
    const [row] = await db.query(`SELECT * FROM api_tokens WHERE id = $1`, [tokenId]);
    expect(row.token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token.slice(15));
    const audit = await db.getRepository(AuditEventEntity).findOneByOrFail({ action: 'createApiToken' });
    expect(audit).toMatchObject({ outcome: 'SUCCESS', targetId: tokenId, tenantId: agencyId, actorLabel: DEMO_AGENCY_ADMIN_EMAIL });

    // Afterwards the secret is nowhere to be read: the type has no such field.
    const listed = await agencyAdmin.data(`{ allApiTokens(filter: { tenantId: "${agencyId}" }) { id name prefix active } _allApiTokensMeta { count } ApiToken(id: "${tokenId}") { name } }`);
    expect(listed.allApiTokens).toEqual([{ id: tokenId, name: 'ci-deploy', prefix: created.apiToken.prefix, active: true }]);
    expect(listed._allApiTokensMeta.count).toBe(1);
    expect((await agencyAdmin.request(`{ ApiToken(id: "${tokenId}") { token } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('work as a bearer token, scoped to their tenant and role', async () => {
    await operator.data(`mutation { createSpace(tenantId: "${agencyId}", name: "Agency space", slug: "agency-space", cpuMillicores: 500, memoryMiB: 512, storageGiB: 1) { id } }`);
    await operator.data(`mutation { createSpace(tenantId: "${otherTenantId}", name: "Other space", slug: "other-space", cpuMillicores: 500, memoryMiB: 512, storageGiB: 1) { id } }`);
    const automation = bearer(api.url, token);
    const seen = await automation.data('{ allSpaces { name tenantId } me { id email platformRole memberships { tenantId role } } }');
    expect(seen.allSpaces).toEqual([{ name: 'Agency space', tenantId: agencyId }]);
    expect(seen.me).toMatchObject({ id: tokenId, platformRole: null, memberships: [{ tenantId: agencyId, role: 'MEMBER' }] });
    expect((await automation.request(`{ Tenant(id: "${otherTenantId}") { id } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // A MEMBER token cannot do what only admins do, nor mint more tokens.
    expect((await automation.request(CREATE_TOKEN, { tenantId: agencyId, name: 'more', role: 'VIEWER', expiresAt: inDays(1) })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await db.getRepository(ApiTokenEntity).findOneByOrFail({ id: tokenId })).lastUsedAt).toBeInstanceOf(Date);
    const audit = await db.getRepository(AuditEventEntity).findOneByOrFail({ action: 'createApiToken', actorId: tokenId });
    expect(audit).toMatchObject({ outcome: 'DENIED', actorLabel: expect.stringContaining('ci-deploy') });
  });

  it.each([
    ['a role above the creator', { role: 'OWNER' }, 'FORBIDDEN', 'role'],
    ['another tenant', () => ({ tenantId: otherTenantId }), 'NOT_FOUND', undefined],
    ['a missing tenant', { tenantId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', undefined],
    ['an empty name', { name: '  ' }, 'BAD_USER_INPUT', 'name'],
    ['a past expiry', { expiresAt: inDays(-1) }, 'BAD_USER_INPUT', 'expiresAt'],
    ['an expiry beyond a year', { expiresAt: inDays(400) }, 'BAD_USER_INPUT', 'expiresAt'],
    ['a duplicate name', { name: 'ci-deploy' }, 'CONFLICT', 'name'],
    ['an unknown role', { role: 'SUPERUSER' }, 'BAD_USER_INPUT', undefined],
    ['a malformed date', { expiresAt: 'next tuesday' }, 'BAD_USER_INPUT', 'expiresAt'],
    ['a missing expiry', { expiresAt: undefined }, 'BAD_USER_INPUT', undefined],
  ])('refuses %s with a clear error and stores nothing', async (_case, change, code, field) => {
    const before = await db.getRepository(ApiTokenEntity).count();
    const variables = { tenantId: agencyId, name: 'second', role: 'VIEWER', expiresAt: inDays(10), ...(typeof change === 'function' ? change() : change) };
    const result = await agencyAdmin.request(CREATE_TOKEN, variables);
    expect(result.errors?.[0].extensions?.code).toBe(code);
    if (field) expect(result.errors?.[0].extensions?.field).toBe(field);
    if (code === 'BAD_USER_INPUT' && !field) expect(result.errors?.[0].message).toMatch(/role|expiresAt/);
    expect(await db.getRepository(ApiTokenEntity).count()).toBe(before);
  });

  it('audits refused creations, a malformed date included', async () => {
    const refusals = await db.getRepository(AuditEventEntity).find({ where: { action: 'createApiToken', actorLabel: DEMO_AGENCY_ADMIN_EMAIL }, order: { id: 'ASC' } });
    // One success, then the refusals above that reached the API (schema errors never do).
    expect(refusals.map((event) => event.outcome)).toEqual(['SUCCESS', 'DENIED', 'DENIED', 'DENIED', 'FAILURE', 'FAILURE', 'FAILURE', 'FAILURE', 'FAILURE']);
    expect(refusals[8].details).toMatchObject({ args: { expiresAt: null }, errorCode: 'BAD_USER_INPUT' });
  });

  it('are managed only by owners and admins of the tenant, and look missing to other tenants', async () => {
    const viewer = await createUser('viewer@nprod.local', { tenantId: agencyId, role: TenantRole.Viewer });
    const viewerClient = await signedIn(viewer.email);
    expect((await viewerClient.request(CREATE_TOKEN, { tenantId: agencyId, name: 'x', role: 'VIEWER', expiresAt: inDays(1) })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await viewerClient.request('{ allApiTokens { id } }')).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const otherAdmin = await createUser('admin@other.nprod.local', { tenantId: otherTenantId, role: TenantRole.Admin });
    const otherClient = await signedIn(otherAdmin.email);
    expect((await otherClient.request(`{ ApiToken(id: "${tokenId}") { id } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await otherClient.request(`mutation { revokeApiToken(id: "${tokenId}") { id } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await otherClient.data('{ allApiTokens { id } }')).allApiTokens).toEqual([]);
    // Operators may create any role, owners included.
    const owner = await operator.data(CREATE_TOKEN, { tenantId: otherTenantId, name: 'ops', role: 'OWNER', expiresAt: inDays(365) });
    expect(owner.createApiToken.apiToken.role).toBe('OWNER');
  });

  it('stop working when revoked or expired, with a message that says so', async () => {
    const automation = bearer(api.url, token);
    const revoked = await agencyAdmin.data(`mutation { revokeApiToken(id: "${tokenId}") { id revokedAt active } }`);
    expect(revoked.revokeApiToken).toMatchObject({ id: tokenId, active: false, revokedAt: expect.any(String) });
    const refused = await automation.request('{ allSpaces { id } }');
    expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('was revoked') });
    const again = await agencyAdmin.request(`mutation { revokeApiToken(id: "${tokenId}") { id } }`);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    expect((await agencyAdmin.request(`mutation { revokeApiToken(id: "not-an-id") { id } }`)).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // The name is free again once the old token is revoked.
    const next = (await agencyAdmin.data(CREATE_TOKEN, { tenantId: agencyId, name: 'ci-deploy', role: 'VIEWER', expiresAt: inDays(1) })).createApiToken;
    expect(await bearer(api.url, next.token).data('{ allSpaces { name } }')).toEqual({ allSpaces: [{ name: 'Agency space' }] });
    await db.query(`UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE id = $1`, [next.id]);
    const expired = await bearer(api.url, next.token).request('{ allSpaces { id } }');
    expect(expired.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('expired') });
    const forged = await bearer(api.url, `${next.token.slice(0, -4)}AAAA`).request('{ allSpaces { id } }');
    expect(forged.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('not valid') });
  });
});

describe('TOTP second factor', () => {
  const code = (secret: string, offsetSteps = 0) => totp(base32Decode(secret), Date.now() + offsetSteps * 30_000);

  it('enrols, confirms, then asks for a fresh code at every sign-in', async () => {
    const user = await createUser('totp.user@nprod.local', { tenantId: agencyId, role: TenantRole.Member });
    const client = await signedIn(user.email);
    const enrolment = (await client.data('mutation { enrollTotp { secret otpauthUri } }')).enrollTotp;
    expect(enrolment.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(enrolment.otpauthUri).toBe(`otpauth://totp/NPROD:totp.user%40nprod.local?secret=${enrolment.secret}&issuer=NPROD&algorithm=SHA1&digits=6&period=30`);
    const stored = await db.getRepository(UserTotpEntity).findOneByOrFail({ userId: user.id });
    expect(stored.secretEncrypted).toMatch(/^v1\./);
    expect(stored.secretEncrypted).not.toContain(enrolment.secret);
    // Pending: sign-in does not ask for a code yet.
    expect((await login(api.client(), user.email, TEST_PASSWORD)).data?.login.user.totpEnabled).toBe(false);

    expect((await client.request('mutation { confirmTotp(code: "12ab56") { totpEnabled } }')).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    const wrong = String((Number(code(enrolment.secret)) + 1) % 1_000_000).padStart(6, '0');
    expect((await client.request(`mutation { confirmTotp(code: "${wrong}") { totpEnabled } }`)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'code' });
    expect((await client.request('mutation { confirmTotp { totpEnabled } }')).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(await client.data(`mutation { confirmTotp(code: "${code(enrolment.secret)}") { totpEnabled totpRequired } }`)).toEqual({ confirmTotp: { totpEnabled: true, totpRequired: false } });
    expect((await client.request(`mutation { confirmTotp(code: "${code(enrolment.secret)}") { totpEnabled } }`)).errors?.[0].extensions?.code).toBe('CONFLICT');
    expect((await client.request('mutation { enrollTotp { secret } }')).errors?.[0].extensions?.code).toBe('CONFLICT');

    const without = await login(api.client(), user.email, TEST_PASSWORD);
    expect(without.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOTP_REQUIRED' });
    const bad = await login(api.client(), user.email, TEST_PASSWORD, wrong);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOTP_INVALID' });
    // The confirmation used the current step; the next step's code is within the allowed drift.
    const next = code(enrolment.secret, 1);
    const good = await login(api.client(), user.email, TEST_PASSWORD, next);
    expect(good.data?.login.user).toMatchObject({ email: user.email, totpEnabled: true });
    const replay = await login(api.client(), user.email, TEST_PASSWORD, next);
    expect(replay.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'TOTP_INVALID' });
    const reasons = (await db.getRepository(AuditEventEntity).find({ where: { action: 'login', actorLabel: user.email }, order: { id: 'ASC' } })).map((event) => event.details.reason ?? event.outcome);
    expect(reasons).toEqual(['SUCCESS', 'SUCCESS', 'TOTP_REQUIRED', 'TOTP_INVALID', 'SUCCESS', 'TOTP_INVALID']);

    // Turning it off needs a code never used before.
    await db.query('UPDATE user_totp SET last_used_step = 0 WHERE user_id = $1', [user.id]);
    expect((await client.request('mutation { disableTotp(code: "000000") { totpEnabled } }')).errors?.[0].extensions?.field).toBe('code');
    expect(await client.data(`mutation { disableTotp(code: "${code(enrolment.secret)}") { totpEnabled } }`)).toEqual({ disableTotp: { totpEnabled: false } });
    expect((await login(api.client(), user.email, TEST_PASSWORD)).data?.login.accessToken).toBeTruthy();
  });

  it('is required of operators when REQUIRE_TOTP_FOR_OPERATORS is on', async () => {
    const strict = await startApi(testConfig(database.url, { REQUIRE_TOTP_FOR_OPERATORS: 'true' }));
    try {
      const second = await createUser('operator2@nprod.local', undefined, PlatformRole.Operator);
      const client = await signedIn(second.email, strict);
      expect(await client.data('{ me { totpEnabled totpRequired } }')).toEqual({ me: { totpEnabled: false, totpRequired: true } });
      const refused = await client.request('{ allTenants { id } }');
      expect(refused.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN', reason: 'TOTP_ENROLMENT_REQUIRED' }, message: expect.stringContaining('enrollTotp') });
      expect((await client.request(`mutation { createTenant(name: "X", slug: "xx-x", kind: BUSINESS, region: "almaty", cpuMillicores: 1, memoryMiB: 1, storageGiB: 1, maxSpaces: 1) { id } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      // Members of tenants are not affected.
      expect((await (await signedIn(DEMO_AGENCY_ADMIN_EMAIL, strict)).data('{ allTenants { id } }')).allTenants.length).toBeGreaterThan(0);

      const { secret } = (await client.data('mutation { enrollTotp { secret } }')).enrollTotp;
      await client.data(`mutation { confirmTotp(code: "${code(secret)}") { totpEnabled } }`);
      expect((await client.data('{ allTenants { id } }')).allTenants.length).toBeGreaterThan(0);
      expect((await client.request(`mutation { disableTotp(code: "${code(secret, 1)}") { totpEnabled } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect((await login(strict.client(), second.email, TEST_PASSWORD)).errors?.[0].extensions?.reason).toBe('TOTP_REQUIRED');
      // The same API without the setting does not require it of operators.
      expect(await operator.data('{ me { totpRequired } }')).toEqual({ me: { totpRequired: false } });
    } finally {
      await strict.stop();
    }
  });
});
