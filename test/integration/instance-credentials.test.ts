import { randomUUID } from 'node:crypto';
import { AuditEventEntity, AuditOutcome, InstanceEntity, OrderEntity, SpaceEntity, UserEntity } from '@nprod/database';
import { InstanceStatus, OrderStatus, SpaceStatus, TenantRole } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuthUser } from '../../apps/api/src/auth/auth-user';
import type { AppException } from '../../apps/api/src/common/app-exception';
import { InstancesService } from '../../apps/api/src/instances/instances.service';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { SUBMIT_ORDER, offeringId, uniqueSlug } from '../support/order-fixtures';
import type { TestDatabase } from '../support/test-database';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

/**
 * Generated credentials are shown once, to the instance's owner (a tenant OWNER, or the ADMIN
 * who ordered it; never platform staff), and a second reveal says when, to whom, and where the
 * Secret is. API only: the worker's side (the Secret holds the same values) is in
 * instances-provisioning.test.ts.
 */
let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let t: Tenancy;
let spaceId: string;
let namespace: string;
let postgres: string;

const REVEAL = `mutation($id: ID!) { revealInstanceCredentials(id: $id) { id secretName values } }`;
const STATE = `query($id: ID!) { Instance(id: $id) { credentialsSecretName credentialsRevealedAt credentialsRevealedById credentialsRevealedTo canRevealCredentials } }`;

/** A PostgreSQL instance ordered by `client`, as the worker leaves it once ready. */
async function activeInstance(client: GraphqlClient): Promise<{ id: string; name: string }> {
  const name = uniqueSlug('pg');
  const { submitOrder } = await client.data(SUBMIT_ORDER, { tenantId: t.own.id, offeringId: postgres, planKey: 'small', spaceId, name, key: randomUUID() });
  await db.getRepository(OrderEntity).update({ id: submitOrder.id }, { status: OrderStatus.Completed });
  await db.getRepository(InstanceEntity).update({ id: submitOrder.instanceId }, { status: InstanceStatus.Active });
  return { id: submitOrder.instanceId, name };
}

const stored = (id: string) => db.getRepository(InstanceEntity).findOneByOrFail({ id });

beforeAll(async () => {
  ({ database, api, db } = await startApiStack());
  t = await createTenancy(db, () => api.client());
  namespace = `t-creds-${randomUUID().slice(0, 6)}`;
  const space = await db.getRepository(SpaceEntity).save(
    db.getRepository(SpaceEntity).create({ tenantId: t.own.id, name: 'creds', slug: 'creds', namespace, region: 'almaty', status: SpaceStatus.Active, cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 200 }),
  );
  spaceId = space.id;
  postgres = await offeringId(t.clients.owner, 'postgresql');
});

afterAll(() => stopApiStack({ db, api, database }));

describe('revealInstanceCredentials', () => {
  it('shows them once to the tenant owner (audited), then refuses with when, to whom and where the Secret is', async () => {
    const instance = await activeInstance(t.clients.admin);
    expect((await t.clients.owner.data(STATE, { id: instance.id })).Instance).toMatchObject({ credentialsRevealedAt: null, credentialsRevealedTo: null, canRevealCredentials: true });

    const { revealInstanceCredentials } = await t.clients.owner.data(REVEAL, { id: instance.id });
    expect(revealInstanceCredentials.secretName).toBe(`${instance.name}-credentials`);
    expect(revealInstanceCredentials.values.password).toMatch(/.{16,}/);
    const audited = await db.getRepository(AuditEventEntity).findOneByOrFail({ action: 'revealInstanceCredentials', targetId: instance.id, outcome: AuditOutcome.Success });
    expect(audited).toMatchObject({ tenantId: t.own.id, actorId: t.userIds.owner });
    expect(JSON.stringify(audited.details)).not.toContain(revealInstanceCredentials.values.password);

    const owner = await db.getRepository(UserEntity).findOneByOrFail({ id: t.userIds.owner });
    const row = await stored(instance.id);
    expect(row.credentialsRevealedById).toBe(t.userIds.owner);
    expect(row.credentialsRevealedAt).toBeInstanceOf(Date);
    expect((await t.clients.owner.data(STATE, { id: instance.id })).Instance).toMatchObject({
      credentialsRevealedAt: row.credentialsRevealedAt!.toISOString(),
      credentialsRevealedById: t.userIds.owner,
      credentialsRevealedTo: `${owner.displayName} (${owner.email})`,
      canRevealCredentials: false,
    });

    for (const client of [t.clients.owner, t.clients.admin]) {
      const again = await client.request(REVEAL, { id: instance.id });
      expect(again.data).toBeNull();
      const [error] = again.errors!;
      expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'id', secretName: `${instance.name}-credentials`, namespace });
      const when = `${row.credentialsRevealedAt!.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
      expect(error.message).toBe(
        `The credentials of ${instance.name} were already shown to ${owner.displayName} (${owner.email}) on ${when}, and are shown only once. ` +
          `Read them from the Kubernetes Secret ${instance.name}-credentials in namespace ${namespace} with your tenant's cluster access (owners and admins have it).`,
      );
    }
    expect((await stored(instance.id)).credentialsRevealedAt).toEqual(row.credentialsRevealedAt);
  });

  it('shows them to the admin who ordered the instance, but not to another admin', async () => {
    const ordered = await activeInstance(t.clients.admin);
    expect((await t.clients.admin.data(STATE, { id: ordered.id })).Instance.canRevealCredentials).toBe(true);
    expect((await t.clients.admin.data(REVEAL, { id: ordered.id })).revealInstanceCredentials.values.password).toBeTruthy();

    const byOwner = await activeInstance(t.clients.owner);
    expect((await t.clients.admin.data(STATE, { id: byOwner.id })).Instance.canRevealCredentials).toBe(false);
    const refused = await t.clients.admin.request(REVEAL, { id: byOwner.id });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(refused.errors?.[0].message).toContain('shown once, to its owner (a tenant owner, or the admin who ordered it)');
    expect((await stored(byOwner.id)).credentialsRevealedAt).toBeNull();
  });

  it('refuses operators, auditors, members, viewers and API tokens without using up the reveal', async () => {
    const instance = await activeInstance(t.clients.operator);
    for (const persona of ['operator', 'auditor', 'member', 'viewer'] as const) {
      expect((await t.clients[persona].data(STATE, { id: instance.id })).Instance.canRevealCredentials, persona).toBe(false);
      const refused = await t.clients[persona].request(REVEAL, { id: instance.id });
      expect(refused.data, persona).toBeNull();
      expect(refused.errors?.[0].extensions?.code, persona).toBe('FORBIDDEN');
      expect(JSON.stringify(refused), persona).not.toContain('password');
    }
    const operatorRefusal = await t.clients.operator.request(REVEAL, { id: instance.id });
    expect(operatorRefusal.errors?.[0].message).toMatch(/^Platform operators and auditors never see a tenant's credentials/);
    // Nor an OWNER's API token: there is no person to show them to.
    const { createApiToken } = await t.clients.owner.data(
      `mutation($tenantId: ID!, $expiresAt: DateTime!) { createApiToken(tenantId: $tenantId, name: "ci", role: OWNER, expiresAt: $expiresAt) { token } }`,
      { tenantId: t.own.id, expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
    );
    const tokenClient = api.client();
    tokenClient.accessToken = createApiToken.token;
    const tokenRefusal = await tokenClient.request(REVEAL, { id: instance.id });
    expect(tokenRefusal.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringMatching(/^An API token cannot see them/) });
    expect(await stored(instance.id)).toMatchObject({ credentialsRevealedAt: null, credentialsRevealedById: null });
    // Ordered by an operator, the instance's credentials still reach a tenant owner.
    expect((await t.clients.owner.data(REVEAL, { id: instance.id })).revealInstanceCredentials.values.password).toBeTruthy();
  });

  it("answers another tenant's id exactly like a missing one", async () => {
    const instance = await activeInstance(t.clients.owner);
    const otherOwner = api.client();
    await otherOwner.login(t.emails.otherOwner, TEST_PASSWORD);
    const foreign = await otherOwner.request(REVEAL, { id: instance.id });
    const missingId = randomUUID();
    const missing = await otherOwner.request(REVEAL, { id: missingId });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(foreign.errors?.[0].message.replace(instance.id, 'ID')).toBe(missing.errors?.[0].message.replace(missingId, 'ID'));
    expect((await stored(instance.id)).credentialsRevealedAt).toBeNull();
  });

  it('lets exactly one of 5 concurrent reveals through', async () => {
    const instance = await activeInstance(t.clients.owner);
    const results = await Promise.all(Array.from({ length: 5 }, () => t.clients.owner.request(REVEAL, { id: instance.id })));
    const shown = results.filter((result) => result.data?.revealInstanceCredentials);
    const refused = results.filter((result) => result.errors);
    expect(shown).toHaveLength(1);
    expect(refused).toHaveLength(4);
    for (const result of refused) expect(result.errors![0].extensions).toMatchObject({ code: 'CONFLICT', field: 'id' });
    const audits = await db.getRepository(AuditEventEntity).findBy({ action: 'revealInstanceCredentials', targetId: instance.id, outcome: AuditOutcome.Success });
    expect(audits).toHaveLength(1);

    // In-process, all five read the row before any writes it: only the conditional UPDATE keeps this to one.
    const racing = await activeInstance(t.clients.owner);
    const owner: AuthUser = { id: t.userIds.owner, email: t.emails.owner, platformRole: null, memberships: [{ tenantId: t.own.id, role: TenantRole.Owner }] };
    const service = api.app.get(InstancesService);
    const settled = await Promise.allSettled(Array.from({ length: 5 }, () => service.revealCredentials(owner, racing.id)));
    expect(settled.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of settled.filter((candidate) => candidate.status === 'rejected')) expect((result.reason as AppException).message).toMatch(/were already shown to/);
  });
});
