import { randomUUID } from 'node:crypto';
import { AllocationEntity, AuditEventEntity, InstanceEntity, OrderEntity, OutboxMessageEntity, QuotaReservationEntity, SpaceEntity } from '@nprod/database';
import { InstanceStatus, OrderStatus, SpaceStatus } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { offeringId, uniqueSlug } from '../support/order-fixtures';
import { type TestDatabase } from '../support/test-database';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

/**
 * Space orders through submitOrder and its shorthands (API only; the worker's side is in
 * space-provisioning.test.ts), per-tenant approval policies, quoteOrder, and concurrent
 * submits with one idempotency key.
 */
let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let t: Tenancy;
let compute: string;
let postgres: string;
/** An ACTIVE space the concurrent instance submits go into. */
let parallelSpace: string;

const ORDER_FIELDS = 'id status statusReason action target spaceId instanceId offeringId planKey quotaChange { cpuMillicores memoryMiB storageGiB spaces instances } pricePerHourTiyn';
const SUBMIT = `mutation($tenantId: ID!, $action: OrderAction, $offeringId: ID, $planKey: String, $spaceId: ID, $instanceId: ID, $name: String, $slug: String, $parameters: JSON, $key: String!) {
  submitOrder(tenantId: $tenantId, action: $action, offeringId: $offeringId, planKey: $planKey, spaceId: $spaceId, instanceId: $instanceId, name: $name, slug: $slug, parameters: $parameters, idempotencyKey: $key) { ${ORDER_FIELDS} }
}`;
const QUOTE = `query($tenantId: ID!, $action: OrderAction, $offeringId: ID, $planKey: String, $spaceId: ID, $instanceId: ID, $name: String, $slug: String, $parameters: JSON) {
  quoteOrder(tenantId: $tenantId, action: $action, offeringId: $offeringId, planKey: $planKey, spaceId: $spaceId, instanceId: $instanceId, name: $name, slug: $slug, parameters: $parameters) {
    action target region quotaChange { cpuMillicores memoryMiB storageGiB spaces instances } reserved { cpuMillicores memoryMiB storageGiB spaces instances }
    pricePerHourTiyn approvalRequired approvalReason fits problem problemField impact { resource allocated inUse change freeAfter }
  }
}`;
const EVENTS = `query($id: ID!) { Order(id: $id) { status events { toStatus reason } } }`;
const SET_POLICY = `mutation($tenantId: ID!, $offeringId: ID, $policy: ApprovalPolicy!, $cpu: Int, $mem: Int, $sto: Int) {
  setApprovalPolicy(tenantId: $tenantId, offeringId: $offeringId, policy: $policy, thresholdCpuMillicores: $cpu, thresholdMemoryMiB: $mem, thresholdStorageGiB: $sto) {
    id tenantId offeringId policy thresholdCpuMillicores thresholdMemoryMiB thresholdStorageGiB updatedById
  }
}`;
const CLEAR_POLICY = `mutation($tenantId: ID!, $offeringId: ID) { clearApprovalPolicy(tenantId: $tenantId, offeringId: $offeringId) }`;
const POLICIES = `query($tenantId: ID) { allApprovalPolicyOverrides(filter: { tenantId: $tenantId }) { id offeringId policy } _allApprovalPolicyOverridesMeta(filter: { tenantId: $tenantId }) { count } }`;

function submit(client: GraphqlClient, variables: Record<string, unknown>) {
  return client.request(SUBMIT, { tenantId: t.own.id, key: randomUUID(), ...variables });
}

async function submitted(client: GraphqlClient, variables: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await submit(client, variables);
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  return result.data!.submitOrder;
}

const orderSpace = (variables: Record<string, unknown> = {}) => submitted(t.clients.owner, { offeringId: compute, planKey: 's', name: uniqueSlug('space'), ...variables });

/** A space as the worker leaves it once its namespace is ready. */
async function activeSpace(variables: Record<string, unknown> = {}): Promise<{ spaceId: string; orderId: string }> {
  const order = await orderSpace(variables);
  await db.getRepository(OrderEntity).update({ id: order.id }, { status: OrderStatus.Completed });
  await db.getRepository(SpaceEntity).update({ id: order.spaceId }, { status: SpaceStatus.Active });
  return { spaceId: order.spaceId, orderId: order.id };
}

async function activeInstance(spaceId: string, name = uniqueSlug('pg')): Promise<string> {
  const order = await submitted(t.clients.owner, { offeringId: postgres, planKey: 'small', spaceId, name });
  await db.getRepository(OrderEntity).update({ id: order.id }, { status: OrderStatus.Completed });
  await db.getRepository(InstanceEntity).update({ id: order.instanceId }, { status: InstanceStatus.Active });
  return order.instanceId;
}

const allocation = (tenantId = t.own.id) => db.getRepository(AllocationEntity).findOneByOrFail({ tenantId, region: 'almaty' });

/** Rows a refused or quoted order must leave alone. */
const counts = async () => ({
  orders: await db.getRepository(OrderEntity).count(),
  spaces: await db.getRepository(SpaceEntity).count(),
  instances: await db.getRepository(InstanceEntity).count(),
  reservations: await db.getRepository(QuotaReservationEntity).count(),
  outbox: await db.getRepository(OutboxMessageEntity).count(),
  allocation: await allocation(),
});

beforeAll(async () => {
  ({ database, api, db } = await startApiStack());
  t = await createTenancy(db, () => api.client());
  compute = await offeringId(t.clients.owner, 'compute-space');
  postgres = await offeringId(t.clients.owner, 'postgresql');
  parallelSpace = (await activeSpace()).spaceId;
});

afterAll(() => stopApiStack({ db, api, database }));

describe('space orders through submitOrder', () => {
  it('creates a space from a plan: a SPACE order approved within the allocation, the space, its reservation and the job', async () => {
    const before = await allocation();
    const order = await orderSpace({ planKey: 'm', name: 'Shop Site', slug: undefined });
    expect(order).toMatchObject({ status: 'APPROVED', action: 'CREATE', target: 'SPACE', offeringId: compute, planKey: 'm', instanceId: null, pricePerHourTiyn: 6100 });
    expect(order.quotaChange).toEqual({ cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 50, spaces: 1, instances: 0 });
    const space = await db.getRepository(SpaceEntity).findOneByOrFail({ id: order.spaceId });
    expect(space).toMatchObject({ name: 'Shop Site', slug: 'shop-site', namespace: `t-${t.own.slug}--shop-site`, status: SpaceStatus.Provisioning, planKey: 'm', offeringId: compute, cpuMillicores: 4000 });
    expect(await db.getRepository(OutboxMessageEntity).findOneByOrFail({ jobId: order.id })).toMatchObject({ jobName: 'space.provision', payload: { orderId: order.id } });
    const after = await allocation();
    expect([after.usedCpuMillicores - before.usedCpuMillicores, after.usedSpaces - before.usedSpaces]).toEqual([4000, 1]);
    const { Order } = await t.clients.owner.data(EVENTS, { id: order.id });
    expect(Order.events[1].reason).toContain('the offering\'s approval policy ("Operator above a threshold")');
  });

  it('creates a space of a custom size from the parameters, priced by the rates', async () => {
    const order = await orderSpace({ planKey: 'custom', parameters: { cpuMillicores: 3000, memoryMiB: 4096, storageGiB: 10 } });
    expect(order.quotaChange).toMatchObject({ cpuMillicores: 3000, memoryMiB: 4096, storageGiB: 10, spaces: 1 });
    expect(order.pricePerHourTiyn).toBe(3000 + 1000 + 20);
  });

  it.each([
    ['name', { name: null }, 'BAD_USER_INPUT'],
    ['slug', { slug: 'Bad Slug' }, 'BAD_USER_INPUT'],
    ['planKey', { planKey: null }, 'BAD_USER_INPUT'],
    ['planKey', { planKey: 'xxl' }, 'BAD_USER_INPUT'],
    ['parameters.cpuMillicores', { planKey: 'custom', parameters: { memoryMiB: 1024, storageGiB: 5 } }, 'BAD_USER_INPUT'],
    ['parameters.cpuMillicores', { planKey: 'custom', parameters: { cpuMillicores: 150, memoryMiB: 1024, storageGiB: 5 } }, 'BAD_USER_INPUT'],
    ['spaceId', { spaceId: randomUUID() }, 'BAD_USER_INPUT'],
    ['instanceId', { instanceId: randomUUID() }, 'BAD_USER_INPUT'],
  ])('refuses a space CREATE with a bad %s (%j) and stores nothing', async (field, variables, code) => {
    const before = await counts();
    const result = await submit(t.clients.owner, { offeringId: compute, planKey: 's', name: uniqueSlug('space'), ...variables });
    expect(result.errors?.[0].extensions).toMatchObject({ code, field });
    expect(await counts()).toEqual(before);
  });

  it('refuses a slug the tenant already has with CONFLICT naming slug, and an order over the allocation with QUOTA_EXCEEDED, storing nothing', async () => {
    const slug = uniqueSlug('twin');
    await orderSpace({ slug });
    const before = await counts();
    expect((await submit(t.clients.owner, { offeringId: compute, planKey: 's', name: 'Twin', slug })).errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'slug' });
    await db.getRepository(AllocationEntity).update({ tenantId: t.sibling.id, region: 'almaty' }, { cpuMillicores: 3000 });
    const siblingBefore = await allocation(t.sibling.id);
    const refused = await t.clients.operator.request(SUBMIT, { tenantId: t.sibling.id, offeringId: compute, planKey: 'm', name: 'Too big', key: randomUUID() });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', field: 'planKey', shortfalls: [{ resource: 'cpuMillicores', requested: 4000, free: 3000 }] });
    const custom = await t.clients.operator.request(SUBMIT, { tenantId: t.sibling.id, offeringId: compute, planKey: 'custom', parameters: { cpuMillicores: 3100, memoryMiB: 1024, storageGiB: 1 }, name: 'Too big', key: randomUUID() });
    expect(custom.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', field: 'parameters.cpuMillicores' });
    expect(await allocation(t.sibling.id)).toEqual(siblingBefore);
    expect(await counts()).toEqual(before);
  });

  it("answers another tenant's space exactly like a missing one, for submitOrder and the shorthands", async () => {
    const theirs = await db.getRepository(SpaceEntity).save(
      db.getRepository(SpaceEntity).create({ tenantId: t.other.id, name: 'Theirs', slug: uniqueSlug('theirs'), namespace: `t-x--${uniqueSlug('n')}`, region: 'almaty', status: SpaceStatus.Active, cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 5 }),
    );
    const missing = randomUUID();
    const before = await counts();
    for (const action of ['MODIFY', 'DELETE']) {
      const parameters = action === 'MODIFY' ? { cpuMillicores: 2000 } : undefined;
      const other = await submit(t.clients.owner, { action, spaceId: theirs.id, parameters });
      const none = await submit(t.clients.owner, { action, spaceId: missing, parameters });
      expect(other.errors?.[0].extensions?.code).toBe('NOT_FOUND');
      expect(other.errors?.[0].message.replace(theirs.id, 'ID')).toBe(none.errors?.[0].message.replace(missing, 'ID'));
    }
    const resize = await t.clients.owner.request(`mutation($id: ID!) { resizeSpace(id: $id, planKey: "m") { id } }`, { id: theirs.id });
    const remove = await t.clients.owner.request(`mutation($id: ID!) { deleteSpace(id: $id) { id } }`, { id: theirs.id });
    expect([resize.errors?.[0].extensions?.code, remove.errors?.[0].extensions?.code]).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(await counts()).toEqual(before);
    expect((await db.getRepository(SpaceEntity).findOneByOrFail({ id: theirs.id })).status).toBe(SpaceStatus.Active);
  });

  it('createSpace goes through the same submission: a compute-space order on the custom plan', async () => {
    const slug = uniqueSlug('short');
    const { createSpace } = await t.clients.owner.data(
      `mutation($tenantId: ID!, $slug: String!) { createSpace(tenantId: $tenantId, name: "Shorthand", slug: $slug, cpuMillicores: 1500, memoryMiB: 3072, storageGiB: 30) { id status planKey offeringId } }`,
      { tenantId: t.own.id, slug },
    );
    expect(createSpace).toMatchObject({ status: 'PROVISIONING', planKey: 'custom', offeringId: compute });
    const order = await db.getRepository(OrderEntity).findOneByOrFail({ spaceId: createSpace.id });
    expect(order).toMatchObject({ target: 'SPACE', action: 'CREATE', offeringId: compute, status: OrderStatus.Approved });
    const badSize = await t.clients.owner.request(`mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Bad", slug: "bad-size", cpuMillicores: 150, memoryMiB: 1024, storageGiB: 1) { id } }`, { tenantId: t.own.id });
    expect(badSize.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'cpuMillicores' });
  });
});

describe('resizing a space', () => {
  it('reserves only the growth: 1 CPU more needs exactly 1 free CPU, not the full size', async () => {
    const { spaceId } = await activeSpace({ planKey: 'custom', parameters: { cpuMillicores: 2000, memoryMiB: 2048, storageGiB: 10 } });
    const used = await allocation();
    // Leave exactly 1 CPU free.
    await db.getRepository(AllocationEntity).update({ id: used.id }, { cpuMillicores: used.usedCpuMillicores + 1000 });
    try {
      const tooMuch = await submit(t.clients.owner, { action: 'MODIFY', spaceId, parameters: { cpuMillicores: 3100 } });
      expect(tooMuch.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', field: 'parameters.cpuMillicores', shortfalls: [{ resource: 'cpuMillicores', requested: 1100, free: 1000 }] });
      const order = await submitted(t.clients.owner, { action: 'MODIFY', spaceId, parameters: { cpuMillicores: 3000 } });
      expect(order).toMatchObject({ status: 'APPROVED', action: 'MODIFY', target: 'SPACE', planKey: 'custom' });
      expect(order.quotaChange).toEqual({ cpuMillicores: 1000, memoryMiB: 0, storageGiB: 0, spaces: 0, instances: 0 });
      expect((await allocation()).usedCpuMillicores).toBe(used.usedCpuMillicores + 1000);
      expect(await db.getRepository(OutboxMessageEntity).findOneByOrFail({ jobId: order.id })).toMatchObject({ jobName: 'space.provision' });
      // The space keeps its size until the worker has applied the new one.
      expect(await db.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId })).toMatchObject({ status: SpaceStatus.Active, cpuMillicores: 2000 });
      const second = await submit(t.clients.owner, { action: 'MODIFY', spaceId, planKey: 'm' });
      expect(second.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'spaceId', orderId: order.id });
    } finally {
      await db.getRepository(AllocationEntity).update({ id: used.id }, { cpuMillicores: used.cpuMillicores });
    }
  });

  it('refuses to shrink below what its instances use, naming the numbers and the instances; a shrink above that reserves nothing', async () => {
    const { spaceId } = await activeSpace({ planKey: 'custom', parameters: { cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20 } });
    const name = uniqueSlug('pg');
    await activeInstance(spaceId, name);
    const before = await counts();
    const refused = await submit(t.clients.owner, { action: 'MODIFY', spaceId, parameters: { cpuMillicores: 400 } });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parameters.cpuMillicores', inUse: { cpuMillicores: 500, memoryMiB: 1024, storageGiB: 10 } });
    expect(refused.errors?.[0].message).toContain(`its instances (${name} (active)) use 0.5 CPU, 1 GiB memory, 10 GiB storage`);
    expect(await counts()).toEqual(before);
    const same = await submit(t.clients.owner, { action: 'MODIFY', spaceId, parameters: { cpuMillicores: 2000 } });
    expect(same.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parameters' });
    const shrink = await submitted(t.clients.owner, { action: 'MODIFY', spaceId, parameters: { cpuMillicores: 500, memoryMiB: 1024 } });
    expect(shrink.quotaChange).toEqual({ cpuMillicores: -1500, memoryMiB: -3072, storageGiB: 0, spaces: 0, instances: 0 });
    expect(shrink.status).toBe('APPROVED');
    expect(await allocation()).toEqual(before.allocation);
  });

  it('moves from one plan to another with resizeSpace', async () => {
    const { spaceId } = await activeSpace({ planKey: 's' });
    const { resizeSpace } = await t.clients.owner.data(`mutation($id: ID!) { resizeSpace(id: $id, planKey: "m") { ${ORDER_FIELDS} } }`, { id: spaceId });
    expect(resizeSpace).toMatchObject({ action: 'MODIFY', target: 'SPACE', planKey: 'm', status: 'APPROVED', quotaChange: { cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 30, spaces: 0 } });
    const audit = await db.getRepository(AuditEventEntity).findOneBy({ action: 'resizeSpace', tenantId: t.own.id });
    expect(audit).not.toBeNull();
  });
});

describe('deleting a space', () => {
  it('is refused while instances live in it, naming them; then orders the deletion and frees nothing until the worker is done; cancel puts it back', async () => {
    const { spaceId } = await activeSpace();
    const name = uniqueSlug('pg');
    const instanceId = await activeInstance(spaceId, name);
    const refused = await t.clients.owner.request(`mutation($id: ID!) { deleteSpace(id: $id) { id } }`, { id: spaceId });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'spaceId' });
    expect(refused.errors?.[0].message).toContain(`still has an instance: ${name} (active). Decommission them first.`);
    await db.getRepository(InstanceEntity).update({ id: instanceId }, { status: InstanceStatus.Deleted });

    const before = await allocation();
    const { deleteSpace } = await t.clients.owner.data(`mutation($id: ID!) { deleteSpace(id: $id) { ${ORDER_FIELDS} } }`, { id: spaceId });
    expect(deleteSpace).toMatchObject({ action: 'DELETE', target: 'SPACE', status: 'APPROVED', quotaChange: { cpuMillicores: -2000, memoryMiB: -4096, storageGiB: -20, spaces: -1 } });
    expect(await allocation()).toEqual(before);
    expect((await db.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId })).status).toBe(SpaceStatus.Decommissioning);
    // No new instance goes into a space being deleted.
    const late = await submit(t.clients.owner, { offeringId: postgres, planKey: 'small', spaceId, name: uniqueSlug('pg') });
    expect(late.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'spaceId' });

    await t.clients.owner.data(`mutation($id: ID!) { cancelOrder(id: $id) { status } }`, { id: deleteSpace.id });
    expect(await db.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId })).toMatchObject({ status: SpaceStatus.Active, statusReason: null });
  });
});

describe('approval policy per tenant', () => {
  it('only operators set or clear it; bad input names the field and stores nothing', async () => {
    expect((await t.clients.owner.request(SET_POLICY, { tenantId: t.own.id, policy: 'AUTO_WITHIN_ALLOCATION' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.clients.owner.request(CLEAR_POLICY, { tenantId: t.own.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    // Messages name policies and limits as the console shows them, never enum or argument names.
    const cases: [Record<string, unknown>, string, string?, string?][] = [
      [{ policy: 'AUTO_WITHIN_ALLOCATION', cpu: 1000 }, 'BAD_USER_INPUT', 'thresholdCpuMillicores', 'A CPU limit is only used with "Operator above a threshold"; leave it out for "Automatic within the allocation".'],
      [{ policy: 'OPERATOR_ABOVE_THRESHOLD' }, 'BAD_USER_INPUT', 'thresholdCpuMillicores', '"Operator above a threshold" needs at least one limit: CPU, memory or storage.'],
      [{ policy: 'OPERATOR_ABOVE_THRESHOLD', mem: -1 }, 'BAD_USER_INPUT', 'thresholdMemoryMiB', 'The memory limit must be a whole number of MiB (1024 = 1 GiB) from 0 to'],
      [{ policy: 'ALWAYS_OPERATOR', tenantId: randomUUID() }, 'NOT_FOUND'],
      [{ policy: 'ALWAYS_OPERATOR', offeringId: randomUUID() }, 'NOT_FOUND'],
    ];
    for (const [variables, code, field, message] of cases) {
      const result = await t.clients.operator.request(SET_POLICY, { tenantId: t.own.id, ...variables });
      expect(result.errors?.[0].extensions).toMatchObject(field ? { code, field } : { code });
      if (message) expect(result.errors?.[0].message).toContain(message);
    }
    expect((await t.clients.operator.data(POLICIES, { tenantId: t.own.id }))._allApprovalPolicyOverridesMeta.count).toBe(0);
  });

  it('a tenant-wide ALWAYS_OPERATOR holds every order, and the event names that rule; an override for the offering wins; clearing inherits again', async () => {
    const { setApprovalPolicy } = await t.clients.operator.data(SET_POLICY, { tenantId: t.own.id, policy: 'ALWAYS_OPERATOR' });
    expect(setApprovalPolicy).toMatchObject({ tenantId: t.own.id, offeringId: null, policy: 'ALWAYS_OPERATOR', thresholdCpuMillicores: null, updatedById: t.userIds.operator });
    try {
      const held = await orderSpace();
      expect(held.status).toBe('PENDING_APPROVAL');
      const { Order } = await t.clients.owner.data(EVENTS, { id: held.id });
      expect(Order.events.at(-1)).toEqual({ toStatus: 'PENDING_APPROVAL', reason: expect.stringContaining('the tenant\'s approval policy for all offerings is "Always an operator"') });

      const threshold = await t.clients.operator.data(SET_POLICY, { tenantId: t.own.id, offeringId: compute, policy: 'OPERATOR_ABOVE_THRESHOLD', cpu: 2000 });
      expect(threshold.setApprovalPolicy).toMatchObject({ offeringId: compute, policy: 'OPERATOR_ABOVE_THRESHOLD', thresholdCpuMillicores: 2000 });
      expect((await orderSpace({ planKey: 's' })).status).toBe('APPROVED');
      const medium = await orderSpace({ planKey: 'm' });
      expect(medium.status).toBe('PENDING_APPROVAL');
      const mediumEvents = (await t.clients.owner.data(EVENTS, { id: medium.id })).Order.events;
      expect(mediumEvents.at(-1).reason).toContain('the tenant\'s approval policy for this offering is "Operator above a threshold", and 4 CPU is above the threshold of 2 CPU');
      // Setting it again replaces it: one override per tenant and offering.
      await t.clients.operator.data(SET_POLICY, { tenantId: t.own.id, offeringId: compute, policy: 'AUTO_WITHIN_ALLOCATION' });
      expect((await orderSpace({ planKey: 'l' })).status).toBe('APPROVED');
      // The other offerings still follow the tenant-wide policy.
      const space = await activeSpace();
      expect((await submitted(t.clients.owner, { offeringId: postgres, planKey: 'small', spaceId: space.spaceId, name: uniqueSlug('pg') })).status).toBe('PENDING_APPROVAL');

      const listed = await t.clients.owner.data(POLICIES, { tenantId: t.own.id });
      expect(listed._allApprovalPolicyOverridesMeta.count).toBe(2);
      expect((await t.clients.operator.data(POLICIES, { tenantId: t.other.id }))._allApprovalPolicyOverridesMeta.count).toBe(0);
      expect((await t.clients.member.data(POLICIES, { tenantId: t.own.id }))._allApprovalPolicyOverridesMeta.count).toBe(2);
    } finally {
      expect((await t.clients.operator.data(CLEAR_POLICY, { tenantId: t.own.id, offeringId: compute })).clearApprovalPolicy).toBe(true);
      expect((await t.clients.operator.data(CLEAR_POLICY, { tenantId: t.own.id })).clearApprovalPolicy).toBe(true);
    }
    expect((await t.clients.operator.data(CLEAR_POLICY, { tenantId: t.own.id })).clearApprovalPolicy).toBe(false);
    expect((await orderSpace()).status).toBe('APPROVED');
    const audited = await db.getRepository(AuditEventEntity).find({ where: [{ action: 'setApprovalPolicy' }, { action: 'clearApprovalPolicy' }] });
    expect(new Set(audited.map((event) => event.action))).toEqual(new Set(['setApprovalPolicy', 'clearApprovalPolicy']));
  });
});

describe('quoteOrder', () => {
  it('tells the change, price, approval and the impact per resource, storing nothing', async () => {
    const before = await counts();
    const { quoteOrder } = await t.clients.owner.data(QUOTE, { tenantId: t.own.id, offeringId: compute, planKey: 'm', name: 'Quoted space' });
    const { allocation: current } = before;
    expect(quoteOrder).toMatchObject({ action: 'CREATE', target: 'SPACE', region: 'almaty', pricePerHourTiyn: 6100, approvalRequired: false, fits: true, problem: null });
    expect(quoteOrder.quotaChange).toEqual({ cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 50, spaces: 1, instances: 0 });
    expect(quoteOrder.impact.find((row: { resource: string }) => row.resource === 'cpuMillicores')).toEqual({
      resource: 'cpuMillicores',
      allocated: current.cpuMillicores,
      inUse: current.usedCpuMillicores + current.allocatedToChildrenCpuMillicores,
      change: 4000,
      freeAfter: current.cpuMillicores - current.usedCpuMillicores - current.allocatedToChildrenCpuMillicores - 4000,
    });
    expect(quoteOrder.approvalReason).toContain('within the threshold');
    expect(await counts()).toEqual(before);
  });

  it('says an order does not fit with the QUOTA_EXCEEDED message submit would give, and throws the bad-input error submit would throw', async () => {
    await db.getRepository(AllocationEntity).update({ tenantId: t.sibling.id, region: 'almaty' }, { cpuMillicores: 3000 });
    const { quoteOrder } = await t.clients.operator.data(QUOTE, { tenantId: t.sibling.id, offeringId: compute, planKey: 'm', name: 'Too big' });
    expect(quoteOrder).toMatchObject({ fits: false, problemField: 'planKey' });
    expect(quoteOrder.problem).toContain('does not fit in your allocation');
    expect(quoteOrder.impact.find((row: { resource: string }) => row.resource === 'cpuMillicores').freeAfter).toBeLessThan(0);
    const bad = await t.clients.owner.request(QUOTE, { tenantId: t.own.id, offeringId: compute, planKey: 'custom', name: 'Bad', parameters: { cpuMillicores: 150, memoryMiB: 128, storageGiB: 1 } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parameters.cpuMillicores' });
    expect((await t.clients.viewer.request(QUOTE, { tenantId: t.own.id, offeringId: compute, planKey: 's', name: 'Viewer' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('quotes a resize by its growth and names the approval rule that would hold it', async () => {
    const { spaceId } = await activeSpace({ planKey: 's' });
    await t.clients.operator.data(SET_POLICY, { tenantId: t.own.id, offeringId: compute, policy: 'ALWAYS_OPERATOR' });
    try {
      const before = await counts();
      const { quoteOrder } = await t.clients.owner.data(QUOTE, { tenantId: t.own.id, action: 'MODIFY', spaceId, planKey: 'm' });
      expect(quoteOrder).toMatchObject({ action: 'MODIFY', target: 'SPACE', approvalRequired: true, fits: true });
      expect(quoteOrder.reserved).toEqual({ cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 30, spaces: 0, instances: 0 });
      expect(quoteOrder.approvalReason).toContain('the tenant\'s approval policy for this offering is "Always an operator"');
      expect(await counts()).toEqual(before);
    } finally {
      await t.clients.operator.data(CLEAR_POLICY, { tenantId: t.own.id, offeringId: compute });
    }
  });
});

describe('concurrent submits with one idempotency key', () => {
  it.each([
    ['a space', () => ({ offeringId: compute, planKey: 's', name: 'Parallel', slug: uniqueSlug('par') })],
    ['an instance with a chosen name', () => ({ offeringId: postgres, planKey: 'small', spaceId: parallelSpace, name: uniqueSlug('pg') })],
  ])('10 identical submits of %s at once all return the one order; it is made and reserved once', async (_what, body) => {
    const variables = { tenantId: t.own.id, key: randomUUID(), ...body() };
    const before = await counts();
    const results = await Promise.all(Array.from({ length: 10 }, () => t.clients.owner.request(SUBMIT, variables)));
    expect(results.map((result) => result.errors ?? null)).toEqual(Array(10).fill(null));
    const ids = new Set(results.map((result) => result.data!.submitOrder.id));
    expect(ids.size).toBe(1);
    const after = await counts();
    expect([after.orders - before.orders, after.reservations - before.reservations, after.outbox - before.outbox]).toEqual([1, 1, 1]);
  });
});
