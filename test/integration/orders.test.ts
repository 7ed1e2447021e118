import { randomUUID } from 'node:crypto';
import { AllocationEntity, InstanceEntity, OrderEntity, OutboxMessageEntity, QuotaReservationEntity, SpaceEntity, TenantEntity } from '@nprod/database';
import { InstanceStatus, OrderStatus, SpaceStatus, TenantStatus } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { SUBMIT_ORDER, approvalOffering, offeringId, uniqueSlug } from '../support/order-fixtures';
import { type TestDatabase } from '../support/test-database';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

/**
 * Orders through the API alone (no worker runs here): submit with idempotency, approval,
 * reject, cancel and retry, bad input per field, other tenants' ids, and the quota each
 * step reserves or gives back. The worker's side is in instances-provisioning.test.ts.
 */
let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let t: Tenancy;
let spaceId: string;
let otherSpaceId: string;
let postgres: string;
let reviewed: string;
/** The owner of a tenant outside the tree: everything of `own` is invisible to them. */
let otherOwner: GraphqlClient;

const ORDER = `query($id: ID!) { Order(id: $id) { id status statusReason attempt events { fromStatus toStatus actorKind actorId actorEmail reason } } }`;

const used = async (tenantId = t.own.id) => {
  const allocation = await db.getRepository(AllocationEntity).findOneByOrFail({ tenantId, region: 'almaty' });
  return { cpu: allocation.usedCpuMillicores, memory: allocation.usedMemoryMiB, storage: allocation.usedStorageGiB, instances: allocation.usedInstances };
};

/** What the instances of the orders space use of it, as the Space type reports it. */
const spaceUse = async () => {
  const { Space } = await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { usedByInstancesCpuMillicores usedByInstancesMemoryMiB usedByInstancesStorageGiB } }`, { id: spaceId });
  return { cpu: Space.usedByInstancesCpuMillicores, memory: Space.usedByInstancesMemoryMiB, storage: Space.usedByInstancesStorageGiB };
};

function submit(client: GraphqlClient, variables: Record<string, unknown>) {
  return client.request(SUBMIT_ORDER, { tenantId: t.own.id, offeringId: postgres, planKey: 'small', spaceId, name: uniqueSlug('pg'), key: randomUUID(), ...variables });
}

async function submitted(client: GraphqlClient, variables: Record<string, unknown> = {}): Promise<Record<string, any>> {
  const result = await submit(client, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.submitOrder;
}

/** An instance as the worker leaves it once ready. */
async function activeInstance(): Promise<string> {
  const order = await submitted(t.clients.owner);
  await db.getRepository(OrderEntity).update({ id: order.id }, { status: OrderStatus.Completed });
  await db.getRepository(InstanceEntity).update({ id: order.instanceId }, { status: InstanceStatus.Active });
  return order.instanceId;
}

/** A space big enough for every instance this file orders into it (instances take their size from their space). */
async function activeSpace(tenantId: string, slug: string): Promise<string> {
  const space = await db.getRepository(SpaceEntity).save(
    db.getRepository(SpaceEntity).create({ tenantId, name: slug, slug, namespace: `t-${slug}-${randomUUID().slice(0, 6)}`, region: 'almaty', status: SpaceStatus.Active, cpuMillicores: 32_000, memoryMiB: 65_536, storageGiB: 1_000 }),
  );
  return space.id;
}

beforeAll(async () => {
  ({ database, api, db } = await startApiStack());
  t = await createTenancy(db, () => api.client());
  spaceId = await activeSpace(t.own.id, 'orders');
  otherSpaceId = await activeSpace(t.other.id, 'theirs');
  postgres = await offeringId(t.clients.owner, 'postgresql');
  reviewed = await approvalOffering(t.clients.operator);
  otherOwner = api.client();
  await otherOwner.login(t.emails.otherOwner, TEST_PASSWORD);
});

afterAll(() => stopApiStack({ db, api, database }));

describe('submitOrder', () => {
  it('creates an instance order approved within its space and the allocation: events, reservation and the job in one transaction', async () => {
    const before = await used();
    const spaceBefore = await spaceUse();
    const order = await submitted(t.clients.owner, { parameters: { databaseName: 'shop' } });
    expect(order).toMatchObject({ status: 'APPROVED', action: 'CREATE', spaceId, planKey: 'small', attempt: 1, quotaChange: { cpuMillicores: 500, memoryMiB: 1024, storageGiB: 10, spaces: 0, instances: 1 } });
    expect(order.parameters).toEqual({ version: '17', databaseName: 'shop', username: 'app' });
    const { Order } = await t.clients.owner.data(ORDER, { id: order.id });
    expect(Order.events.map((event: Record<string, unknown>) => [event.fromStatus, event.toStatus, event.actorKind])).toEqual([
      [null, 'SUBMITTED', 'USER'],
      ['SUBMITTED', 'APPROVED', 'SYSTEM'],
    ]);
    expect(Order.events[0].actorEmail).toBe(t.emails.owner);
    // Its size comes out of the space (which already holds its own size in the allocation); the allocation counts the instance.
    expect(await used()).toEqual({ ...before, instances: before.instances + 1 });
    expect(await spaceUse()).toEqual({ cpu: spaceBefore.cpu + 500, memory: spaceBefore.memory + 1024, storage: spaceBefore.storage + 10 });
    expect(Order.events[1].reason).toContain('Fits within space orders and the allocation.');
    const outbox = await db.getRepository(OutboxMessageEntity).findOneByOrFail({ jobId: order.id });
    expect(outbox).toMatchObject({ jobName: 'instance.provision', payload: { orderId: order.id } });
    const instance = (await t.clients.owner.data(`query($id: ID!) { Instance(id: $id) { status spaceId credentialsSecretName } }`, { id: order.instanceId })).Instance;
    expect(instance).toMatchObject({ status: 'PROVISIONING', spaceId });
  });

  it('returns the same order for the same key and body, and CONFLICT for the same key with another body', async () => {
    const key = randomUUID();
    const name = uniqueSlug('pg');
    const before = await used();
    const first = await submitted(t.clients.owner, { key, name });
    const again = await submitted(t.clients.owner, { key, name });
    expect(again.id).toBe(first.id);
    expect((await used()).instances).toBe(before.instances + 1);
    const changed = await submit(t.clients.owner, { key, name, planKey: 'medium' });
    expect(changed.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'idempotencyKey', orderId: first.id });
  });

  it.each([
    ['tenantId', { tenantId: 'not-a-uuid' }, 'NOT_FOUND'],
    ['idempotencyKey', { key: '   ' }, 'BAD_USER_INPUT'],
    ['idempotencyKey', { key: 'k'.repeat(201) }, 'BAD_USER_INPUT'],
    ['spaceId', { spaceId: null }, 'BAD_USER_INPUT'],
    ['spaceId', { spaceId: randomUUID() }, 'NOT_FOUND'],
    ['offeringId', { offeringId: null }, 'BAD_USER_INPUT'],
    ['offeringId', { offeringId: randomUUID() }, 'NOT_FOUND'],
    ['planKey', { planKey: null }, 'BAD_USER_INPUT'],
    ['planKey', { planKey: 'huge' }, 'BAD_USER_INPUT'],
    ['parameters.version', { parameters: { version: '9' } }, 'BAD_USER_INPUT'],
    ['parameters', { parameters: { unknown: true } }, 'BAD_USER_INPUT'],
    ['name', { name: 'No Spaces Please' }, 'BAD_USER_INPUT'],
    ['name', { name: 'ab' }, 'BAD_USER_INPUT'],
    ['leaseEndsAt', { leaseEndsAt: '2001-01-01T00:00:00Z' }, 'BAD_USER_INPUT'],
    ['instanceId', { instanceId: randomUUID() }, 'BAD_USER_INPUT'],
  ])('refuses a bad %s (%j) with %s and stores nothing', async (field, variables, code) => {
    const before = await db.getRepository(OrderEntity).count();
    const result = await submit(t.clients.owner, variables);
    expect(result.errors?.[0].extensions?.code).toBe(code);
    if (code === 'BAD_USER_INPUT') expect(String(result.errors?.[0].extensions?.field)).toContain(field.split('.')[0]);
    expect(await db.getRepository(OrderEntity).count()).toBe(before);
  });

  it("treats another tenant's space, and an offering retired or not for the tenant, as clear refusals", async () => {
    expect((await submit(t.clients.owner, { spaceId: otherSpaceId })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await submit(t.clients.owner, { tenantId: t.other.id, spaceId: otherSpaceId })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const compute = await offeringId(t.clients.owner, 'compute-space');
    // The compute-space offering makes a space: a spaceId to run in is a mistake.
    expect((await submit(t.clients.owner, { offeringId: compute, planKey: 's' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'spaceId' });
    const provisioning = await activeSpace(t.own.id, 'not-yet');
    await db.getRepository(SpaceEntity).update({ id: provisioning }, { status: SpaceStatus.Provisioning });
    expect((await submit(t.clients.owner, { spaceId: provisioning })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'spaceId' });
    const name = uniqueSlug('pg');
    await submitted(t.clients.owner, { name });
    expect((await submit(t.clients.owner, { name })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'name' });
  });

  it('refuses members and viewers, and a suspended tenant with its reason', async () => {
    expect((await submit(t.clients.member, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await submit(t.clients.viewer, {})).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    await db.getRepository(TenantEntity).update({ id: t.own.id }, { status: TenantStatus.Suspended, statusReason: 'Unpaid invoice 7' });
    try {
      const refused = await submit(t.clients.owner, {});
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'TENANT_SUSPENDED' });
      expect(refused.errors?.[0].message).toContain('Unpaid invoice 7');
    } finally {
      await db.getRepository(TenantEntity).update({ id: t.own.id }, { status: TenantStatus.Active, statusReason: null });
    }
  });

  it('refuses an order over its space with QUOTA_EXCEEDED, the numbers and the space; over the instance count of the allocation likewise', async () => {
    const result = await submit(t.clients.owner, { planKey: 'large', name: uniqueSlug('big') });
    expect(result.errors).toBeUndefined();
    const orders = await db.getRepository(OrderEntity).count();
    // The allocation's storage no longer matters for an instance: the space's room does.
    await db.getRepository(AllocationEntity).update({ tenantId: t.own.id }, { storageGiB: 0 });
    const inUse = await spaceUse();
    await db.getRepository(SpaceEntity).update({ id: spaceId }, { storageGiB: inUse.storage + 9 });
    try {
      const refused = await submit(t.clients.owner, {});
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'QUOTA_EXCEEDED',
        field: 'planKey',
        spaceId,
        shortfalls: [{ resource: 'storageGiB', requested: 10, allocated: inUse.storage + 9, inUse: inUse.storage, free: 9 }],
      });
      expect(refused.errors?.[0].message).toContain('Space orders has no room for this. storage: requested 10 GiB, 9 GiB free');
      expect(refused.errors?.[0].message).toContain('Resize the space orders or pick a smaller plan.');
      expect(await db.getRepository(OrderEntity).count()).toBe(orders);
    } finally {
      await db.getRepository(SpaceEntity).update({ id: spaceId }, { storageGiB: 1_000 });
      await db.getRepository(AllocationEntity).update({ tenantId: t.own.id }, { storageGiB: 1000 });
    }
    const { instances } = await used();
    await db.getRepository(AllocationEntity).update({ tenantId: t.own.id }, { maxInstances: instances });
    try {
      const refused = await submit(t.clients.owner, {});
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', field: 'tenantId', shortfalls: [{ resource: 'instances', requested: 1, allocated: instances, free: 0 }] });
      expect(await db.getRepository(OrderEntity).count()).toBe(orders);
    } finally {
      await db.getRepository(AllocationEntity).update({ tenantId: t.own.id }, { maxInstances: 40 });
    }
  });
});

describe('approval, rejection, cancellation and retry', () => {
  it('leaves an order of an ALWAYS_OPERATOR offering PENDING_APPROVAL (quota reserved) until an operator approves it', async () => {
    const before = await used();
    const order = await submitted(t.clients.owner, { offeringId: reviewed });
    expect(order.status).toBe('PENDING_APPROVAL');
    expect((await used()).instances).toBe(before.instances + 1);
    expect(await db.getRepository(OutboxMessageEntity).existsBy({ jobId: order.id })).toBe(false);
    const inbox = (await t.clients.operator.data(`{ allOrders(filter: { status: PENDING_APPROVAL }, perPage: 500) { id } }`)).allOrders;
    expect(inbox.map((row: { id: string }) => row.id)).toContain(order.id);
    expect((await t.clients.owner.request(`mutation($id: ID!) { approveOrder(id: $id) { id } }`, { id: order.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const { approveOrder } = await t.clients.operator.data(`mutation($id: ID!) { approveOrder(id: $id, reason: "Within the pilot") { status events { toStatus actorKind actorId reason } } }`, { id: order.id });
    expect(approveOrder.status).toBe('APPROVED');
    expect(approveOrder.events.at(-1)).toEqual({ toStatus: 'APPROVED', actorKind: 'USER', actorId: t.userIds.operator, reason: 'Within the pilot' });
    expect(await db.getRepository(OutboxMessageEntity).existsBy({ jobId: order.id })).toBe(true);
    const twice = await t.clients.operator.request(`mutation($id: ID!) { approveOrder(id: $id) { id } }`, { id: order.id });
    expect(twice.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'APPROVED' });
    expect(twice.errors?.[0].message).toContain('is approved');
  });

  it('rejects with a required reason: the quota comes back once and the instance is never made', async () => {
    const before = await used();
    const order = await submitted(t.clients.owner, { offeringId: reviewed });
    const REJECT = `mutation($id: ID!, $reason: String!) { rejectOrder(id: $id, reason: $reason) { status statusReason } }`;
    expect((await t.clients.operator.request(REJECT, { id: order.id, reason: ' ' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const { rejectOrder } = await t.clients.operator.data(REJECT, { id: order.id, reason: 'Use the shared cluster database instead' });
    expect(rejectOrder).toEqual({ status: 'REJECTED', statusReason: 'Use the shared cluster database instead' });
    expect(await used()).toEqual(before);
    expect((await db.getRepository(InstanceEntity).findOneByOrFail({ id: order.instanceId })).status).toBe(InstanceStatus.Deleted);
    const again = await t.clients.operator.request(REJECT, { id: order.id, reason: 'Twice' });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'REJECTED' });
    expect(await used()).toEqual(before);
  });

  it('cancels until provisioning starts, then refuses with the current status', async () => {
    const before = await used();
    const CANCEL = `mutation($id: ID!) { cancelOrder(id: $id) { status } }`;
    const order = await submitted(t.clients.owner);
    expect((await t.clients.viewer.request(CANCEL, { id: order.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await otherOwner.request(CANCEL, { id: order.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.clients.owner.data(CANCEL, { id: order.id })).cancelOrder.status).toBe('CANCELLED');
    expect(await used()).toEqual(before);

    const started = await submitted(t.clients.owner);
    await db.getRepository(OrderEntity).update({ id: started.id }, { status: OrderStatus.Provisioning });
    const refused = await t.clients.owner.request(CANCEL, { id: started.id });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'PROVISIONING' });
    expect(refused.errors?.[0].message).toContain('is provisioning');
  });

  it('retries only FAILED orders, as operators: the next attempt, a new job id, the quota reserved again', async () => {
    const RETRY = `mutation($id: ID!) { retryOrder(id: $id) { status attempt } }`;
    const order = await submitted(t.clients.owner);
    expect((await t.clients.operator.request(RETRY, { id: order.id })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'APPROVED' });
    // As the worker leaves a failed order: FAILED, its reservation released.
    const before = await used();
    await db.getRepository(OrderEntity).update({ id: order.id }, { status: OrderStatus.Failed, statusReason: 'The Kubernetes API refused the change' });
    await db.getRepository(InstanceEntity).update({ id: order.instanceId }, { status: InstanceStatus.Failed });
    await db.query(`UPDATE allocations SET used_instances = used_instances - 1 WHERE tenant_id = $1`, [t.own.id]);
    await db.getRepository(QuotaReservationEntity).update({ orderId: order.id }, { releasedAt: new Date() });
    expect((await t.clients.owner.request(RETRY, { id: order.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.clients.operator.data(RETRY, { id: order.id })).retryOrder).toEqual({ status: 'APPROVED', attempt: 2 });
    expect(await used()).toEqual(before);
    expect(await db.getRepository(OutboxMessageEntity).existsBy({ jobId: `${order.id}-attempt-2` })).toBe(true);
    expect((await db.getRepository(InstanceEntity).findOneByOrFail({ id: order.instanceId })).status).toBe(InstanceStatus.Provisioning);
  });
});

describe('resize and decommission', () => {
  it('holds only the growth of a resize in the space (nothing in the allocation), and gives nothing back for a shrink until it is done', async () => {
    const instanceId = await activeInstance();
    const RESIZE = `mutation($id: ID!, $planKey: String) { resizeInstance(id: $id, planKey: $planKey) { id status action quotaChange { cpuMillicores memoryMiB storageGiB instances } } }`;
    const before = await used();
    const spaceBefore = await spaceUse();
    const { resizeInstance } = await t.clients.owner.data(RESIZE, { id: instanceId, planKey: 'medium' });
    expect(resizeInstance).toMatchObject({ status: 'APPROVED', action: 'MODIFY', quotaChange: { cpuMillicores: 500, memoryMiB: 1024, storageGiB: 40, instances: 0 } });
    expect(await used()).toEqual(before);
    expect(await spaceUse()).toEqual({ cpu: spaceBefore.cpu + 500, memory: spaceBefore.memory + 1024, storage: spaceBefore.storage + 40 });
    // One change at a time.
    expect((await t.clients.owner.request(RESIZE, { id: instanceId, planKey: 'large' })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', orderId: resizeInstance.id });
    expect((await t.clients.owner.request(RESIZE, { id: instanceId, planKey: 'nope' })).errors?.[0].extensions?.code).toBe('CONFLICT');

    await db.getRepository(OrderEntity).update({ id: resizeInstance.id }, { status: OrderStatus.Completed });
    await db.getRepository(InstanceEntity).update({ id: instanceId }, { planKey: 'medium', cpuMillicores: 1000, memoryMiB: 2048, storageGiB: 50 });
    const shrink = await t.clients.owner.request(RESIZE, { id: instanceId, planKey: 'small' });
    expect(shrink.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planKey' });
    expect(shrink.errors?.[0].message).toContain('volumes cannot shrink');
    expect((await t.clients.owner.request(RESIZE, { id: instanceId, planKey: 'medium' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planKey' });
    expect((await t.clients.owner.request(RESIZE, { id: instanceId })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'planKey' });
    expect((await otherOwner.request(RESIZE, { id: instanceId, planKey: 'large' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await t.clients.member.request(RESIZE, { id: instanceId, planKey: 'large' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('decommissions with a DELETE order that frees nothing until the worker is done; cancelling it puts the instance back', async () => {
    const instanceId = await activeInstance();
    const before = await used();
    const DECOMMISSION = `mutation($id: ID!) { decommissionInstance(id: $id) { id status action quotaChange { cpuMillicores instances } } }`;
    const { decommissionInstance } = await t.clients.owner.data(DECOMMISSION, { id: instanceId });
    expect(decommissionInstance).toMatchObject({ status: 'APPROVED', action: 'DELETE', quotaChange: { cpuMillicores: -500, instances: -1 } });
    expect(await used()).toEqual(before);
    expect((await db.getRepository(InstanceEntity).findOneByOrFail({ id: instanceId })).status).toBe(InstanceStatus.Decommissioning);
    expect((await db.getRepository(OutboxMessageEntity).findOneByOrFail({ jobId: decommissionInstance.id })).jobName).toBe('instance.delete');
    await t.clients.owner.data(`mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: decommissionInstance.id });
    expect((await db.getRepository(InstanceEntity).findOneByOrFail({ id: instanceId })).status).toBe(InstanceStatus.Active);
    expect((await t.clients.owner.request(DECOMMISSION, { id: randomUUID() })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('renews a lease only into the future', async () => {
    const instanceId = await activeInstance();
    const RENEW = `mutation($id: ID!, $at: DateTime) { renewInstance(id: $id, leaseEndsAt: $at) { leaseEndsAt } }`;
    expect((await t.clients.owner.request(RENEW, { id: instanceId, at: '2001-01-01T00:00:00Z' })).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'leaseEndsAt' });
    const at = new Date(Date.now() + 86_400_000).toISOString();
    expect((await t.clients.owner.data(RENEW, { id: instanceId, at })).renewInstance.leaseEndsAt).toBe(at);
    expect((await t.clients.owner.data(RENEW, { id: instanceId, at: null })).renewInstance.leaseEndsAt).toBeNull();
    expect((await t.clients.viewer.request(RENEW, { id: instanceId, at })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('lists orders and instances per tenant, with filters', async () => {
    const instanceId = await activeInstance();
    const orders = (await t.clients.viewer.data(`query($id: ID!) { allOrders(filter: { instanceId: $id }) { id instanceId } _allOrdersMeta(filter: { instanceId: $id }) { count } }`, { id: instanceId }));
    expect(orders._allOrdersMeta.count).toBe(1);
    expect(orders.allOrders[0].instanceId).toBe(instanceId);
    const instances = await t.clients.viewer.data(`query($spaceId: ID!) { allInstances(filter: { spaceId: $spaceId, status: ACTIVE }, perPage: 500) { id } }`, { spaceId });
    expect(instances.allInstances.map((row: { id: string }) => row.id)).toContain(instanceId);
    expect((await otherOwner.data(`query($id: ID!) { allInstances(filter: { ids: [$id] }) { id } }`, { id: instanceId })).allInstances).toEqual([]);
    expect((await t.clients.owner.request(`{ allOrders(sortField: "nope") { id } }`)).errors?.[0].extensions?.field).toBe('sortField');
  });
});
