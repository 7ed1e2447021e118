import { AuditEventEntity, AuditOutcome, MembershipEntity, SignUpEntity, TenantEntity, UserEntity } from '@nprod/database';
import { registryNumberWithCheckDigit } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;

const SIGN_UP = `mutation($kind: TenantKind!, $name: String!, $email: String!, $password: String!, $registryNumber: String!, $region: String!, $displayName: String!) {
  signUp(kind: $kind, name: $name, email: $email, password: $password, registryNumber: $registryNumber, region: $region, displayName: $displayName) {
    accessToken user { id email memberships { tenantId tenantName role } }
  }
}`;
const VERIFY = `mutation($id: ID!, $cpu: Int, $mem: Int, $sto: Int, $spaces: Int) {
  verifyTenant(id: $id, cpuMillicores: $cpu, memoryMiB: $mem, storageGiB: $sto, maxSpaces: $spaces) { id status allocation { region cpuMillicores memoryMiB storageGiB maxSpaces maxInstances } }
}`;
const REJECT = 'mutation($id: ID!, $reason: String!) { rejectSignUp(id: $id, reason: $reason) { id status } }';
const STATUS = 'query($tenantId: ID!) { signUpStatus(tenantId: $tenantId) { status reason decidedAt } }';
const CREATE_SPACE = `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Web", slug: "web", cpuMillicores: 500, memoryMiB: 512, storageGiB: 5) { id status } }`;

/** Registry numbers that pass the check digit: the first suffix for which one exists. */
function registryNumber(prefix: string): string {
  for (let suffix = 0; ; suffix++) {
    try {
      return registryNumberWithCheckDigit(`${prefix}${String(suffix).padStart(11 - prefix.length, '0')}`);
    } catch {
      // no check digit for this prefix: such numbers are never issued
    }
  }
}
const BIN_A = registryNumber('190840');
const BIN_B = registryNumber('200540');
const BIN_C = registryNumber('210640');
const IIN = registryNumber('9001153');

const business = (extra: Record<string, unknown> = {}) => ({
  kind: 'BUSINESS',
  name: 'Tau Soft LLP',
  email: 'owner@tausoft.kz',
  password: 'a long enough passphrase',
  registryNumber: BIN_A,
  region: 'almaty',
  displayName: 'Dana Tau',
  ...extra,
});

const counts = async () => ({ tenants: await db.getRepository(TenantEntity).count(), users: await db.getRepository(UserEntity).count() });

async function signIn(login: string, password: string): Promise<GraphqlClient> {
  const client = api.client();
  await client.login(login, password);
  return client;
}

beforeAll(async () => {
  ({ database, api, db } = await startApiStack({ SELF_SERVICE_ALLOCATION_MEMORY_MIB: '3072' }));
  operator = await signIn(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
});

afterAll(() => stopApiStack({ db, api, database }));

describe('self-service sign-up for private customers', () => {
  it('refuses each bad field with a message that names it, storing nothing', async () => {
    const before = await counts();
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ kind: 'AGENCY' }, 'kind', /public bodies are onboarded by the platform operator/],
      [{ name: 'X' }, 'name', /2 to 200/],
      [{ email: 'not-an-email' }, 'email', /e-mail address/],
      [{ password: 'short' }, 'password', /at least 12 characters/],
      [{ registryNumber: '12345' }, 'registryNumber', /BIN must be exactly 12 digits, got 5/],
      [{ registryNumber: `${BIN_A.slice(0, 11)}${(Number(BIN_A[11]) + 1) % 10}` }, 'registryNumber', /check digit/],
      [{ kind: 'INDIVIDUAL', registryNumber: BIN_A }, 'registryNumber', /IIN/],
      [{ region: 'mars' }, 'region', /one of almaty, astana, shymkent/],
      [{ displayName: ' ' }, 'displayName', /2 to 200/],
    ];
    for (const [change, field, message] of cases) {
      const result = await api.client().request(SIGN_UP, business(change));
      expect(result.errors?.[0], field).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field }, message: expect.stringMatching(message) });
    }
    expect(await counts()).toEqual(before);
  });

  it('creates a PENDING tenant whose owner can sign in and read, but not order', async () => {
    const { signUp } = await api.client().data(SIGN_UP, business());
    const tenantId = signUp.user.memberships[0].tenantId;
    expect(signUp.user).toMatchObject({ email: 'owner@tausoft.kz', memberships: [{ tenantName: 'Tau Soft LLP', role: 'OWNER' }] });
    const tenant = await db.getRepository(TenantEntity).findOneByOrFail({ id: tenantId });
    expect(tenant).toMatchObject({ kind: 'BUSINESS', status: 'PENDING', registryNumber: BIN_A, region: 'almaty', parentId: null });
    expect(tenant.slug).toMatch(/^tau-soft-llp-[a-z0-9]{5}$/);
    const user = await db.getRepository(UserEntity).findOneByOrFail({ email: 'owner@tausoft.kz' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    const owner = await signIn('owner@tausoft.kz', 'a long enough passphrase');
    expect((await owner.data('query($id: ID!) { Tenant(id: $id) { status } }', { id: tenantId })).Tenant.status).toBe('PENDING');
    expect((await owner.data(STATUS, { tenantId })).signUpStatus).toEqual({ status: 'PENDING', reason: null, decidedAt: null });
    const order = await owner.request(CREATE_SPACE, { tenantId });
    expect(order.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('pending') });

    const audit = await db.getRepository(AuditEventEntity).findOneByOrFail({ action: 'signUp', actorId: user.id });
    expect(audit.outcome).toBe('SUCCESS');
    expect(JSON.stringify(audit.details)).not.toContain('a long enough passphrase');
  });

  it('answers a duplicate e-mail or registry number with CONFLICT naming only the field', async () => {
    const before = await counts();
    const email = await api.client().request(SIGN_UP, business({ registryNumber: BIN_B, email: 'OWNER@tausoft.kz' }));
    expect(email.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'email' } });
    const registry = await api.client().request(SIGN_UP, business({ email: 'other@tausoft.kz' }));
    expect(registry.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'registryNumber' } });
    expect(registry.errors?.[0].message).not.toContain('Tau Soft');
    expect(await counts()).toEqual(before);
  });

  it('lets an individual sign in with their IIN as well', async () => {
    await api.client().data(SIGN_UP, business({ kind: 'INDIVIDUAL', name: 'Арман Сейтов', email: 'arman@mail.kz', registryNumber: IIN, displayName: 'Arman' }));
    const client = await signIn(IIN, 'a long enough passphrase');
    expect((await client.data('{ me { email memberships { role } } }')).me).toEqual({ email: 'arman@mail.kz', memberships: [{ role: 'OWNER' }] });
    const tenant = await db.getRepository(TenantEntity).findOneByOrFail({ registryNumber: IIN });
    expect(tenant.slug).toMatch(/^arman-seitov-[a-z0-9]{5}$/);
  });

  it('lets only operators verify, with the self-service allocation by default, after which ordering works', async () => {
    const tenant = await db.getRepository(TenantEntity).findOneByOrFail({ registryNumber: BIN_A });
    const owner = await signIn('owner@tausoft.kz', 'a long enough passphrase');
    expect((await owner.request(VERIFY, { id: tenant.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const admin = await signIn(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
    expect((await admin.request(VERIFY, { id: tenant.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await operator.request(VERIFY, { id: tenant.id, cpu: -1 })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cpuMillicores' });

    const { verifyTenant } = await operator.data(VERIFY, { id: tenant.id, cpu: 4000 });
    expect(verifyTenant).toEqual({ id: tenant.id, status: 'ACTIVE', allocation: { region: 'almaty', cpuMillicores: 4000, memoryMiB: 3072, storageGiB: 20, maxSpaces: 2, maxInstances: 5 } });
    expect((await owner.data(STATUS, { tenantId: tenant.id })).signUpStatus.status).toBe('VERIFIED');
    expect((await operator.request(VERIFY, { id: tenant.id })).errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('only pending sign-ups') });
    expect((await owner.data(CREATE_SPACE, { tenantId: tenant.id })).createSpace.status).toBe('PROVISIONING');
    expect(await db.getRepository(AuditEventEntity).existsBy({ action: 'verifyTenant', tenantId: tenant.id, outcome: AuditOutcome.Success })).toBe(true);
  });

  it('rejects with a required reason: the tenant is SUSPENDED and its owner can still sign in and read why', async () => {
    const { signUp } = await api.client().data(SIGN_UP, business({ name: 'Shady Ltd', email: 'boss@shady.kz', registryNumber: BIN_C }));
    const tenantId = signUp.user.memberships[0].tenantId;
    expect((await operator.request(REJECT, { id: tenantId, reason: ' ' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const { rejectSignUp } = await operator.data(REJECT, { id: tenantId, reason: 'The BIN belongs to another company; sign up with your own.' });
    expect(rejectSignUp).toEqual({ id: tenantId, status: 'SUSPENDED' });
    expect((await db.getRepository(SignUpEntity).findOneByOrFail({ tenantId })).decision).toBe('REJECTED');

    const owner = await signIn('boss@shady.kz', 'a long enough passphrase');
    expect((await owner.data(STATUS, { tenantId })).signUpStatus).toMatchObject({ status: 'REJECTED', reason: 'The BIN belongs to another company; sign up with your own.' });
    expect((await owner.request(CREATE_SPACE, { tenantId })).errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('Sign-up rejected: The BIN belongs to another company') });
    expect((await operator.request(VERIFY, { id: tenantId })).errors?.[0].extensions?.code).toBe('CONFLICT');
    // Someone else's sign-up looks like a missing one.
    const stranger = await signIn('owner@tausoft.kz', 'a long enough passphrase');
    expect((await stranger.request(STATUS, { tenantId })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await db.getRepository(MembershipEntity).countBy({ tenantId })).toBe(1);
  });

  it('offers no single sign-on when none is configured', async () => {
    expect((await api.client().data('{ platformInfo { ssoEnabled } }')).platformInfo.ssoEnabled).toBe(false);
    const response = await fetch(`${api.url}/auth/oidc/login`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toMatch(/^\/#\/sso\?error=SSO_DISABLED/);
  });
});
