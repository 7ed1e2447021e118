import { randomUUID } from 'node:crypto';
import { InstanceEntity, OrderEntity, QuotaReservationEntity, SpaceEntity, TenantEntity } from '@nprod/database';
import { InstanceStatus, OrderStatus, SpaceStatus, TenantKind } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { InstancesFitTheirSpace1795670000001 } from '../../libs/database/src/migrations/1795670000001-instances-fit-their-space';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { SUBMIT_ORDER, offeringId, uniqueSlug } from '../support/order-fixtures';
import { type TestDatabase } from '../support/test-database';
import { QuotaFixtures } from './quota-fixtures';

/**
 * An instance runs inside its space and takes its cpu, memory and storage from the space's
 * size, which the space already took from the tenant allocation: the allocation counts only the
 * instance itself (docs/decisions/0008). API alone, no worker; the worker's side is in
 * instances-provisioning.test.ts.
 */
let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;
let fixtures: QuotaFixtures;
let postgres: string;

const CREATE_SPACE = `mutation($tenantId: ID!, $slug: String!, $cpu: Int!, $mem: Int!, $sto: Int!) {
  createSpace(tenantId: $tenantId, name: $slug, slug: $slug, cpuMillicores: $cpu, memoryMiB: $mem, storageGiB: $sto) { id }
}`;
const SPACE = `query($id: ID!) { Space(id: $id) { storageGiB usedByInstancesCpuMillicores usedByInstancesMemoryMiB usedByInstancesStorageGiB } }`;
const QUOTE = `query($tenantId: ID!, $action: OrderAction, $offeringId: ID, $planKey: String, $spaceId: ID, $instanceId: ID, $name: String) {
  quoteOrder(tenantId: $tenantId, action: $action, offeringId: $offeringId, planKey: $planKey, spaceId: $spaceId, instanceId: $instanceId, name: $name) {
    target fits problem problemField spaceId spaceName impact { scope resource allocated inUse change freeAfter }
  }
}`;
const RESIZE = `mutation($id: ID!, $planKey: String) { resizeInstance(id: $id, planKey: $planKey) { id status } }`;
const RESIZE_SPACE = `mutation($id: ID!, $parameters: JSON) { resizeSpace(id: $id, parameters: $parameters) { id } }`;

const spaceUse = async (spaceId: string) => {
  const { Space } = await operator.data(SPACE, { id: spaceId });
  return { cpu: Space.usedByInstancesCpuMillicores, memory: Space.usedByInstancesMemoryMiB, storage: Space.usedByInstancesStorageGiB };
};

/** A space ordered through createSpace (its size reserved from the allocation), then ACTIVE as the worker leaves it. */
async function orderedSpace(tenantId: string, size: { cpu: number; mem: number; sto: number }): Promise<string> {
  const { createSpace } = await operator.data(CREATE_SPACE, { tenantId, slug: uniqueSlug('room'), ...size });
  await db.getRepository(SpaceEntity).update({ id: createSpace.id }, { status: SpaceStatus.Active });
  await db.getRepository(OrderEntity).update({ spaceId: createSpace.id }, { status: OrderStatus.Completed });
  return createSpace.id;
}

function submit(tenantId: string, spaceId: string, variables: Record<string, unknown> = {}) {
  return operator.request(SUBMIT_ORDER, { tenantId, offeringId: postgres, planKey: 'small', spaceId, name: uniqueSlug('pg'), key: randomUUID(), ...variables });
}

/** An instance as the worker leaves it once ready. */
async function activeInstance(tenantId: string, spaceId: string, planKey = 'small'): Promise<string> {
  const result = await submit(tenantId, spaceId, { planKey });
  if (result.errors) throw new Error(JSON.stringify(result.errors));
  const order = result.data!.submitOrder;
  await db.getRepository(OrderEntity).update({ id: order.id }, { status: OrderStatus.Completed });
  await db.getRepository(InstanceEntity).update({ id: order.instanceId }, { status: InstanceStatus.Active });
  return order.instanceId;
}

beforeAll(async () => {
  ({ database, api, db } = await startApiStack({}, 4));
  operator = api.client();
  await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
  fixtures = new QuotaFixtures(db, api);
  postgres = await offeringId(operator, 'postgresql');
});

afterAll(() => stopApiStack({ db, api, database }));

describe('an instance in its space', () => {
  it('a 50 GiB PostgreSQL in a 50 GiB space uses 50 GiB of the allocation, not 100', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 50, maxSpaces: 1, maxInstances: 1 } });
    const spaceId = await orderedSpace(tenant.id, { cpu: 2000, mem: 4096, sto: 50 });
    const result = await submit(tenant.id, spaceId, { planKey: 'medium' });
    expect(result.errors).toBeUndefined();
    expect(await fixtures.allocation(tenant.id)).toMatchObject({ usedCpuMillicores: 2000, usedMemoryMiB: 4096, usedStorageGiB: 50, usedSpaces: 1, usedInstances: 1 });
    expect(await spaceUse(spaceId)).toEqual({ cpu: 1000, memory: 2048, storage: 50 });
    // Its reservation holds the instance count only.
    expect(await db.getRepository(QuotaReservationEntity).findOneByOrFail({ orderId: result.data!.submitOrder.id })).toMatchObject({ cpuMillicores: 0, memoryMiB: 0, storageGiB: 0, spaces: 0, instances: 1 });
  });

  it.each([
    ['the space', { maxInstances: 100 }, { cpu: 10_000, mem: 65_536, sto: 1_000 }, 20],
    ['the instance count', { maxInstances: 7 }, { cpu: 32_000, mem: 65_536, sto: 1_000 }, 7],
  ])('40 concurrent instance orders that together overfill %s: exactly what fits passes', async (_what, allocation, size, fitting) => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 100_000, memoryMiB: 1_000_000, storageGiB: 10_000, maxSpaces: 1, ...allocation } });
    const spaceId = await orderedSpace(tenant.id, size);
    const before = await fixtures.allocation(tenant.id);
    const results = await Promise.all(Array.from({ length: 40 }, () => submit(tenant.id, spaceId)));
    const passed = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(passed).toHaveLength(fitting);
    expect(refused.every((r) => r.errors?.[0].extensions?.code === 'QUOTA_EXCEEDED' && Array.isArray(r.errors[0].extensions.shortfalls))).toBe(true);
    expect(await spaceUse(spaceId)).toEqual({ cpu: fitting * 500, memory: fitting * 1024, storage: fitting * 10 });
    const after = await fixtures.allocation(tenant.id);
    expect(after).toMatchObject({ usedCpuMillicores: before.usedCpuMillicores, usedMemoryMiB: before.usedMemoryMiB, usedStorageGiB: before.usedStorageGiB, usedInstances: fitting });
    expect(await db.getRepository(InstanceEntity).countBy({ spaceId, status: InstanceStatus.Provisioning })).toBe(fitting);
    expect(await db.getRepository(OrderEntity).countBy({ spaceId, target: 'INSTANCE' as never })).toBe(fitting);
  });

  it('refuses an instance over its space with the space, the numbers and what to do; quoteOrder shows the same against the space', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 8000, memoryMiB: 16_384, storageGiB: 500, maxSpaces: 2, maxInstances: 10 } });
    const spaceId = await orderedSpace(tenant.id, { cpu: 4000, mem: 8192, sto: 60 });
    const existing = await activeInstance(tenant.id, spaceId);
    const space = await db.getRepository(SpaceEntity).findOneByOrFail({ id: spaceId });

    const { quoteOrder: fits } = await operator.data(QUOTE, { tenantId: tenant.id, offeringId: postgres, planKey: 'small', spaceId });
    expect(fits).toMatchObject({ target: 'INSTANCE', fits: true, problem: null, spaceId, spaceName: space.name });
    expect(fits.impact).toEqual([
      { scope: 'SPACE', resource: 'cpuMillicores', allocated: 4000, inUse: 500, change: 500, freeAfter: 3000 },
      { scope: 'SPACE', resource: 'memoryMiB', allocated: 8192, inUse: 1024, change: 1024, freeAfter: 6144 },
      { scope: 'SPACE', resource: 'storageGiB', allocated: 60, inUse: 10, change: 10, freeAfter: 40 },
      { scope: 'ALLOCATION', resource: 'instances', allocated: 10, inUse: 1, change: 1, freeAfter: 8 },
    ]);

    const { quoteOrder: tooBig } = await operator.data(QUOTE, { tenantId: tenant.id, offeringId: postgres, planKey: 'large', spaceId });
    expect(tooBig).toMatchObject({ fits: false, problemField: 'planKey' });
    expect(tooBig.problem).toContain(`Space ${space.name} has no room for this. storage: requested 200 GiB, 50 GiB free (60 GiB space size, 10 GiB in use by its instances)`);
    expect(tooBig.impact.find((row: { resource: string }) => row.resource === 'storageGiB')).toEqual({ scope: 'SPACE', resource: 'storageGiB', allocated: 60, inUse: 10, change: 200, freeAfter: -150 });

    const orders = await db.getRepository(OrderEntity).count();
    const refused = await submit(tenant.id, spaceId, { planKey: 'large' });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      field: 'planKey',
      spaceId,
      shortfalls: [{ resource: 'storageGiB', requested: 200, allocated: 60, inUse: 10, free: 50 }],
    });
    expect(refused.errors?.[0].message).toContain(`Resize the space ${space.name} or pick a smaller plan.`);
    expect(await db.getRepository(OrderEntity).count()).toBe(orders);
    expect(await db.getRepository(InstanceEntity).countBy({ spaceId })).toBe(1);

    // A deletion is quoted against its space too: it reserves nothing there and gives back the footprint once done.
    const { quoteOrder: deletion } = await operator.data(QUOTE, { tenantId: tenant.id, action: 'DELETE', instanceId: existing });
    expect(deletion).toMatchObject({ fits: true, spaceName: space.name });
    expect(deletion.impact).toContainEqual({ scope: 'SPACE', resource: 'storageGiB', allocated: 60, inUse: 10, change: 0, freeAfter: 50 });
    expect(deletion.impact).toContainEqual({ scope: 'ALLOCATION', resource: 'instances', allocated: 10, inUse: 1, change: 0, freeAfter: 9 });
  });
});

describe('resizing an instance in its space', () => {
  it('needs only the growth free; an open resize holds its growth until it ends; shrinking the space below that is refused', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 8000, memoryMiB: 16_384, storageGiB: 500, maxSpaces: 2, maxInstances: 10 } });
    // Room for a small (10 GiB) that grows to medium (50 GiB): 40 GiB of growth, then 10 GiB left.
    const spaceId = await orderedSpace(tenant.id, { cpu: 4000, mem: 8192, sto: 60 });
    const grower = await activeInstance(tenant.id, spaceId);
    const other = await activeInstance(tenant.id, spaceId);
    expect(await spaceUse(spaceId)).toEqual({ cpu: 1000, memory: 2048, storage: 20 });

    const { resizeInstance } = await operator.data(RESIZE, { id: grower, planKey: 'medium' });
    expect(resizeInstance.status).toBe('APPROVED');
    expect(await spaceUse(spaceId)).toEqual({ cpu: 1500, memory: 3072, storage: 60 });
    // The open resize's growth is taken: the other instance cannot grow, and nothing new fits.
    const blocked = await operator.request(RESIZE, { id: other, planKey: 'medium' });
    expect(blocked.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', field: 'planKey', shortfalls: [{ resource: 'storageGiB', requested: 40, free: 0 }] });
    expect((await submit(tenant.id, spaceId)).errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', spaceId });
    // A space shrink must leave room for the instances and the growth under way.
    const shrink = await operator.request(RESIZE_SPACE, { id: spaceId, parameters: { storageGiB: 50 } });
    expect(shrink.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', inUse: { cpuMillicores: 1500, memoryMiB: 3072, storageGiB: 60 } });

    // Cancelled, its growth is free again at once.
    await operator.data(`mutation($id: ID!) { cancelOrder(id: $id) { id } }`, { id: resizeInstance.id });
    expect(await spaceUse(spaceId)).toEqual({ cpu: 1000, memory: 2048, storage: 20 });
    const { resizeInstance: otherGrows } = await operator.data(RESIZE, { id: other, planKey: 'medium' });
    expect(otherGrows.status).toBe('APPROVED');
    expect(await spaceUse(spaceId)).toEqual({ cpu: 1500, memory: 3072, storage: 60 });
  });

  it('keeps instances out of room an open shrink of the space is taking away', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 8000, memoryMiB: 16_384, storageGiB: 500, maxSpaces: 2, maxInstances: 10 } });
    const spaceId = await orderedSpace(tenant.id, { cpu: 4000, mem: 8192, sto: 60 });
    await activeInstance(tenant.id, spaceId);
    await operator.data(RESIZE_SPACE, { id: spaceId, parameters: { storageGiB: 15 } });
    const refused = await submit(tenant.id, spaceId);
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', shortfalls: [{ resource: 'storageGiB', requested: 10, allocated: 15, inUse: 10, free: 5 }] });
  });
});

describe('migration to the space model', () => {
  it("takes live instances' footprints off the allocation once and keeps only the count in their reservations; down puts them back", async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 8000, memoryMiB: 16_384, storageGiB: 500, maxSpaces: 2, maxInstances: 10 } });
    const spaceId = await orderedSpace(tenant.id, { cpu: 4000, mem: 8192, sto: 60 });
    const live = await activeInstance(tenant.id, spaceId);
    const failed = await activeInstance(tenant.id, spaceId);
    const liveOrder = await db.getRepository(OrderEntity).findOneByOrFail({ instanceId: live });
    const failedOrder = await db.getRepository(OrderEntity).findOneByOrFail({ instanceId: failed });
    // As the old model left them: both reserved their footprint; the failed one's was released.
    const footprint = { cpuMillicores: 500, memoryMiB: 1024, storageGiB: 10 };
    await db.getRepository(QuotaReservationEntity).update({ orderId: liveOrder.id }, footprint);
    await db.getRepository(QuotaReservationEntity).update({ orderId: failedOrder.id }, { ...footprint, instances: 1, releasedAt: new Date() });
    await db.query(`UPDATE allocations SET used_cpu_millicores = used_cpu_millicores + 500, used_memory_mib = used_memory_mib + 1024, used_storage_gib = used_storage_gib + 10, used_instances = used_instances - 1 WHERE tenant_id = $1`, [tenant.id]);
    const oldModel = await fixtures.allocation(tenant.id);
    expect(oldModel).toMatchObject({ usedCpuMillicores: 4500, usedStorageGiB: 70, usedInstances: 1 });

    const migration = new InstancesFitTheirSpace1795670000001();
    const runner = db.createQueryRunner();
    try {
      await migration.up(runner);
      expect(await fixtures.allocation(tenant.id)).toMatchObject({ usedCpuMillicores: 4000, usedMemoryMiB: 8192, usedStorageGiB: 60, usedSpaces: 1, usedInstances: 1 });
      expect(await db.getRepository(QuotaReservationEntity).findOneByOrFail({ orderId: liveOrder.id })).toMatchObject({ cpuMillicores: 0, memoryMiB: 0, storageGiB: 0, instances: 1, releasedAt: null });
      // Released exactly once still: releasing the live one now gives back its count and nothing else.
      await db.query(`UPDATE quota_reservations SET released_at = now() WHERE order_id = $1`, [failedOrder.id]);
      await migration.down(runner);
      expect(await fixtures.allocation(tenant.id)).toMatchObject({ usedCpuMillicores: 4500, usedMemoryMiB: 9216, usedStorageGiB: 70, usedInstances: 1 });
      await migration.up(runner);
      expect(await fixtures.allocation(tenant.id)).toMatchObject({ usedCpuMillicores: 4000, usedMemoryMiB: 8192, usedStorageGiB: 60, usedInstances: 1 });
    } finally {
      await runner.release();
    }
    // Space orders' reservations are untouched.
    const spaceOrder = await db.getRepository(OrderEntity).findOneByOrFail({ spaceId, target: 'SPACE' as never });
    expect(await db.getRepository(QuotaReservationEntity).findOneByOrFail({ orderId: spaceOrder.id })).toMatchObject({ cpuMillicores: 4000, storageGiB: 60, spaces: 1 });
    expect(await db.getRepository(TenantEntity).existsBy({ id: tenant.id })).toBe(true);
  });
});
