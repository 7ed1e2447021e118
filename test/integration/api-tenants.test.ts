import { OutboxMessageEntity, SpaceEntity, TenantEntity } from '@nprod/database';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;
let agencyId: string;

const CREATE_TENANT = `mutation($name: String!, $slug: String!, $kind: TenantKind!, $parentId: ID, $registryNumber: String, $region: String!, $cpu: Int!, $mem: Int!, $sto: Int!, $spaces: Int!, $instances: Int) {
  createTenant(name: $name, slug: $slug, kind: $kind, parentId: $parentId, registryNumber: $registryNumber, region: $region, cpuMillicores: $cpu, memoryMiB: $mem, storageGiB: $sto, maxSpaces: $spaces, maxInstances: $instances) {
    id slug kind status parentId allocation { cpuMillicores memoryMiB storageGiB maxSpaces maxInstances usedCpuMillicores } spacesCount
  }
}`;
const CREATE_SPACE = `mutation($tenantId: ID!, $name: String!, $slug: String!, $cpu: Int!, $mem: Int!, $sto: Int!, $key: String) {
  createSpace(tenantId: $tenantId, name: $name, slug: $slug, cpuMillicores: $cpu, memoryMiB: $mem, storageGiB: $sto, idempotencyKey: $key) { id namespace status tenant { id } }
}`;

const municipality = (slug: string, extra: Record<string, unknown> = {}) => ({
  name: `Municipality ${slug}`,
  slug,
  kind: 'MUNICIPALITY',
  parentId: agencyId,
  region: 'almaty',
  cpu: 4000,
  mem: 8192,
  sto: 40,
  spaces: 2,
  ...extra,
});

const counts = async () => ({
  tenants: await db.getRepository(TenantEntity).count(),
  spaces: await db.getRepository(SpaceEntity).count(),
  outbox: await db.getRepository(OutboxMessageEntity).count(),
});

beforeAll(async () => {
  ({ database, api, db } = await startApiStack());
  operator = api.client();
  await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
  agencyId = (await db.getRepository(TenantEntity).findOneByOrFail({ slug: DEMO_AGENCY_SLUG })).id;
});

afterAll(() => stopApiStack({ db, api, database }));

describe('tenants and spaces over GraphQL', () => {
  it('refuses anonymous calls and wrong passwords without saying which part was wrong', async () => {
    const anonymous = api.client();
    const result = await anonymous.request('{ allTenants { id } }');
    expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await anonymous.request('mutation { login(login: "operator@nprod.local", password: "nope") { accessToken } }');
    const unknown = await anonymous.request('mutation { login(login: "nobody@nprod.local", password: "nope") { accessToken } }');
    expect(wrong.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.errors?.[0].message).toBe(unknown.errors?.[0].message);
  });

  it('lists tenants with ra-data-graphql-simple paging, sorting and filtering', async () => {
    const data = await operator.data(`{ allTenants(page: 0, perPage: 10, sortField: "name", sortOrder: "ASC", filter: { kind: AGENCY }) { id slug allocation { cpuMillicores } }
      _allTenantsMeta(filter: { kind: AGENCY }) { count } }`);
    expect(data.allTenants).toEqual([{ id: agencyId, slug: DEMO_AGENCY_SLUG, allocation: { cpuMillicores: 64000 } }]);
    expect(data._allTenantsMeta.count).toBe(1);
    const bad = await operator.request('{ allTenants(sortField: "password") { id } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'sortField' } });
  });

  it('creates a municipality under the agency with its allocation', async () => {
    const data = await operator.data(CREATE_TENANT, municipality('kaskelen', { instances: 3 }));
    expect(data.createTenant).toMatchObject({ slug: 'kaskelen', kind: 'MUNICIPALITY', status: 'ACTIVE', parentId: agencyId, spacesCount: 0 });
    expect(data.createTenant.allocation).toEqual({ cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 40, maxSpaces: 2, maxInstances: 3, usedCpuMillicores: 0 });
  });

  it('gives a tenant created without maxInstances room for some instances, not none', async () => {
    const data = await operator.data(CREATE_TENANT, municipality('talgar'));
    expect(data.createTenant.allocation.maxInstances).toBe(10);
  });

  it.each([
    ['an invalid slug', { slug: 'Bad Slug!' }, 'BAD_USER_INPUT', 'slug'],
    ['a negative size', { slug: 'negative', cpu: -1 }, 'BAD_USER_INPUT', 'cpuMillicores'],
    ['a negative instance count', { slug: 'negative-instances', instances: -1 }, 'BAD_USER_INPUT', 'maxInstances'],
    ['a wrong registry number', { slug: 'wrong-bin', registryNumber: '123' }, 'BAD_USER_INPUT', 'registryNumber'],
    ['a municipality without parent', { slug: 'orphan', parentId: null }, 'BAD_USER_INPUT', 'parentId'],
    ['a duplicate slug', { slug: 'kaskelen' }, 'CONFLICT', 'slug'],
  ])('refuses %s with a clear error and stores nothing', async (_case, change, code, field) => {
    const before = await counts();
    const result = await operator.request(CREATE_TENANT, municipality('x', change));
    expect(result.errors?.[0]).toMatchObject({ extensions: { code, field } });
    expect(result.errors?.[0].message.length).toBeGreaterThan(20);
    expect(await counts()).toEqual(before);
  });

  it('refuses a value of the wrong GraphQL type with BAD_USER_INPUT', async () => {
    const result = await operator.request(CREATE_TENANT, municipality('typed', { cpu: 'lots' }));
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('cpu');
  });

  it('lets only operators onboard tenants', async () => {
    const admin = api.client();
    await admin.login(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
    const result = await admin.request(CREATE_TENANT, municipality('by-admin'));
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('orders a space inside the allocation: space, approved order and outbox row in one go', async () => {
    const tenant = (await operator.data(`{ allTenants(filter: { q: "kaskelen" }) { id } }`)).allTenants[0];
    const before = await counts();
    const { createSpace } = await operator.data(CREATE_SPACE, { tenantId: tenant.id, name: 'Web', slug: 'web', cpu: 2000, mem: 4096, sto: 20, key: 'k-1' });
    expect(createSpace).toMatchObject({ namespace: 't-kaskelen--web', status: 'PROVISIONING', tenant: { id: tenant.id } });
    expect(await counts()).toEqual({ ...before, spaces: before.spaces + 1, outbox: before.outbox + 1 });
    const again = await operator.data(CREATE_SPACE, { tenantId: tenant.id, name: 'Web', slug: 'web', cpu: 2000, mem: 4096, sto: 20, key: 'k-1' });
    expect(again.createSpace.id).toBe(createSpace.id);
    const reused = await operator.request(CREATE_SPACE, { tenantId: tenant.id, name: 'Web', slug: 'web2', cpu: 1000, mem: 4096, sto: 20, key: 'k-1' });
    expect(reused.errors?.[0].extensions?.code).toBe('CONFLICT');
    const allocation = (await operator.data(`query($id: ID!) { Tenant(id: $id) { allocation { usedCpuMillicores usedMemoryMiB usedStorageGiB usedSpaces } spacesCount } }`, { id: tenant.id })).Tenant;
    expect(allocation).toEqual({ allocation: { usedCpuMillicores: 2000, usedMemoryMiB: 4096, usedStorageGiB: 20, usedSpaces: 1 }, spacesCount: 1 });
  });

  it.each([
    ['above the allocation', { slug: 'huge', cpu: 3000 }, 'QUOTA_EXCEEDED', 'cpuMillicores'],
    ['with a negative size', { slug: 'neg', mem: -5 }, 'BAD_USER_INPUT', 'memoryMiB'],
    ['with a duplicate slug', { slug: 'web', key: null }, 'CONFLICT', 'slug'],
    ['with an invalid slug', { slug: '-x-' }, 'BAD_USER_INPUT', 'slug'],
  ])('refuses a space %s and stores nothing, reservation included', async (_case, change, code, field) => {
    const tenant = (await operator.data(`{ allTenants(filter: { q: "kaskelen" }) { id allocation { usedCpuMillicores } } }`)).allTenants[0];
    const before = await counts();
    const result = await operator.request(CREATE_SPACE, { tenantId: tenant.id, name: 'Other', cpu: 1000, mem: 1024, sto: 5, ...change });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code, field } });
    expect(await counts()).toEqual(before);
    const after = (await operator.data(`query($id: ID!) { Tenant(id: $id) { allocation { usedCpuMillicores } } }`, { id: tenant.id })).Tenant;
    expect(after.allocation.usedCpuMillicores).toBe(tenant.allocation.usedCpuMillicores);
  });

  it("hides another tenant's space exactly like a missing one", async () => {
    const outsider = await operator.data(CREATE_TENANT, { ...municipality('outsider'), kind: 'BUSINESS', parentId: null, slug: 'outsider' });
    const space = (await operator.data(CREATE_SPACE, { tenantId: outsider.createTenant.id, name: 'Secret', slug: 'secret', cpu: 500, mem: 512, sto: 1 })).createSpace;
    const admin = api.client();
    await admin.login(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
    const hidden = await admin.request(`query($id: ID!) { Space(id: $id) { id } }`, { id: space.id });
    const missing = await admin.request(`query($id: ID!) { Space(id: $id) { id } }`, { id: '00000000-0000-4000-8000-000000000000' });
    expect(hidden.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect(hidden.errors?.[0].message.replace(space.id, 'ID')).toBe(missing.errors?.[0].message.replace('00000000-0000-4000-8000-000000000000', 'ID'));
    const listed = await admin.data(`{ allSpaces { id } _allSpacesMeta { count } }`);
    expect(listed.allSpaces.map((s: { id: string }) => s.id)).not.toContain(space.id);
  });

  it('serves health and readiness', async () => {
    expect(await (await fetch(`${api.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get('x-request-id')).toBeTruthy();
  });
});
