import { randomUUID } from 'node:crypto';
import { AllocationEntity, QuotaRequestEntity } from '@nprod/database';
import { TenantKind, TenantRole } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { type TestDatabase } from '../support/test-database';
import { QuotaFixtures, SET_ALLOCATION, limits } from './quota-fixtures';

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;
let fixtures: QuotaFixtures;

const FIELDS = 'id tenantId region cpuMillicores memoryMiB storageGiB maxSpaces maxInstances justification status grantedCpuMillicores grantedMemoryMiB grantedStorageGiB grantedMaxSpaces grantedMaxInstances decidedById decidedAt reason';
const REQUEST_QUOTA = `mutation($tenantId: ID!, $region: String!, $cpu: Int, $mem: Int, $sto: Int, $spaces: Int, $instances: Int, $justification: String!) {
  requestQuota(tenantId: $tenantId, region: $region, cpuMillicores: $cpu, memoryMiB: $mem, storageGiB: $sto, maxSpaces: $spaces, maxInstances: $instances, justification: $justification) { ${FIELDS} }
}`;
const APPROVE = `mutation($id: ID!, $cpu: Int, $mem: Int, $sto: Int, $spaces: Int, $instances: Int, $reason: String) {
  approveQuotaRequest(id: $id, cpuMillicores: $cpu, memoryMiB: $mem, storageGiB: $sto, maxSpaces: $spaces, maxInstances: $instances, reason: $reason) { ${FIELDS} }
}`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectQuotaRequest(id: $id, reason: $reason) { ${FIELDS} } }`;

const ask = (tenantId: string, extra: Record<string, unknown> = {}) => ({
  tenantId,
  region: 'almaty',
  cpu: 2000,
  mem: 4096,
  sto: 20,
  spaces: 1,
  instances: 2,
  justification: 'A new school enrolment portal for the autumn term.',
  ...extra,
});

const requestCount = () => db.getRepository(QuotaRequestEntity).count();
const allocationsSnapshot = () => db.getRepository(AllocationEntity).find({ order: { id: 'ASC' } });

beforeAll(async () => {
  ({ database, api, db } = await startApiStack({}, 4));
  operator = api.client();
  await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
  fixtures = new QuotaFixtures(db, api);
});

afterAll(() => stopApiStack({ db, api, database }));

describe('requestQuota', () => {
  it("lets owners and admins ask for more for their tenant and its children, and lists what they may see", async () => {
    const agency = await fixtures.tenant({ allocation: { cpuMillicores: 1000 } });
    const child = await fixtures.tenant({ parentId: agency.id });
    const admin = await fixtures.member(agency.id, TenantRole.Admin);
    const own = (await admin.data(REQUEST_QUOTA, ask(agency.id))).requestQuota;
    expect(own).toMatchObject({ tenantId: agency.id, region: 'almaty', cpuMillicores: 2000, memoryMiB: 4096, maxInstances: 2, status: 'PENDING', grantedCpuMillicores: null, decidedAt: null });
    const forChild = (await admin.data(REQUEST_QUOTA, { tenantId: child.id, region: 'almaty', cpu: 500, justification: 'More CPU for the library site.' })).requestQuota;
    expect(forChild).toMatchObject({ cpuMillicores: 500, memoryMiB: 0, storageGiB: 0, maxSpaces: 0, maxInstances: 0 });

    const other = await fixtures.tenant({ kind: TenantKind.Business });
    const hidden = (await operator.data(REQUEST_QUOTA, ask(other.id))).requestQuota;
    const listed = await admin.data(`{ allQuotaRequests(sortField: "createdAt") { id tenant { id } } _allQuotaRequestsMeta { count } }`);
    expect(listed.allQuotaRequests.map((r: { id: string }) => r.id)).toEqual([own.id, forChild.id]);
    expect(listed._allQuotaRequestsMeta.count).toBe(2);
    const read = await admin.request(`query($id: ID!) { QuotaRequest(id: $id) { id } }`, { id: hidden.id });
    expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const filtered = await operator.data(`query($tenantId: ID!) { allQuotaRequests(filter: { tenantId: $tenantId, status: PENDING }) { id } }`, { tenantId: other.id });
    expect(filtered.allQuotaRequests).toEqual([{ id: hidden.id }]);
  });

  it.each([
    ['region', { region: 'Nowhere Land' }],
    ['cpuMillicores', { cpu: -1 }],
    ['memoryMiB', { mem: -1 }],
    ['storageGiB', { sto: -5 }],
    ['maxSpaces', { spaces: -1 }],
    ['maxInstances', { instances: -2 }],
    ['cpuMillicores', { cpu: 0, mem: 0, sto: 0, spaces: 0, instances: 0 }],
    ['justification', { justification: ' need it ' }],
  ])('refuses a bad %s with a message naming it, storing nothing', async (field, change) => {
    const tenant = await fixtures.tenant();
    const owner = await fixtures.member(tenant.id, TenantRole.Owner);
    const before = await requestCount();
    const result = await owner.request(REQUEST_QUOTA, ask(tenant.id, change));
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message.length).toBeGreaterThan(20);
    expect(await requestCount()).toBe(before);
  });

  it("refuses members and viewers (FORBIDDEN) and another tenant's id (NOT_FOUND), storing nothing", async () => {
    const tenant = await fixtures.tenant();
    const other = await fixtures.tenant({ kind: TenantKind.Business });
    const before = await requestCount();
    for (const role of [TenantRole.Member, TenantRole.Viewer]) {
      const client = await fixtures.member(tenant.id, role);
      expect((await client.request(REQUEST_QUOTA, ask(tenant.id))).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const owner = await fixtures.member(tenant.id, TenantRole.Owner);
    expect((await owner.request(REQUEST_QUOTA, ask(other.id))).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await owner.request(REQUEST_QUOTA, ask(randomUUID()))).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(await requestCount()).toBe(before);
  });
});

describe('approveQuotaRequest and rejectQuotaRequest', () => {
  async function pending(allocation: Partial<AllocationEntity> | null = { cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 10, maxSpaces: 1, maxInstances: 0 }) {
    const tenant = await fixtures.tenant({ kind: TenantKind.Business, allocation });
    const owner = await fixtures.member(tenant.id, TenantRole.Owner);
    const request = (await owner.data(REQUEST_QUOTA, ask(tenant.id))).requestQuota;
    return { tenant, owner, request };
  }

  it('approves in full: the grant is added to the allocation', async () => {
    const { tenant, request } = await pending();
    const approved = (await operator.data(APPROVE, { id: request.id })).approveQuotaRequest;
    expect(approved).toMatchObject({ status: 'APPROVED', grantedCpuMillicores: 2000, grantedMemoryMiB: 4096, grantedStorageGiB: 20, grantedMaxSpaces: 1, grantedMaxInstances: 2, reason: null });
    expect(approved.decidedById).toBeTruthy();
    expect(approved.decidedAt).toBeTruthy();
    expect(await fixtures.allocation(tenant.id)).toMatchObject({ cpuMillicores: 3000, memoryMiB: 5120, storageGiB: 30, maxSpaces: 2, maxInstances: 2 });
  });

  it('approves partly when less is granted, and creates the allocation in a new region', async () => {
    const { tenant, request } = await pending(null);
    const approved = (await operator.data(APPROVE, { id: request.id, cpu: 1000, instances: 0, reason: 'Half now, more next quarter.' })).approveQuotaRequest;
    expect(approved).toMatchObject({ status: 'PARTIALLY_APPROVED', grantedCpuMillicores: 1000, grantedMemoryMiB: 4096, grantedMaxInstances: 0, reason: 'Half now, more next quarter.' });
    expect(await fixtures.allocation(tenant.id)).toMatchObject({ cpuMillicores: 1000, memoryMiB: 4096, storageGiB: 20, maxSpaces: 1, maxInstances: 0, parentAllocationId: null });
  });

  it.each([
    ['cpuMillicores', { cpu: 2001 }],
    ['memoryMiB', { mem: -1 }],
    ['storageGiB', { sto: 21 }],
    ['maxSpaces', { spaces: 2 }],
    ['maxInstances', { instances: -1 }],
    ['cpuMillicores', { cpu: 0, mem: 0, sto: 0, spaces: 0, instances: 0 }],
    ['reason', { reason: 'ok' }],
  ])('refuses granting a bad %s, leaving the request pending and the allocation as it was', async (field, change) => {
    const { request } = await pending();
    const before = await allocationsSnapshot();
    const result = await operator.request(APPROVE, { id: request.id, ...change });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(result.errors?.[0].message).toContain(field === 'cpuMillicores' && 'mem' in change ? 'reject' : field);
    expect(await allocationsSnapshot()).toEqual(before);
    expect((await db.getRepository(QuotaRequestEntity).findOneByOrFail({ id: request.id })).status).toBe('PENDING');
  });

  it('rejects with a required reason', async () => {
    const { tenant, owner, request } = await pending();
    const before = await allocationsSnapshot();
    for (const reason of ['', '   ']) {
      const result = await operator.request(REJECT, { id: request.id, reason });
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    }
    const rejected = (await operator.data(REJECT, { id: request.id, reason: 'The regional budget is spent for this year.' })).rejectQuotaRequest;
    expect(rejected).toMatchObject({ status: 'REJECTED', reason: 'The regional budget is spent for this year.', grantedCpuMillicores: null });
    expect(await allocationsSnapshot()).toEqual(before);
    const seen = await owner.data(`query($id: ID!) { QuotaRequest(id: $id) { status reason } }`, { id: request.id });
    expect(seen.QuotaRequest).toEqual({ status: 'REJECTED', reason: 'The regional budget is spent for this year.' });
    expect(tenant.id).toBeTruthy();
  });

  it('refuses a second decision with the current state in the message', async () => {
    const { request } = await pending();
    await operator.data(APPROVE, { id: request.id });
    const before = await allocationsSnapshot();
    const again = await operator.request(APPROVE, { id: request.id });
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', status: 'APPROVED' });
    expect(again.errors?.[0].message).toContain('already APPROVED');
    const reject = await operator.request(REJECT, { id: request.id, reason: 'Changed my mind.' });
    expect(reject.errors?.[0].message).toContain('already APPROVED');
    expect(await allocationsSnapshot()).toEqual(before);
  });

  it('decides once even when two operators approve at the same moment', async () => {
    const { tenant, request } = await pending();
    const results = await Promise.all([operator.request(APPROVE, { id: request.id }), operator.request(APPROVE, { id: request.id }), operator.request(REJECT, { id: request.id, reason: 'Too much for now.' })]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(2);
    const final = await db.getRepository(QuotaRequestEntity).findOneByOrFail({ id: request.id });
    expect((await fixtures.allocation(tenant.id)).cpuMillicores).toBe(final.status === 'APPROVED' ? 3000 : 1000);
  });

  it('lets only operators decide, and says NOT_FOUND for unknown ids', async () => {
    const { owner, request } = await pending();
    expect((await owner.request(APPROVE, { id: request.id })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await owner.request(REJECT, { id: request.id, reason: 'Not allowed to do this.' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await operator.request(APPROVE, { id: randomUUID() })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await operator.request(REJECT, { id: 'nope', reason: 'Not a real request.' })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await db.getRepository(QuotaRequestEntity).findOneByOrFail({ id: request.id })).status).toBe('PENDING');
  });

  it("for a carved allocation, takes the grant from the parent and refuses when the parent lacks it", async () => {
    const agency = await fixtures.tenant({ allocation: { cpuMillicores: 5000, memoryMiB: 8192, storageGiB: 100, maxSpaces: 5, maxInstances: 5 } });
    const child = await fixtures.tenant({ parentId: agency.id, allocation: null });
    const agencyAdmin = await fixtures.member(agency.id, TenantRole.Admin);
    await agencyAdmin.data(SET_ALLOCATION, limits(child.id, { cpu: 2000, mem: 2048, sto: 10, spaces: 1, instances: 1 }));
    const small = (await agencyAdmin.data(REQUEST_QUOTA, { tenantId: child.id, region: 'almaty', cpu: 1000, justification: 'Room for a second site.' })).requestQuota;
    await operator.data(APPROVE, { id: small.id });
    expect(await fixtures.allocation(agency.id)).toMatchObject({ allocatedToChildrenCpuMillicores: 3000 });
    const big = (await agencyAdmin.data(REQUEST_QUOTA, { tenantId: child.id, region: 'almaty', cpu: 4000, justification: 'Room for a data platform.' })).requestQuota;
    const before = await allocationsSnapshot();
    const refused = await operator.request(APPROVE, { id: big.id });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', shortfalls: [{ resource: 'cpuMillicores', requested: 4000, free: 2000 }] });
    expect(await allocationsSnapshot()).toEqual(before);
    expect((await db.getRepository(QuotaRequestEntity).findOneByOrFail({ id: big.id })).status).toBe('PENDING');
  });
});
