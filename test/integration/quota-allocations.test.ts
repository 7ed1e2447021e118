import { randomUUID } from 'node:crypto';
import { AllocationEntity, OrderEntity, QuotaReservationEntity, SpaceEntity, releaseForOrder, reserveDelta, reserveForOrder } from '@nprod/database';
import { OrderAction, OrderStatus, OrderTarget, TenantKind, TenantRole, ZERO_QUOTA, quotaOf } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { SpaceProvisionerService } from '../../apps/worker/src/provision/space-provisioner.service';
import { TEST_PASSWORD, testConfig, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { type TestDatabase } from '../support/test-database';
import { QuotaFixtures, SET_ALLOCATION, limits } from './quota-fixtures';

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;
let fixtures: QuotaFixtures;

const CREATE_SPACE = `mutation($tenantId: ID!, $slug: String!, $cpu: Int!, $mem: Int!, $sto: Int!) {
  createSpace(tenantId: $tenantId, name: "Space", slug: $slug, cpuMillicores: $cpu, memoryMiB: $mem, storageGiB: $sto) { id }
}`;

const allocationsSnapshot = () => db.getRepository(AllocationEntity).find({ order: { id: 'ASC' } });

beforeAll(async () => {
  ({ database, api, db } = await startApiStack({}, 4));
  operator = api.client();
  await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
  fixtures = new QuotaFixtures(db, api);
});

afterAll(() => stopApiStack({ db, api, database }));

describe('allocations over GraphQL', () => {
  it('lets an operator create and change an allocation in any region, and lists it', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business });
    const created = (await operator.data(SET_ALLOCATION, limits(tenant.id, { region: 'astana' }))).setAllocation;
    expect(created).toMatchObject({ tenantId: tenant.id, region: 'astana', cpuMillicores: 4000, maxInstances: 4, parentAllocationId: null });
    const changed = (await operator.data(SET_ALLOCATION, limits(tenant.id, { region: 'astana', cpu: 8000 }))).setAllocation;
    expect(changed).toMatchObject({ id: created.id, cpuMillicores: 8000 });

    const one = await operator.data(`query($id: ID!) { Allocation(id: $id) { id region tenant { id } } }`, { id: created.id });
    expect(one.Allocation).toEqual({ id: created.id, region: 'astana', tenant: { id: tenant.id } });
    const list = await operator.data(
      `query($tenantId: ID!) { allAllocations(filter: { tenantId: $tenantId }, sortField: "region", sortOrder: "DESC") { region cpuMillicores }
        _allAllocationsMeta(filter: { tenantId: $tenantId }) { count }
        astana: allAllocations(filter: { tenantId: $tenantId, region: "astana" }) { id } }`,
      { tenantId: tenant.id },
    );
    expect(list.allAllocations).toEqual([
      { region: 'astana', cpuMillicores: 8000 },
      { region: 'almaty', cpuMillicores: 0 },
    ]);
    expect(list._allAllocationsMeta.count).toBe(2);
    expect(list.astana).toEqual([{ id: created.id }]);
    const bad = await operator.request(`{ allAllocations(sortField: "secret") { id } }`);
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'sortField' });
  });

  it.each([
    ['region', { region: 'Not A Region' }],
    ['cpuMillicores', { cpu: -1 }],
    ['memoryMiB', { mem: -1 }],
    ['storageGiB', { sto: -1 }],
    ['maxSpaces', { spaces: -1 }],
    ['maxInstances', { instances: -1 }],
  ])('refuses a bad %s with a message naming it, storing nothing', async (field, change) => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business });
    const before = await allocationsSnapshot();
    const result = await operator.request(SET_ALLOCATION, limits(tenant.id, change));
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toContain(field);
    expect(await allocationsSnapshot()).toEqual(before);
  });

  it('refuses a value of the wrong GraphQL type, and unknown or hidden tenants as NOT_FOUND', async () => {
    const typed = await operator.request(SET_ALLOCATION, limits(randomUUID(), { cpu: 'lots' }));
    expect(typed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const missing = await operator.request(SET_ALLOCATION, limits(randomUUID()));
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const notUuid = await operator.request(SET_ALLOCATION, limits('nope'));
    expect(notUuid.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    const agency = await fixtures.tenant({ allocation: { cpuMillicores: 10_000 } });
    const admin = await fixtures.member(agency.id, TenantRole.Admin);
    const other = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 1000 } });
    const before = await allocationsSnapshot();
    const hidden = await admin.request(SET_ALLOCATION, limits(other.id));
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const read = await admin.request(`query($id: ID!) { Allocation(id: $id) { id } }`, { id: (await fixtures.allocation(other.id)).id });
    expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const listed = await admin.data(`{ allAllocations(perPage: 500) { tenantId } }`);
    expect(listed.allAllocations.map((a: { tenantId: string }) => a.tenantId)).toEqual([agency.id]);
    expect(await allocationsSnapshot()).toEqual(before);
  });

  it('lets only operators and owners or admins of the parent set an allocation', async () => {
    const agency = await fixtures.tenant({ allocation: { cpuMillicores: 10_000, memoryMiB: 10_000, storageGiB: 100, maxSpaces: 10, maxInstances: 10 } });
    const child = await fixtures.tenant({ parentId: agency.id, allocation: null });
    const agencyAdmin = await fixtures.member(agency.id, TenantRole.Admin);
    const agencyMember = await fixtures.member(agency.id, TenantRole.Member);
    const childOwner = await fixtures.member(child.id, TenantRole.Owner);
    const before = await allocationsSnapshot();
    for (const [client, tenantId] of [
      [agencyAdmin, agency.id],
      [childOwner, child.id],
    ] as const) {
      const result = await client.request(SET_ALLOCATION, limits(tenantId));
      expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
      expect(result.errors?.[0].message).toContain('requestQuota');
    }
    // A plain member of the parent cannot even see the child.
    expect((await agencyMember.request(SET_ALLOCATION, limits(child.id))).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await allocationsSnapshot()).toEqual(before);
  });
});

describe('sub-allocation from a parent', () => {
  const parentLimits = { cpuMillicores: 10_000, memoryMiB: 20_480, storageGiB: 100, maxSpaces: 10, maxInstances: 10 };

  it("carves a child's allocation from the parent's and gives it back when lowered", async () => {
    const agency = await fixtures.tenant({ allocation: parentLimits });
    const child = await fixtures.tenant({ parentId: agency.id, allocation: null });
    const admin = await fixtures.member(agency.id, TenantRole.Owner);
    const parentAllocation = await fixtures.allocation(agency.id);

    const carved = (await admin.data(SET_ALLOCATION, limits(child.id))).setAllocation;
    expect(carved).toMatchObject({ cpuMillicores: 4000, memoryMiB: 8192, parentAllocationId: parentAllocation.id });
    expect(await fixtures.allocation(agency.id)).toMatchObject({
      allocatedToChildrenCpuMillicores: 4000,
      allocatedToChildrenMemoryMiB: 8192,
      allocatedToChildrenStorageGiB: 40,
      allocatedToChildrenSpaces: 4,
      allocatedToChildrenInstances: 4,
    });
    await admin.data(SET_ALLOCATION, limits(child.id, { cpu: 1000 }));
    expect((await fixtures.allocation(agency.id)).allocatedToChildrenCpuMillicores).toBe(1000);
    // An operator changing a carved allocation moves the parent's share too.
    await operator.data(SET_ALLOCATION, limits(child.id, { cpu: 2500 }));
    expect((await fixtures.allocation(agency.id)).allocatedToChildrenCpuMillicores).toBe(2500);
  });

  it('refuses to hand down more than the parent has free, with the numbers, changing nothing', async () => {
    const agency = await fixtures.tenant({ allocation: { ...parentLimits, usedCpuMillicores: 3000 } });
    const child = await fixtures.tenant({ parentId: agency.id, allocation: null });
    const admin = await fixtures.member(agency.id, TenantRole.Admin);
    const before = await allocationsSnapshot();
    const result = await admin.request(SET_ALLOCATION, limits(child.id, { cpu: 8000 }));
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      field: 'cpuMillicores',
      shortfalls: [{ resource: 'cpuMillicores', requested: 8000, allocated: 10_000, inUse: 3000, free: 7000 }],
    });
    expect(result.errors?.[0].message).toContain(`${agency.name} can only hand down what it has free`);
    expect(await allocationsSnapshot()).toEqual(before);
  });

  it('refuses a parent region without an allocation, and an operator-granted child allocation', async () => {
    const agency = await fixtures.tenant({ allocation: parentLimits });
    const admin = await fixtures.member(agency.id, TenantRole.Admin);
    const child = await fixtures.tenant({ parentId: agency.id, allocation: { cpuMillicores: 1000 } });
    const region = await admin.request(SET_ALLOCATION, limits(child.id, { region: 'shymkent' }));
    expect(region.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'region' });
    const granted = await admin.request(SET_ALLOCATION, limits(child.id));
    expect(granted.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(granted.errors?.[0].message).toContain('granted by a platform operator');
  });

  it('never hands down more than the parent has, even with 30 concurrent changes', async () => {
    const agency = await fixtures.tenant({ allocation: parentLimits });
    const admin = await fixtures.member(agency.id, TenantRole.Admin);
    const children = await Promise.all(Array.from({ length: 6 }, () => fixtures.tenant({ parentId: agency.id, allocation: null })));
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, index) => admin.request(SET_ALLOCATION, limits(children[index % 6].id, { cpu: 1000 + (index % 5) * 700, mem: 1024, sto: 1, spaces: 1, instances: 1 }))),
    );
    expect(results.every((r) => !r.errors || ['QUOTA_EXCEEDED', 'CONFLICT'].includes(String(r.errors[0].extensions?.code)))).toBe(true);
    const parent = await fixtures.allocation(agency.id);
    const childAllocations = await db.getRepository(AllocationEntity).findBy({ parentAllocationId: parent.id });
    const handedDown = childAllocations.reduce((sum, a) => sum + a.cpuMillicores, 0);
    expect(parent.allocatedToChildrenCpuMillicores).toBe(handedDown);
    expect(handedDown).toBeLessThanOrEqual(parent.cpuMillicores);
    expect(parent.allocatedToChildrenSpaces).toBe(childAllocations.reduce((sum, a) => sum + a.maxSpaces, 0));
  });
});

describe('decreases below use', () => {
  it('are refused with what is in use per resource, spaces and handed-down capacity included', async () => {
    const agency = await fixtures.tenant({ allocation: { cpuMillicores: 10_000, memoryMiB: 20_480, storageGiB: 100, maxSpaces: 10, maxInstances: 10 } });
    const child = await fixtures.tenant({ parentId: agency.id, allocation: null });
    await operator.data(CREATE_SPACE, { tenantId: agency.id, slug: 'used', cpu: 2000, mem: 2048, sto: 10 });
    await (await fixtures.member(agency.id, TenantRole.Admin)).data(SET_ALLOCATION, limits(child.id, { cpu: 1500, spaces: 2 }));
    const before = await allocationsSnapshot();

    const result = await operator.request(SET_ALLOCATION, limits(agency.id, { cpu: 3000, mem: 20_480, sto: 100, spaces: 2, instances: 10 }));
    expect(result.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'cpuMillicores',
      reason: 'BELOW_USE',
      inUse: [
        { resource: 'cpuMillicores', field: 'cpuMillicores', requested: 3000, inUse: 3500 },
        { resource: 'spaces', field: 'maxSpaces', requested: 2, inUse: 3 },
      ],
    });
    expect(result.errors?.[0].message).toContain('CPU: 3.5 CPU in use, cannot lower it to 3 CPU; spaces: 3 spaces in use, cannot lower it to 2 spaces');
    expect(await allocationsSnapshot()).toEqual(before);
    // Exactly down to what is in use is fine.
    await operator.data(SET_ALLOCATION, limits(agency.id, { cpu: 3500, mem: 20_480, sto: 100, spaces: 3, instances: 10 }));
  });
});

describe('atomic quota check on real PostgreSQL', () => {
  it.each([
    ['CPU', { cpuMillicores: 10_000, memoryMiB: 1_000_000, storageGiB: 10_000, maxSpaces: 100 }, 14],
    ['spaces', { cpuMillicores: 1_000_000, memoryMiB: 1_000_000, storageGiB: 10_000, maxSpaces: 7 }, 7],
  ])('50 concurrent createSpace calls that together exceed the %s allocation: exactly what fits passes', async (_what, allocation, fitting) => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) => operator.request(CREATE_SPACE, { tenantId: tenant.id, slug: `s-${index}`, cpu: 700, mem: 512, sto: 10 })),
    );
    const passed = results.filter((r) => !r.errors);
    const refused = results.filter((r) => r.errors);
    expect(passed).toHaveLength(fitting);
    expect(refused.every((r) => r.errors?.[0].extensions?.code === 'QUOTA_EXCEEDED' && Array.isArray(r.errors[0].extensions.shortfalls))).toBe(true);
    const after = await fixtures.allocation(tenant.id);
    expect(after.usedCpuMillicores).toBe(fitting * 700);
    expect(after.usedCpuMillicores).toBeLessThanOrEqual(after.cpuMillicores);
    expect(after.usedSpaces).toBe(fitting);
    expect(await db.getRepository(SpaceEntity).countBy({ tenantId: tenant.id })).toBe(fitting);
    expect(await db.getRepository(QuotaReservationEntity).countBy({ tenantId: tenant.id })).toBe(fitting);
  });

  it('counts only the change: growing by 1 CPU needs 1 free CPU, shrinking always fits', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 4000, maxSpaces: 5, usedCpuMillicores: 3000, usedSpaces: 1 } });
    const change = (cpuMillicores: number) => ({ tenantId: tenant.id, region: 'almaty', delta: quotaOf({ cpuMillicores }) });
    expect(await reserveDelta(db.manager, change(1001))).toBe(false);
    expect(await reserveDelta(db.manager, change(1000))).toBe(true);
    expect(await reserveDelta(db.manager, change(-2500))).toBe(true);
    expect((await fixtures.allocation(tenant.id)).usedCpuMillicores).toBe(1500);
    expect(await reserveDelta(db.manager, change(-9000))).toBe(true);
    expect((await fixtures.allocation(tenant.id)).usedCpuMillicores).toBe(0);
  });
});

describe('per-order reservations', () => {
  const order = async (tenantId: string) =>
    db.getRepository(OrderEntity).save(db.getRepository(OrderEntity).create({ tenantId, action: OrderAction.Create, target: OrderTarget.Space, status: OrderStatus.Approved, request: {} }));

  it('reserve twice for one order takes capacity once; release twice gives it back once; usage never goes negative', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 4000, memoryMiB: 4096, storageGiB: 10, maxSpaces: 2 } });
    const { id: orderId } = await order(tenant.id);
    const change = { orderId, tenantId: tenant.id, region: 'almaty', delta: quotaOf({ cpuMillicores: 1500, memoryMiB: 1024, storageGiB: 5, spaces: 1 }) };
    expect(await reserveForOrder(db.manager, change)).toBe(true);
    expect(await reserveForOrder(db.manager, change)).toBe(true);
    expect(await fixtures.allocation(tenant.id)).toMatchObject({ usedCpuMillicores: 1500, usedMemoryMiB: 1024, usedStorageGiB: 5, usedSpaces: 1 });

    const releases = await Promise.all([1, 2, 3].map(() => db.transaction((manager) => releaseForOrder(manager, orderId))));
    expect(releases.filter(Boolean)).toHaveLength(1);
    expect(await releaseForOrder(db.manager, orderId)).toBe(false);
    expect(await fixtures.allocation(tenant.id)).toMatchObject({ usedCpuMillicores: 0, usedMemoryMiB: 0, usedStorageGiB: 0, usedSpaces: 0 });
    expect((await db.getRepository(QuotaReservationEntity).findOneByOrFail({ orderId })).releasedAt).toBeInstanceOf(Date);
    // Unknown orders release nothing.
    expect(await releaseForOrder(db.manager, randomUUID())).toBe(false);
  });

  it('records nothing when the change does not fit', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 1000, maxSpaces: 1 } });
    const { id: orderId } = await order(tenant.id);
    expect(await reserveForOrder(db.manager, { orderId, tenantId: tenant.id, region: 'almaty', delta: { ...ZERO_QUOTA, cpuMillicores: 1001 } })).toBe(false);
    expect(await db.getRepository(QuotaReservationEntity).countBy({ orderId })).toBe(0);
    expect((await fixtures.allocation(tenant.id)).usedCpuMillicores).toBe(0);
  });

  it("the worker's failure handling gives an order's capacity back once, however often it runs", async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 4000, memoryMiB: 4096, storageGiB: 10, maxSpaces: 2 } });
    const { createSpace } = await operator.data(CREATE_SPACE, { tenantId: tenant.id, slug: 'doomed', cpu: 1500, mem: 1024, sto: 5 });
    const spaceOrder = await db.getRepository(OrderEntity).findOneByOrFail({ spaceId: createSpace.id });
    // The space's cluster cannot be reached and this is the last attempt: the order fails for good.
    type Parameters = ConstructorParameters<typeof SpaceProvisionerService>;
    const unreachable = { place: async () => Promise.reject(new Error('The API server did not answer')), retryWaiting: async () => 0 } as unknown as Parameters[2];
    const noUsers = { usersFor: async () => [] } as unknown as Parameters[4];
    const provisioner = new SpaceProvisionerService(db, {} as Parameters[1], unreachable, testConfig(database.url), noUsers);
    await provisioner.provision(spaceOrder.id, { number: 5, isLast: true });
    await provisioner.provision(spaceOrder.id, { number: 5, isLast: true });
    expect((await db.getRepository(OrderEntity).findOneByOrFail({ id: spaceOrder.id })).status).toBe(OrderStatus.Failed);
    expect(await fixtures.allocation(tenant.id)).toMatchObject({ usedCpuMillicores: 0, usedMemoryMiB: 0, usedStorageGiB: 0, usedSpaces: 0 });
    expect(await releaseForOrder(db.manager, spaceOrder.id)).toBe(false);
    expect((await fixtures.allocation(tenant.id)).usedCpuMillicores).toBe(0);
  });

  it('createSpace records its reservation against its order', async () => {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation: { cpuMillicores: 4000, memoryMiB: 4096, storageGiB: 10, maxSpaces: 2 } });
    const { createSpace } = await operator.data(CREATE_SPACE, { tenantId: tenant.id, slug: 'ledger', cpu: 1000, mem: 1024, sto: 5 });
    const spaceOrder = await db.getRepository(OrderEntity).findOneByOrFail({ spaceId: createSpace.id });
    expect(await db.getRepository(QuotaReservationEntity).findOneByOrFail({ orderId: spaceOrder.id })).toMatchObject({
      tenantId: tenant.id,
      region: 'almaty',
      cpuMillicores: 1000,
      memoryMiB: 1024,
      storageGiB: 5,
      spaces: 1,
      instances: 0,
      releasedAt: null,
    });
  });
});
