import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import {
  AllocationEntity,
  ApiTokenEntity,
  AuditEventEntity,
  InstanceEntity,
  InvitationEntity,
  MembershipEntity,
  OrderEntity,
  SignUpDecision,
  SignUpEntity,
  SpaceEntity,
  SsoExchangeCodeEntity,
  TenantEntity,
  UserEntity,
  UserTotpEntity,
  createDataSource,
  releaseForOrder,
} from '@nprod/database';
import { InstanceStatus, OrderStatus, SpaceStatus, TenantKind, TenantRole, TenantStatus, registryNumberWithCheckDigit } from '@nprod/domain';
import { In, type DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateApiToken } from '../../apps/api/src/api-tokens/api-token-secret';
import { base32Decode, totp } from '../../apps/api/src/auth/totp';
import { TEST_PASSWORD, startApi, testConfig, type ApiHarness } from '../support/api-harness';
import type { GraphqlClient, GraphqlResponse } from '../support/graphql-client';
import { startSmtpServer, type SmtpHarness } from '../support/smtp-harness';
import { startTestDatabase, type TestDatabase } from '../support/test-database';
import { SUBMIT_ORDER, approvalOffering, offeringId } from '../support/order-fixtures';
import { PERSONAS, createTenancy, type Persona, type Tenancy } from '../support/tenancy-fixture';

/**
 * Every query and mutation, as every role, against an object in the caller's own tenant and
 * in another tenant. One row per operation: add a row when you add an operation (the
 * completeness test below names the missing ones).
 *
 * Outcomes: `ok` (allowed; for lists: the object is listed), `hidden` (a list that answers
 * without the object), or the refusal's `extensions.code`. Every NOT_FOUND on another
 * tenant's object is also compared with the answer for a missing id: the same code and the
 * same message once the id is replaced.
 */
type Outcome = 'ok' | 'hidden' | 'FORBIDDEN' | 'NOT_FOUND' | 'UNAUTHENTICATED';
type Where = 'own' | 'other';
type Expectation = Outcome | readonly [own: Outcome, other: Outcome];

interface Prepared {
  variables: Record<string, unknown>;
  /** The id of the object the operation targets; swapped for a missing one in the NOT_FOUND comparison. */
  id?: string;
  /** Calls as this client instead of the persona's shared one (a fresh session of the same person, for logout). */
  client?: GraphqlClient;
}

interface MatrixCase {
  operation: string;
  document: string;
  /** Builds the variables for one call; mutations make a fresh object each time so callers do not interfere. */
  prepare: (where: Where, persona: Persona) => Promise<Prepared> | Prepared;
  /** For lists: whether the answer contains the object. */
  lists?: (data: Record<string, any>, id: string) => boolean;
  expect: Record<Persona, Expectation>;
}

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let t: Tenancy;
let smtp: SmtpHarness;
/** Objects that exist in each tenant before the matrix runs. */
const fixtures = {} as Record<'space' | 'colleague' | 'membership' | 'auditEvent' | 'child' | IdentityFixture | 'order' | 'instance' | 'cluster' | 'approvalPolicy', Record<Where, string>>;
/** Offerings the order rows use: the built-in PostgreSQL, and one whose orders wait for an operator. */
const offerings = { postgres: '', reviewed: '', compute: '' };

const tenantOf = (where: Where) => (where === 'own' ? t.own : t.other);
const unique = () => randomBytes(4).toString('hex');

/** A user who is a member of `tenantId` only, so only its managers (and platform staff) can see them. */
async function personIn(tenantId: string, role = TenantRole.Viewer): Promise<{ userId: string; membershipId: string }> {
  const user = await db.getRepository(UserEntity).save(db.getRepository(UserEntity).create({ email: `p-${unique()}@test.nprod.local`, displayName: 'Matrix person' }));
  const { identifiers } = await db.getRepository(MembershipEntity).insert({ userId: user.id, tenantId, role });
  return { userId: user.id, membershipId: String(identifiers[0].id) };
}

/** Objects of the identity, sign-up, quota and catalogue rows, one per tenant, made in beforeAll. */
type IdentityFixture = 'apiToken' | 'invitation' | 'allocation' | 'quotaRequest' | 'offering';

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
const inHours = (hours: number) => new Date(Date.now() + hours * 3_600_000);

let binSerial = randomInt(0, 500_000);
/** A business registry number (BIN: entity type 4) that passes the check digit, different on every call. */
function freshBin(): string {
  for (;;) {
    try {
      return registryNumberWithCheckDigit(`23054${String(binSerial++).padStart(6, '0')}`);
    } catch {
      // no check digit exists for this one: such numbers are never issued
    }
  }
}

/** A pending invitation to `tenantId`, straight in the database; `token` is what its e-mailed link carries. */
async function invitationIn(tenantId: string): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString('base64url');
  const invitations = db.getRepository(InvitationEntity);
  const saved = await invitations.save(
    invitations.create({ tenantId, email: `invited-${unique()}@test.nprod.local`, role: TenantRole.Viewer, tokenHash: sha256(token), invitedById: t.userIds.operator, expiresAt: inHours(24) }),
  );
  return { id: saved.id, token };
}

async function apiTokenIn(tenantId: string): Promise<string> {
  const secret = generateApiToken();
  const tokens = db.getRepository(ApiTokenEntity);
  const saved = await tokens.save(
    tokens.create({ tenantId, name: `matrix-${unique()}`, role: TenantRole.Viewer, tokenHash: secret.hash, prefix: secret.prefix, createdById: t.userIds.operator, expiresAt: inHours(24) }),
  );
  return saved.id;
}

const REQUEST_QUOTA = `mutation($tenantId: ID!) { requestQuota(tenantId: $tenantId, region: "almaty", cpuMillicores: 100, justification: "The access matrix needs a request to read and decide.") { id } }`;
async function quotaRequestIn(tenantId: string): Promise<string> {
  return (await t.clients.operator.data(REQUEST_QUOTA, { tenantId })).requestQuota.id;
}

const CREATE_OFFERING = `mutation($key: String!, $allowedTenantIds: [ID!], $parametersSchema: JSON!) {
  createOffering(key: $key, kind: PAAS, name: "Matrix proxy", description: "A reverse proxy for the access matrix.", template: "container-app",
    plans: [{ key: "s", name: "S", cpuMillicores: 500, memoryMiB: 512, storageGiB: 0, pricePerHourTiyn: 625 }], parametersSchema: $parametersSchema,
    visibility: NAMED_TENANTS, allowedTenantIds: $allowedTenantIds, approvalPolicy: ALWAYS_OPERATOR) { id }
}`;
const offeringVariables = (tenantId: string) => ({
  key: `matrix-${unique()}`,
  allowedTenantIds: [tenantId],
  parametersSchema: { type: 'object', additionalProperties: false, required: ['image'], properties: { image: { type: 'string', title: 'Image', minLength: 1 } } },
});
/** An offering that only `tenantId` may order: its people see it, other tenants' people do not. */
async function offeringFor(tenantId: string): Promise<string> {
  return (await t.clients.operator.data(CREATE_OFFERING, offeringVariables(tenantId))).createOffering.id;
}

/** A business that signed up and waits for an operator, straight in the database (outside the tenant tree, so it disturbs no subtree). */
async function pendingSignUp(): Promise<string> {
  const tenants = db.getRepository(TenantEntity);
  const saved = await tenants.save(
    tenants.create({ name: `Matrix ${unique()} LLP`, slug: `m-${unique()}`, kind: TenantKind.Business, registryNumber: freshBin(), parentId: null, region: 'almaty', status: TenantStatus.Pending }),
  );
  const { userId } = await personIn(saved.id, TenantRole.Owner);
  await db.getRepository(SignUpEntity).insert({ tenantId: saved.id, userId });
  return saved.id;
}

/** What a parent hands down to its child in the setAllocation rows (set once in beforeAll, so every call changes nothing). */
const CHILD_ALLOCATION = { region: 'almaty', cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 10, maxSpaces: 1, maxInstances: 1 };
const SET_ALLOCATION = `mutation($tenantId: ID!, $region: String!, $cpuMillicores: Int!, $memoryMiB: Int!, $storageGiB: Int!, $maxSpaces: Int!, $maxInstances: Int!) {
  setAllocation(tenantId: $tenantId, region: $region, cpuMillicores: $cpuMillicores, memoryMiB: $memoryMiB, storageGiB: $storageGiB, maxSpaces: $maxSpaces, maxInstances: $maxInstances) { id }
}`;

/** A second session of a persona's person, so ending it leaves the shared client signed in. */
async function freshSession(who: Exclude<Persona, 'anonymous'> | 'otherOwner'): Promise<{ client: GraphqlClient; refreshToken: string }> {
  const client = api.client();
  const { login } = await client.data(`mutation($login: String!, $password: String!) { login(login: $login, password: $password) { accessToken refreshToken } }`, {
    login: t.emails[who],
    password: TEST_PASSWORD,
  });
  client.accessToken = login.accessToken;
  return { client, refreshToken: login.refreshToken };
}

/** Starts TOTP enrolment of the persona from a clean slate; returns the secret the authenticator app would hold. */
async function enrolTotp(persona: Exclude<Persona, 'anonymous'>): Promise<Buffer> {
  await db.getRepository(UserTotpEntity).delete({ userId: t.userIds[persona] });
  const { enrollTotp } = await t.clients[persona].data('mutation { enrollTotp { secret } }');
  return base32Decode(enrollTotp.secret);
}

/** A one-time code as the single sign-on callback hands it to the console, for a new person in `tenantId`. */
async function ssoCodeIn(tenantId: string): Promise<string> {
  const code = randomBytes(32).toString('base64url');
  const { userId } = await personIn(tenantId);
  await db.getRepository(SsoExchangeCodeEntity).insert({ codeHash: sha256(code), userId, expiresAt: new Date(Date.now() + 60_000) });
  return code;
}

/** A fresh instance order in the tenant, placed by the operator; `offering` decides whether it waits for approval. */
async function freshOrder(where: Where, offering: 'postgres' | 'reviewed' = 'postgres'): Promise<{ orderId: string; instanceId: string }> {
  const { submitOrder } = await t.clients.operator.data(SUBMIT_ORDER, {
    tenantId: tenantOf(where).id,
    offeringId: offerings[offering],
    planKey: 'small',
    spaceId: fixtures.space[where],
    name: `m-${unique()}`,
    key: `matrix-${unique()}`,
  });
  // Many rows order an instance per call: give each one's quota straight back, so the allocation rows still see the fixture's use only.
  await releaseForOrder(db.manager, submitOrder.id);
  return { orderId: submitOrder.id, instanceId: submitOrder.instanceId };
}

/** A small ACTIVE space without instances, as the worker leaves it (made before space orders named their offering). */
async function activeSpace(where: Where): Promise<string> {
  const slug = `m-${unique()}`;
  const space = await db.getRepository(SpaceEntity).save(
    db.getRepository(SpaceEntity).create({ tenantId: tenantOf(where).id, name: slug, slug, namespace: `t-matrix--${slug}`, region: 'almaty', status: SpaceStatus.Active, cpuMillicores: 100, memoryMiB: 128, storageGiB: 1 }),
  );
  return space.id;
}

/** An instance as the worker leaves it once ready (this suite runs no worker). */
async function activeInstance(where: Where): Promise<string> {
  const { orderId, instanceId } = await freshOrder(where);
  await db.getRepository(OrderEntity).update({ id: orderId }, { status: OrderStatus.Completed });
  await db.getRepository(InstanceEntity).update({ id: instanceId }, { status: InstanceStatus.Active });
  return instanceId;
}

// Shorthands for the table: platform staff, then the four tenant roles of the own tenant, then anonymous.
const everyone = (outcome: Expectation): Record<Persona, Expectation> =>
  ({ operator: outcome, auditor: outcome, owner: outcome, admin: outcome, member: outcome, viewer: outcome, anonymous: 'UNAUTHENTICATED' }) as const;
/** Readable by every signed-in caller in their own tenant; another tenant's objects only for platform staff. */
const tenantRead = (): Record<Persona, Expectation> => ({ operator: 'ok', auditor: 'ok', owner: ['ok', 'NOT_FOUND'], admin: ['ok', 'NOT_FOUND'], member: ['ok', 'NOT_FOUND'], viewer: ['ok', 'NOT_FOUND'], anonymous: 'UNAUTHENTICATED' });
const tenantList = (): Record<Persona, Expectation> => ({ operator: 'ok', auditor: 'ok', owner: ['ok', 'hidden'], admin: ['ok', 'hidden'], member: ['ok', 'hidden'], viewer: ['ok', 'hidden'], anonymous: 'UNAUTHENTICATED' });
/** Changed by operators, and by owners and admins in their own tenant. */
const tenantManage = (): Record<Persona, Expectation> => ({
  operator: 'ok',
  auditor: 'FORBIDDEN',
  owner: ['ok', 'NOT_FOUND'],
  admin: ['ok', 'NOT_FOUND'],
  member: ['FORBIDDEN', 'NOT_FOUND'],
  viewer: ['FORBIDDEN', 'NOT_FOUND'],
  anonymous: 'UNAUTHENTICATED',
});
/** Operators only; others see the object (own tenant, or all for auditors) but may not change it. */
const operatorOnly = (): Record<Persona, Expectation> => ({
  operator: 'ok',
  auditor: 'FORBIDDEN',
  owner: ['FORBIDDEN', 'NOT_FOUND'],
  admin: ['FORBIDDEN', 'NOT_FOUND'],
  member: ['FORBIDDEN', 'NOT_FOUND'],
  viewer: ['FORBIDDEN', 'NOT_FOUND'],
  anonymous: 'UNAUTHENTICATED',
});
/** Platform-wide objects (clusters): operators and auditors, refused to tenant people whatever the id. */
const platformStaffRead = (): Record<Persona, Expectation> => ({ ...everyone('FORBIDDEN'), operator: 'ok', auditor: 'ok' });
/** A kubeconfig the API accepts; no worker runs here, so nothing connects to it. */
const REGISTER_CLUSTER = `mutation($name: String!) {
  registerCluster(name: $name, regions: ["almaty"], apiUrl: "https://k8s.matrix.invalid:6443", token: "matrix-service-account-token") { id }
}`;
/** Public: the argument (a password, an invitation link, a one-time code) is the credential, so a bearer token changes nothing. */
const publicOk = (): Record<Persona, Expectation> => ({ ...everyone('ok'), anonymous: 'ok' });
/**
 * Operator decisions (verifying sign-ups, deciding quota requests, editing the catalogue): refused to everyone
 * else before the object is looked up, so another tenant's id and a missing id both answer FORBIDDEN.
 */
const operatorDecides = (): Record<Persona, Expectation> => ({ ...everyone('FORBIDDEN'), operator: 'ok' });
/** Invitations show addresses of people not in the tenant yet: platform staff all, owners and admins their subtree, members and viewers none (by id: NOT_FOUND). */
const invitationRead = (list: boolean): Record<Persona, Expectation> => ({
  operator: 'ok',
  auditor: 'ok',
  owner: ['ok', list ? 'hidden' : 'NOT_FOUND'],
  admin: ['ok', list ? 'hidden' : 'NOT_FOUND'],
  member: list ? 'hidden' : 'NOT_FOUND',
  viewer: list ? 'hidden' : 'NOT_FOUND',
  anonymous: 'UNAUTHENTICATED',
});
/** API tokens: platform staff see all (auditors only read); owners and admins their subtree's; members and viewers may not list them. */
const apiTokenRead = (list: boolean): Record<Persona, Expectation> => ({
  operator: 'ok',
  auditor: 'ok',
  owner: ['ok', list ? 'hidden' : 'NOT_FOUND'],
  admin: ['ok', list ? 'hidden' : 'NOT_FOUND'],
  member: list ? 'FORBIDDEN' : ['FORBIDDEN', 'NOT_FOUND'],
  viewer: list ? 'FORBIDDEN' : ['FORBIDDEN', 'NOT_FOUND'],
  anonymous: 'UNAUTHENTICATED',
});
/** The audit trail: auditors and operators all; owners and admins their tenants; members and viewers nothing. */
const auditRead = (list: boolean): Record<Persona, Expectation> => ({
  operator: 'ok',
  auditor: 'ok',
  owner: ['ok', list ? 'hidden' : 'NOT_FOUND'],
  admin: ['ok', list ? 'hidden' : 'NOT_FOUND'],
  member: 'FORBIDDEN',
  viewer: 'FORBIDDEN',
  anonymous: 'UNAUTHENTICATED',
});

const byId = (operation: string, fixture: keyof typeof fixtures, expectation = tenantRead()): MatrixCase => ({
  operation,
  document: `query($id: ID!) { ${operation}(id: $id) { id } }`,
  prepare: (where) => ({ variables: { id: fixtures[fixture][where] }, id: fixtures[fixture][where] }),
  expect: expectation,
});
const list = (operation: string, filterType: string, fixture: keyof typeof fixtures, expectation = tenantList()): MatrixCase => ({
  operation,
  document: `query($filter: ${filterType}) { ${operation}(filter: $filter, perPage: 500) { id } }`,
  prepare: (where) => ({ variables: { filter: { ids: [fixtures[fixture][where]] } } }),
  lists: (data, id) => data[operation].some((row: { id: string }) => row.id === id),
  expect: expectation,
});
const meta = (operation: string, filterType: string, fixture: keyof typeof fixtures, expectation = tenantList()): MatrixCase => ({
  operation,
  document: `query($filter: ${filterType}) { ${operation}(filter: $filter) { count } }`,
  prepare: (where) => ({ variables: { filter: { ids: [fixtures[fixture][where]] } } }),
  lists: (data) => data[operation].count === 1,
  expect: expectation,
});

const CASES: MatrixCase[] = [
  // Session and platform
  { operation: 'me', document: '{ me { id } }', prepare: () => ({ variables: {} }), expect: everyone('ok') },
  { operation: 'platformInfo', document: '{ platformInfo { version } }', prepare: () => ({ variables: {} }), expect: { ...everyone('ok'), anonymous: 'ok' } },
  { operation: 'signUpRegions', document: '{ signUpRegions }', prepare: () => ({ variables: {} }), expect: { ...everyone('ok'), anonymous: 'ok' } },
  { operation: 'regions', document: '{ regions }', prepare: () => ({ variables: {} }), expect: everyone('ok') },

  // Tenants
  { ...byId('Tenant', 'space'), prepare: (where) => ({ variables: { id: tenantOf(where).id }, id: tenantOf(where).id }) },
  { ...list('allTenants', 'TenantFilter', 'space'), prepare: (where) => ({ variables: { filter: { ids: [tenantOf(where).id] } } }) },
  { ...meta('_allTenantsMeta', 'TenantFilter', 'space'), prepare: (where) => ({ variables: { filter: { ids: [tenantOf(where).id] } } }) },
  {
    operation: 'createTenant',
    document: `mutation($slug: String!) { createTenant(name: "Matrix tenant", slug: $slug, kind: BUSINESS, region: "almaty", cpuMillicores: 0, memoryMiB: 0, storageGiB: 0, maxSpaces: 0) { id } }`,
    prepare: () => ({ variables: { slug: `m-${unique()}` } }),
    expect: { ...operatorOnly(), owner: 'FORBIDDEN', admin: 'FORBIDDEN', member: 'FORBIDDEN', viewer: 'FORBIDDEN' },
  },
  {
    operation: 'updateTenant',
    document: `mutation($id: ID!, $name: String) { updateTenant(id: $id, name: $name) { id } }`,
    prepare: (where) => ({ variables: { id: tenantOf(where).id, name: `${tenantOf(where).name} ${unique()}` }, id: tenantOf(where).id }),
    expect: tenantManage(),
  },
  {
    operation: 'updateTenant (status)',
    document: `mutation($id: ID!, $reason: String) { updateTenant(id: $id, status: ACTIVE, statusReason: $reason) { id } }`,
    prepare: (where) => ({ variables: { id: tenantOf(where).id, reason: `checked ${unique()}` }, id: tenantOf(where).id }),
    expect: { ...operatorOnly(), auditor: 'FORBIDDEN' },
  },

  // Spaces
  byId('Space', 'space'),
  list('allSpaces', 'SpaceFilter', 'space'),
  meta('_allSpacesMeta', 'SpaceFilter', 'space'),
  {
    operation: 'createSpace',
    document: `mutation($tenantId: ID!, $slug: String!) { createSpace(tenantId: $tenantId, name: "Matrix", slug: $slug, cpuMillicores: 100, memoryMiB: 128, storageGiB: 1) { id } }`,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id, slug: `s-${unique()}` }, id: tenantOf(where).id }),
    expect: tenantManage(),
  },

  {
    operation: 'resizeSpace',
    document: `mutation($id: ID!) { resizeSpace(id: $id, parameters: { cpuMillicores: 200 }) { id } }`,
    prepare: async (where) => {
      const id = await activeSpace(where);
      return { variables: { id }, id };
    },
    expect: tenantManage(),
  },
  {
    operation: 'deleteSpace',
    document: `mutation($id: ID!) { deleteSpace(id: $id) { id } }`,
    prepare: async (where) => {
      const id = await activeSpace(where);
      return { variables: { id }, id };
    },
    expect: tenantManage(),
  },

  // Approval policies per tenant (the fixture is an AUTO_WITHIN_ALLOCATION override for the compute-space offering, so the rows change no other order)
  byId('ApprovalPolicyOverride', 'approvalPolicy'),
  list('allApprovalPolicyOverrides', 'ApprovalPolicyOverrideFilter', 'approvalPolicy'),
  meta('_allApprovalPolicyOverridesMeta', 'ApprovalPolicyOverrideFilter', 'approvalPolicy'),
  {
    operation: 'setApprovalPolicy',
    document: `mutation($tenantId: ID!, $offeringId: ID) { setApprovalPolicy(tenantId: $tenantId, offeringId: $offeringId, policy: AUTO_WITHIN_ALLOCATION) { id } }`,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id, offeringId: offerings.compute }, id: tenantOf(where).id }),
    expect: operatorDecides(),
  },
  {
    operation: 'clearApprovalPolicy',
    document: `mutation($tenantId: ID!, $offeringId: ID) { clearApprovalPolicy(tenantId: $tenantId, offeringId: $offeringId) }`,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id, offeringId: offerings.reviewed }, id: tenantOf(where).id }),
    expect: operatorDecides(),
  },

  // Orders and instances
  byId('Order', 'order'),
  list('allOrders', 'OrderFilter', 'order'),
  meta('_allOrdersMeta', 'OrderFilter', 'order'),
  {
    operation: 'submitOrder',
    document: SUBMIT_ORDER,
    prepare: (where) => ({
      variables: { tenantId: tenantOf(where).id, offeringId: offerings.postgres, planKey: 'small', spaceId: fixtures.space[where], name: `s-${unique()}`, key: `k-${unique()}` },
      id: tenantOf(where).id,
    }),
    expect: tenantManage(),
  },
  {
    operation: 'quoteOrder',
    document: `query($tenantId: ID!, $offeringId: ID) { quoteOrder(tenantId: $tenantId, offeringId: $offeringId, planKey: "s", name: "Quoted") { fits } }`,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id, offeringId: offerings.compute }, id: tenantOf(where).id }),
    expect: tenantManage(),
  },
  {
    operation: 'approveOrder',
    document: `mutation($id: ID!) { approveOrder(id: $id) { id } }`,
    prepare: async (where) => {
      const { orderId } = await freshOrder(where, 'reviewed');
      return { variables: { id: orderId }, id: orderId };
    },
    expect: operatorOnly(),
  },
  {
    operation: 'rejectOrder',
    document: `mutation($id: ID!) { rejectOrder(id: $id, reason: "Not this quarter") { id } }`,
    prepare: async (where) => {
      const { orderId } = await freshOrder(where, 'reviewed');
      return { variables: { id: orderId }, id: orderId };
    },
    expect: operatorOnly(),
  },
  {
    operation: 'cancelOrder',
    document: `mutation($id: ID!) { cancelOrder(id: $id) { id } }`,
    prepare: async (where) => {
      const { orderId } = await freshOrder(where, 'reviewed');
      return { variables: { id: orderId }, id: orderId };
    },
    expect: tenantManage(),
  },
  {
    operation: 'retryOrder',
    document: `mutation($id: ID!) { retryOrder(id: $id) { id } }`,
    prepare: async (where) => {
      const { orderId, instanceId } = await freshOrder(where);
      await db.getRepository(OrderEntity).update({ id: orderId }, { status: OrderStatus.Failed });
      await db.getRepository(InstanceEntity).update({ id: instanceId }, { status: InstanceStatus.Failed });
      return { variables: { id: orderId }, id: orderId };
    },
    expect: operatorOnly(),
  },
  byId('Instance', 'instance'),
  list('allInstances', 'InstanceFilter', 'instance'),
  meta('_allInstancesMeta', 'InstanceFilter', 'instance'),
  {
    operation: 'resizeInstance',
    document: `mutation($id: ID!) { resizeInstance(id: $id, planKey: "medium") { id } }`,
    prepare: async (where) => {
      const id = await activeInstance(where);
      return { variables: { id }, id };
    },
    expect: tenantManage(),
  },
  {
    operation: 'decommissionInstance',
    document: `mutation($id: ID!) { decommissionInstance(id: $id) { id } }`,
    prepare: async (where) => {
      const id = await activeInstance(where);
      return { variables: { id }, id };
    },
    expect: tenantManage(),
  },
  {
    operation: 'renewInstance',
    document: `mutation($id: ID!, $at: DateTime) { renewInstance(id: $id, leaseEndsAt: $at) { id } }`,
    prepare: (where) => ({ variables: { id: fixtures.instance[where], at: new Date(Date.now() + 86_400_000).toISOString() }, id: fixtures.instance[where] }),
    expect: tenantManage(),
  },
  {
    operation: 'revealInstanceCredentials',
    document: `mutation($id: ID!) { revealInstanceCredentials(id: $id) { id } }`,
    // Shown once, so every call gets a fresh instance. Placed by the operator: a tenant owner may see them; admins only what they ordered; platform staff never.
    prepare: async (where) => {
      const id = await activeInstance(where);
      return { variables: { id }, id };
    },
    expect: { ...tenantManage(), operator: 'FORBIDDEN', admin: ['FORBIDDEN', 'NOT_FOUND'] },
  },

  // Users
  byId('User', 'colleague'),
  list('allUsers', 'UserFilter', 'colleague'),
  meta('_allUsersMeta', 'UserFilter', 'colleague'),
  {
    operation: 'updateUser',
    document: `mutation($id: ID!, $displayName: String) { updateUser(id: $id, displayName: $displayName) { id } }`,
    prepare: (where) => ({ variables: { id: fixtures.colleague[where], displayName: `Renamed ${unique()}` }, id: fixtures.colleague[where] }),
    expect: operatorOnly(),
  },

  // Memberships
  byId('Membership', 'membership'),
  list('allMemberships', 'MembershipFilter', 'membership'),
  meta('_allMembershipsMeta', 'MembershipFilter', 'membership'),
  {
    operation: 'createMembership',
    document: `mutation($tenantId: ID!, $userId: ID!) { createMembership(tenantId: $tenantId, userId: $userId, role: VIEWER) { id } }`,
    // Someone from a child tenant: visible to the managers of the parent, not to its members.
    prepare: async (where) => ({ variables: { tenantId: tenantOf(where).id, userId: (await personIn(fixtures.child[where])).userId }, id: tenantOf(where).id }),
    expect: tenantManage(),
  },
  {
    operation: 'updateMembership',
    document: `mutation($id: ID!) { updateMembership(id: $id, role: MEMBER) { id } }`,
    prepare: async (where) => {
      const { membershipId } = await personIn(tenantOf(where).id);
      return { variables: { id: membershipId }, id: membershipId };
    },
    expect: tenantManage(),
  },
  {
    operation: 'deleteMembership',
    document: `mutation($id: ID!) { deleteMembership(id: $id) { id } }`,
    prepare: async (where) => {
      const { membershipId } = await personIn(tenantOf(where).id);
      return { variables: { id: membershipId }, id: membershipId };
    },
    expect: tenantManage(),
  },

  // Audit trail
  {
    ...byId('AuditEvent', 'auditEvent', auditRead(false)),
    document: `query($id: ID!) { AuditEvent(id: $id) { id } }`,
  },
  list('allAuditEvents', 'AuditEventFilter', 'auditEvent', auditRead(true)),
  meta('_allAuditEventsMeta', 'AuditEventFilter', 'auditEvent', auditRead(true)),

  // Sessions and second factor: each acts on the caller's own session or account, so "another tenant" does
  // not apply and both columns are the same. A fresh session of the same person keeps the shared clients signed in.
  {
    operation: 'login',
    document: `mutation($login: String!, $password: String!) { login(login: $login, password: $password) { accessToken } }`,
    prepare: (where) => ({ variables: { login: t.emails[where === 'own' ? 'owner' : 'otherOwner'], password: TEST_PASSWORD } }),
    expect: publicOk(),
  },
  {
    operation: 'refreshToken',
    document: `mutation($refreshToken: String!) { refreshToken(refreshToken: $refreshToken) { accessToken } }`,
    prepare: async (where) => ({ variables: { refreshToken: (await freshSession(where === 'own' ? 'owner' : 'otherOwner')).refreshToken } }),
    expect: publicOk(),
  },
  {
    operation: 'logout',
    document: 'mutation { logout }',
    prepare: async (_where, persona) => (persona === 'anonymous' ? { variables: {} } : { variables: {}, client: (await freshSession(persona)).client }),
    expect: everyone('ok'),
  },
  {
    operation: 'logout (refresh token)',
    document: 'mutation($refreshToken: String) { logout(refreshToken: $refreshToken) }',
    // Whoever holds a refresh token may end its session, signed in or not.
    prepare: async (where) => ({ variables: { refreshToken: (await freshSession(where === 'own' ? 'owner' : 'otherOwner')).refreshToken } }),
    expect: publicOk(),
  },
  {
    operation: 'enrollTotp',
    document: 'mutation { enrollTotp { secret } }',
    prepare: async (_where, persona) => {
      if (persona !== 'anonymous') await db.getRepository(UserTotpEntity).delete({ userId: t.userIds[persona] });
      return { variables: {} };
    },
    expect: everyone('ok'),
  },
  {
    operation: 'confirmTotp',
    document: 'mutation($code: String!) { confirmTotp(code: $code) { totpEnabled } }',
    prepare: async (_where, persona) => ({ variables: { code: persona === 'anonymous' ? '000000' : totp(await enrolTotp(persona), Date.now()) } }),
    expect: everyone('ok'),
  },
  {
    operation: 'disableTotp',
    document: 'mutation($code: String!) { disableTotp(code: $code) { totpEnabled } }',
    // Runs after confirmTotp: it turns the factor off again, so later sign-ins need no code.
    prepare: async (_where, persona) => {
      if (persona === 'anonymous') return { variables: { code: '000000' } };
      const secret = await enrolTotp(persona);
      await db.getRepository(UserTotpEntity).update({ userId: t.userIds[persona] }, { confirmedAt: new Date() });
      return { variables: { code: totp(secret, Date.now()) } };
    },
    expect: everyone('ok'),
  },
  {
    operation: 'exchangeSsoCode',
    document: 'mutation($code: String!) { exchangeSsoCode(code: $code) { accessToken } }',
    // The test API has no identity provider: the code is stored as the callback stores it after one signed someone in.
    prepare: async (where) => ({ variables: { code: await ssoCodeIn(tenantOf(where).id) } }),
    expect: publicOk(),
  },
  {
    operation: 'exchangeSsoCode (unknown code)',
    document: 'mutation($code: String!) { exchangeSsoCode(code: $code) { accessToken } }',
    prepare: () => ({ variables: { code: randomBytes(32).toString('base64url') } }),
    expect: everyone('UNAUTHENTICATED'),
  },

  // API tokens
  byId('ApiToken', 'apiToken', apiTokenRead(false)),
  list('allApiTokens', 'ApiTokenFilter', 'apiToken', apiTokenRead(true)),
  meta('_allApiTokensMeta', 'ApiTokenFilter', 'apiToken', apiTokenRead(true)),
  {
    operation: 'createApiToken',
    document: `mutation($tenantId: ID!, $name: String!, $expiresAt: DateTime!) { createApiToken(tenantId: $tenantId, name: $name, role: VIEWER, expiresAt: $expiresAt) { id } }`,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id, name: `ci-${unique()}`, expiresAt: inHours(24).toISOString() }, id: tenantOf(where).id }),
    expect: tenantManage(),
  },
  {
    operation: 'revokeApiToken',
    document: `mutation($id: ID!) { revokeApiToken(id: $id) { id } }`,
    prepare: async (where) => {
      const id = await apiTokenIn(tenantOf(where).id);
      return { variables: { id }, id };
    },
    expect: tenantManage(),
  },

  // Invitations
  byId('Invitation', 'invitation', invitationRead(false)),
  list('allInvitations', 'InvitationFilter', 'invitation', invitationRead(true)),
  meta('_allInvitationsMeta', 'InvitationFilter', 'invitation', invitationRead(true)),
  {
    operation: 'inviteUser',
    document: `mutation($tenantId: ID!, $email: String!) { inviteUser(tenantId: $tenantId, email: $email, role: VIEWER) { id } }`,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id, email: `invitee-${unique()}@test.nprod.local` }, id: tenantOf(where).id }),
    expect: tenantManage(),
  },
  {
    operation: 'revokeInvitation',
    document: `mutation($id: ID!) { revokeInvitation(id: $id) { id } }`,
    prepare: async (where) => {
      const { id } = await invitationIn(tenantOf(where).id);
      return { variables: { id }, id };
    },
    expect: { ...tenantManage(), member: 'NOT_FOUND', viewer: 'NOT_FOUND' },
  },
  {
    operation: 'acceptInvitation',
    document: `mutation($token: String!) { acceptInvitation(token: $token, displayName: "Invited person", password: "a long enough passphrase") { accessToken } }`,
    prepare: async (where) => ({ variables: { token: (await invitationIn(tenantOf(where).id)).token } }),
    expect: publicOk(),
  },

  // Sign-up of private customers
  {
    operation: 'signUp',
    document: `mutation($email: String!, $registryNumber: String!) { signUp(kind: BUSINESS, name: "Matrix LLP", email: $email, password: "a long enough passphrase", registryNumber: $registryNumber, region: "almaty", displayName: "Matrix owner") { accessToken } }`,
    prepare: () => ({ variables: { email: `signup-${unique()}@test.nprod.local`, registryNumber: freshBin() } }),
    expect: publicOk(),
  },
  {
    operation: 'signUpStatus',
    document: `query($tenantId: ID!) { signUpStatus(tenantId: $tenantId) { status } }`,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id }, id: tenantOf(where).id }),
    expect: tenantRead(),
  },
  {
    operation: 'verifyTenant',
    document: `mutation($id: ID!) { verifyTenant(id: $id) { id } }`,
    // A fresh pending sign-up each time (no tenant's people are in it, so own and other are alike).
    prepare: async () => {
      const id = await pendingSignUp();
      return { variables: { id }, id };
    },
    expect: operatorDecides(),
  },
  {
    operation: 'rejectSignUp',
    document: `mutation($id: ID!) { rejectSignUp(id: $id, reason: "Registry documents do not match.") { id } }`,
    prepare: async () => {
      const id = await pendingSignUp();
      return { variables: { id }, id };
    },
    expect: operatorDecides(),
  },

  // Allocations and quota requests
  byId('Allocation', 'allocation'),
  list('allAllocations', 'AllocationFilter', 'allocation'),
  meta('_allAllocationsMeta', 'AllocationFilter', 'allocation'),
  {
    operation: 'setAllocation',
    // The tenant's own allocation, at the limits it already has: only operators; its own owners ask with requestQuota.
    document: `mutation($tenantId: ID!) { setAllocation(tenantId: $tenantId, region: "almaty", cpuMillicores: 64000, memoryMiB: 131072, storageGiB: 1000, maxSpaces: 40, maxInstances: 40) { id } }`,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id }, id: tenantOf(where).id }),
    expect: operatorOnly(),
  },
  {
    operation: 'setAllocation (child tenant)',
    // The child's share, carved from the caller's tenant: its owners and admins hand capacity down; members cannot even see the child.
    document: SET_ALLOCATION,
    prepare: (where) => ({ variables: { tenantId: fixtures.child[where], ...CHILD_ALLOCATION }, id: fixtures.child[where] }),
    expect: { ...tenantManage(), member: 'NOT_FOUND', viewer: 'NOT_FOUND' },
  },
  byId('QuotaRequest', 'quotaRequest'),
  list('allQuotaRequests', 'QuotaRequestFilter', 'quotaRequest'),
  meta('_allQuotaRequestsMeta', 'QuotaRequestFilter', 'quotaRequest'),
  {
    operation: 'requestQuota',
    document: REQUEST_QUOTA,
    prepare: (where) => ({ variables: { tenantId: tenantOf(where).id }, id: tenantOf(where).id }),
    expect: tenantManage(),
  },
  {
    operation: 'approveQuotaRequest',
    document: `mutation($id: ID!) { approveQuotaRequest(id: $id) { id } }`,
    prepare: async (where) => {
      const id = await quotaRequestIn(tenantOf(where).id);
      return { variables: { id }, id };
    },
    expect: operatorDecides(),
  },
  {
    operation: 'rejectQuotaRequest',
    document: `mutation($id: ID!) { rejectQuotaRequest(id: $id, reason: "Not this quarter.") { id } }`,
    prepare: async (where) => {
      const id = await quotaRequestIn(tenantOf(where).id);
      return { variables: { id }, id };
    },
    expect: operatorDecides(),
  },

  // Clusters are the platform's, not a tenant's: platform staff read them, operators change them, nobody else sees them.
  byId('Cluster', 'cluster', platformStaffRead()),
  list('allClusters', 'ClusterFilter', 'cluster', platformStaffRead()),
  meta('_allClustersMeta', 'ClusterFilter', 'cluster', platformStaffRead()),
  {
    operation: 'registerCluster',
    document: REGISTER_CLUSTER,
    prepare: () => ({ variables: { name: `matrix-${unique()}` } }),
    expect: operatorDecides(),
  },
  {
    operation: 'updateCluster',
    document: `mutation($id: ID!) { updateCluster(id: $id, capacityMaxSpaces: 10) { id } }`,
    prepare: () => ({ variables: { id: fixtures.cluster.own }, id: fixtures.cluster.own }),
    expect: operatorDecides(),
  },
  {
    operation: 'cordonCluster',
    document: `mutation($id: ID!) { cordonCluster(id: $id, reason: "matrix") { id } }`,
    prepare: () => ({ variables: { id: fixtures.cluster.own }, id: fixtures.cluster.own }),
    expect: operatorDecides(),
  },
  {
    operation: 'uncordonCluster',
    document: `mutation($id: ID!) { uncordonCluster(id: $id) { id } }`,
    prepare: () => ({ variables: { id: fixtures.cluster.own }, id: fixtures.cluster.own }),
    expect: operatorDecides(),
  },
  {
    operation: 'deleteCluster',
    document: `mutation($id: ID!) { deleteCluster(id: $id) { id } }`,
    prepare: async () => {
      const id = (await t.clients.operator.data(REGISTER_CLUSTER, { name: `matrix-${unique()}` })).registerCluster.id;
      return { variables: { id }, id };
    },
    expect: operatorDecides(),
  },

  // Catalogue: an offering named for one tenant is that tenant's (and platform staff's) to see.
  byId('Offering', 'offering'),
  list('allOfferings', 'OfferingFilter', 'offering'),
  meta('_allOfferingsMeta', 'OfferingFilter', 'offering'),
  {
    operation: 'createOffering',
    document: CREATE_OFFERING,
    prepare: (where) => ({ variables: offeringVariables(tenantOf(where).id) }),
    expect: operatorDecides(),
  },
  {
    operation: 'updateOffering',
    document: `mutation($id: ID!, $name: String) { updateOffering(id: $id, name: $name) { id } }`,
    prepare: (where) => ({ variables: { id: fixtures.offering[where], name: `Matrix proxy ${unique()}` }, id: fixtures.offering[where] }),
    expect: operatorDecides(),
  },
  {
    operation: 'retireOffering',
    document: `mutation($id: ID!) { retireOffering(id: $id) { id } }`,
    prepare: async (where) => {
      const id = await offeringFor(tenantOf(where).id);
      return { variables: { id }, id };
    },
    expect: operatorDecides(),
  },
];

/**
 * Operations in the schema that this table does not cover yet, each with why. The
 * completeness test fails for any operation in neither list, so a new one cannot slip by.
 */
const NOT_IN_MATRIX: Record<string, string> = {};

function outcomeOf(result: GraphqlResponse<Record<string, any>>, matrixCase: MatrixCase, id: string | undefined): Outcome | string {
  if (result.errors?.length) return String(result.errors[0].extensions?.code ?? 'NO_CODE');
  if (matrixCase.lists) return matrixCase.lists(result.data ?? {}, id ?? '') ? 'ok' : 'hidden';
  return 'ok';
}

beforeAll(async () => {
  database = await startTestDatabase();
  // inviteUser sends real mail: to a local SMTP server, not to files under NPROD_DATA_DIR.
  smtp = await startSmtpServer();
  api = await startApi(testConfig(database.url, { SMTP_URL: smtp.url }));
  db = await createDataSource({ url: database.url, poolSize: 4 }).initialize();
  t = await createTenancy(db, () => api.client());
  const tenants = db.getRepository(TenantEntity);
  for (const where of ['own', 'other'] as const) {
    const tenant = tenantOf(where);
    const { createSpace } = await t.clients.operator.data(
      `mutation($tenantId: ID!, $slug: String!) { createSpace(tenantId: $tenantId, name: "Fixture", slug: $slug, cpuMillicores: 100, memoryMiB: 128, storageGiB: 1) { id } }`,
      { tenantId: tenant.id, slug: `fixture-${where}` },
    );
    const colleague = await personIn(tenant.id, TenantRole.Member);
    const child = await tenants.save(tenants.create({ name: `Child of ${where}`, slug: `child-${where}-${unique()}`, kind: TenantKind.Municipality, parentId: tenant.id, region: 'almaty', status: TenantStatus.Active }));
    const event = await db.getRepository(AuditEventEntity).findOneOrFail({ where: { action: 'createSpace', tenantId: tenant.id }, order: { id: 'DESC' } });
    fixtures.space = { ...fixtures.space, [where]: createSpace.id };
    fixtures.colleague = { ...fixtures.colleague, [where]: colleague.userId };
    fixtures.membership = { ...fixtures.membership, [where]: colleague.membershipId };
    fixtures.child = { ...fixtures.child, [where]: child.id };
    fixtures.auditEvent = { ...fixtures.auditEvent, [where]: event.id };
    fixtures.apiToken = { ...fixtures.apiToken, [where]: await apiTokenIn(tenant.id) };
    fixtures.invitation = { ...fixtures.invitation, [where]: (await invitationIn(tenant.id)).id };
    fixtures.allocation = { ...fixtures.allocation, [where]: (await db.getRepository(AllocationEntity).findOneByOrFail({ tenantId: tenant.id, region: 'almaty' })).id };
    fixtures.quotaRequest = { ...fixtures.quotaRequest, [where]: await quotaRequestIn(tenant.id) };
    fixtures.offering = { ...fixtures.offering, [where]: await offeringFor(tenant.id) };
    // One cluster for both rows: clusters belong to no tenant.
    fixtures.cluster ??= { own: '', other: '' };
    fixtures.cluster.own ||= (await t.clients.operator.data(REGISTER_CLUSTER, { name: `matrix-${unique()}` })).registerCluster.id;
    fixtures.cluster.other = fixtures.cluster.own;
    // The parent hands its child a share (carved from its own allocation), as the setAllocation rows repeat it.
    const parentManager = where === 'own' ? t.clients.owner : (await freshSession('otherOwner')).client;
    await parentManager.data(SET_ALLOCATION, { tenantId: child.id, ...CHILD_ALLOCATION });
    // As if the tenant had signed up and been verified, so signUpStatus has something to show.
    await db.getRepository(SignUpEntity).insert({ tenantId: tenant.id, userId: t.userIds.owner, decision: SignUpDecision.Verified, decidedById: t.userIds.operator, decidedAt: new Date() });
  }
  // No worker runs here: the fixture spaces are made ACTIVE by hand so instances can be ordered into them, and
  // roomy in their rows only (instances take their size from their space), so the matrix's many instances fit while
  // the allocation rows still see the small size createSpace reserved.
  await db.getRepository(SpaceEntity).update({ id: In([fixtures.space.own, fixtures.space.other]) }, { status: SpaceStatus.Active, cpuMillicores: 1_000_000, memoryMiB: 10_000_000, storageGiB: 1_000_000 });
  offerings.postgres = await offeringId(t.clients.operator, 'postgresql');
  offerings.reviewed = await approvalOffering(t.clients.operator);
  offerings.compute = await offeringId(t.clients.operator, 'compute-space');
  for (const where of ['own', 'other'] as const) {
    const { orderId, instanceId } = await freshOrder(where);
    fixtures.order = { ...fixtures.order, [where]: orderId };
    fixtures.instance = { ...fixtures.instance, [where]: instanceId };
    const { setApprovalPolicy } = await t.clients.operator.data(`mutation($tenantId: ID!, $offeringId: ID) { setApprovalPolicy(tenantId: $tenantId, offeringId: $offeringId, policy: AUTO_WITHIN_ALLOCATION) { id } }`, {
      tenantId: tenantOf(where).id,
      offeringId: offerings.compute,
    });
    fixtures.approvalPolicy = { ...fixtures.approvalPolicy, [where]: setApprovalPolicy.id };
  }
});

afterAll(async () => {
  await db?.destroy();
  await api?.stop();
  await smtp?.stop();
  await database?.stop();
});

describe('access matrix: every operation as every role, own tenant and another', () => {
  it('covers every query and mutation in the schema (or says why not)', async () => {
    // The running API's schema (introspection is on outside production), not the file other suites rewrite.
    type Fields = { fields: Array<{ name: string }> } | null;
    const { __schema } = await t.clients.operator.data<{ __schema: { queryType: Fields; mutationType: Fields } }>('{ __schema { queryType { fields { name } } mutationType { fields { name } } } }');
    const operations = [...(__schema.queryType?.fields ?? []), ...(__schema.mutationType?.fields ?? [])].map((field) => field.name);
    expect(operations).toContain('allMemberships');
    const covered = new Set(CASES.map((matrixCase) => matrixCase.operation.split(' ')[0]));
    const missing = operations.filter((operation) => !covered.has(operation) && !(operation in NOT_IN_MATRIX));
    expect(missing, 'add a row to CASES in test/integration/access-matrix.test.ts (or a reason to NOT_IN_MATRIX)').toEqual([]);
    const stale = Object.keys(NOT_IN_MATRIX).filter((operation) => covered.has(operation));
    expect(stale, 'these are in CASES now: remove them from NOT_IN_MATRIX').toEqual([]);
  });

  describe.each(CASES.map((matrixCase) => [matrixCase.operation, matrixCase] as const))('%s', (_name, matrixCase) => {
    it.each(PERSONAS.map((persona) => [persona] as const))('as %s', async (persona) => {
      const expected = matrixCase.expect[persona];
      const [own, other] = typeof expected === 'string' ? [expected, expected] : expected;
      const seen: Record<Where, string> = { own: '', other: '' };
      for (const where of ['own', 'other'] as const) {
        const prepared = await matrixCase.prepare(where, persona);
        const client = prepared.client ?? t.clients[persona];
        const result = await client.request(matrixCase.document, prepared.variables);
        seen[where] = outcomeOf(result, matrixCase, prepared.id ?? fixtures.space[where]);
        if (matrixCase.lists && !result.errors) seen[where] = outcomeOf(result, matrixCase, (prepared.variables.filter as { ids: string[] }).ids[0]);
        if (seen[where] === 'NOT_FOUND' && prepared.id) {
          // Indistinguishable from a missing object: same code, same message with the id swapped.
          const missingId = /^\d+$/.test(prepared.id) ? '999999999' : randomUUID();
          const missingVariables = JSON.parse(JSON.stringify(prepared.variables).split(prepared.id).join(missingId));
          const missing = await client.request(matrixCase.document, missingVariables);
          expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
          expect(result.errors?.[0].message.split(prepared.id).join('<id>')).toBe(missing.errors?.[0].message.split(missingId).join('<id>'));
        }
      }
      expect(seen).toEqual({ own, other });
    });
  });
});

describe('tenant tree', () => {
  const TREE = `query($parentId: ID) { allTenants(filter: { parentId: $parentId }, perPage: 500) { id childrenCount ancestors { id } } }`;

  it("shows a parent's admins their whole subtree, never a sibling's", async () => {
    const agencyAdmin = api.client();
    await agencyAdmin.login(t.emails.agencyAdmin, 'correct horse battery staple');
    const children = (await agencyAdmin.data(TREE, { parentId: t.agency.id })).allTenants.map((tenant: { id: string }) => tenant.id);
    expect(children).toEqual(expect.arrayContaining([t.own.id, t.sibling.id]));
    expect(children).not.toContain(t.other.id);
    const grandchild = (await agencyAdmin.data(TREE, { parentId: t.own.id })).allTenants;
    expect(grandchild.map((tenant: { id: string }) => tenant.id)).toEqual([fixtures.child.own]);
    expect(grandchild[0].ancestors.map((tenant: { id: string }) => tenant.id)).toEqual([t.agency.id, t.own.id]);

    // The own tenant's owner manages own and its child, but not the sibling next to it, nor the agency above.
    const ownerView = await t.clients.owner.data(`{ allTenants(perPage: 500) { id } }`);
    expect(new Set(ownerView.allTenants.map((tenant: { id: string }) => tenant.id))).toEqual(new Set([t.own.id, fixtures.child.own]));
    const sibling = await t.clients.owner.request(`query($id: ID!) { Tenant(id: $id) { id } }`, { id: t.sibling.id });
    expect(sibling.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const rename = await t.clients.owner.request(`mutation($id: ID!) { updateTenant(id: $id, name: "Taken over") { id } }`, { id: t.sibling.id });
    expect(rename.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Ancestors the caller cannot see are left out, so a breadcrumb starts at what they may open.
    const own = await t.clients.owner.data(`query($id: ID!) { Tenant(id: $id) { ancestors { id } childrenCount } }`, { id: t.own.id });
    expect(own.Tenant).toEqual({ ancestors: [], childrenCount: 1 });
  });
});

describe('tenant status', () => {
  const UPDATE = `mutation($id: ID!, $status: TenantStatus, $reason: String) { updateTenant(id: $id, status: $status, statusReason: $reason) { status statusReason } }`;
  const ORDER = `mutation($tenantId: ID!, $slug: String!) { createSpace(tenantId: $tenantId, name: "After", slug: $slug, cpuMillicores: 100, memoryMiB: 128, storageGiB: 1) { id } }`;

  it('suspends with a reason: the tenant still signs in and reads, every order is refused with that reason; activating clears it', async () => {
    const noReason = await t.clients.operator.request(UPDATE, { id: t.sibling.id, status: 'SUSPENDED' });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'statusReason' });
    const byOwner = await t.clients.owner.request(UPDATE, { id: t.own.id, status: 'SUSPENDED', reason: 'self' });
    expect(byOwner.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    const suspended = await t.clients.operator.data(UPDATE, { id: t.own.id, status: 'SUSPENDED', reason: 'Invoice 2025-114 is 60 days overdue' });
    expect(suspended.updateTenant).toEqual({ status: 'SUSPENDED', statusReason: 'Invoice 2025-114 is 60 days overdue' });
    // Signing in and reading still work.
    const owner = api.client();
    await owner.login(t.emails.owner, 'correct horse battery staple');
    expect((await owner.data(`query($id: ID!) { Tenant(id: $id) { status statusReason } }`, { id: t.own.id })).Tenant.status).toBe('SUSPENDED');
    const refused = await owner.request(ORDER, { tenantId: t.own.id, slug: 'after' });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TENANT_SUSPENDED' });
    expect(refused.errors?.[0].message).toContain('Invoice 2025-114 is 60 days overdue');
    expect(refused.errors?.[0].message).toContain('suspended');
    // Members of the suspended tenant can still be managed (that is not an order).
    expect((await owner.request(`{ allMemberships { id } }`)).errors).toBeUndefined();
    // Going back to PENDING is not a thing.
    expect((await t.clients.operator.request(UPDATE, { id: t.own.id, status: 'PENDING' })).errors?.[0].extensions?.field).toBe('status');

    // ra-data-graphql-simple sends the old reason back with the new status: activating still clears it.
    const active = await t.clients.operator.data(UPDATE, { id: t.own.id, status: 'ACTIVE', reason: 'Invoice 2025-114 is 60 days overdue' });
    expect(active.updateTenant).toEqual({ status: 'ACTIVE', statusReason: null });
    expect((await owner.request(ORDER, { tenantId: t.own.id, slug: 'after' })).errors).toBeUndefined();
    const audited = await db.getRepository(AuditEventEntity).find({ where: { action: 'updateTenant', tenantId: t.own.id, outcome: 'SUCCESS' as never } });
    expect(audited.some((event) => (event.details.args as { status?: string }).status === 'SUSPENDED')).toBe(true);
  });
});
