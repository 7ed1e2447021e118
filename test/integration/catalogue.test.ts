import { builtInOfferings } from '@nprod/catalogue';
import { MembershipEntity, OfferingEntity, OfferingVersionEntity, TenantEntity, UserEntity } from '@nprod/database';
import { TenantKind, TenantRole, TenantStatus } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { seedCatalogue } from '../../apps/api/src/catalogue/catalogue-seed';
import { OfferingsService } from '../../apps/api/src/catalogue/offerings.service';
import { AppException } from '../../apps/api/src/common/app-exception';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;
let agencyAdmin: GraphqlClient;
let customer: GraphqlClient;
let agency: TenantEntity;
let business: TenantEntity;

/** How the console (and so the server's messages) names arguments whose GraphQL names people never see. */
const SHOWN_AS: Record<string, string> = { approvalThreshold: 'threshold' };
const OFFERING_FIELDS = 'id key kind name visibility allowedTenantIds approvalPolicy approvalThreshold { cpuMillicores memoryMiB storageGiB } retiredAt version versionId template plans { key cpuMillicores memoryMiB storageGiB pricePerHourTiyn custom { cpuCoreHourTiyn } } parametersSchema';
const CREATE = `mutation($key: String!, $kind: OfferingKind!, $name: String!, $description: String!, $template: String!, $plans: [OfferingPlanInput!]!, $parametersSchema: JSON!, $visibility: OfferingVisibility!, $allowedTenantIds: [ID!], $approvalPolicy: ApprovalPolicy!, $approvalThreshold: ResourceThresholdInput) {
  createOffering(key: $key, kind: $kind, name: $name, description: $description, template: $template, plans: $plans, parametersSchema: $parametersSchema, visibility: $visibility, allowedTenantIds: $allowedTenantIds, approvalPolicy: $approvalPolicy, approvalThreshold: $approvalThreshold) { ${OFFERING_FIELDS} }
}`;
const UPDATE = `mutation($id: ID!, $name: String, $plans: [OfferingPlanInput!], $parametersSchema: JSON, $visibility: OfferingVisibility, $allowedTenantIds: [ID!], $approvalPolicy: ApprovalPolicy, $approvalThreshold: ResourceThresholdInput) {
  updateOffering(id: $id, name: $name, plans: $plans, parametersSchema: $parametersSchema, visibility: $visibility, allowedTenantIds: $allowedTenantIds, approvalPolicy: $approvalPolicy, approvalThreshold: $approvalThreshold) { ${OFFERING_FIELDS} versions { version plans { key } } }
}`;
const KEYS = '{ allOfferings(perPage: 100, sortField: "key") { key } }';

const plan = (key: string, extra: Record<string, unknown> = {}) => ({ key, name: key.toUpperCase(), cpuMillicores: 500, memoryMiB: 512, storageGiB: 0, pricePerHourTiyn: 625, ...extra });
const newOffering = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  kind: 'PAAS',
  name: 'Edge proxy',
  description: 'A reverse proxy run from your own image.',
  template: 'container-app',
  plans: [plan('s')],
  parametersSchema: { type: 'object', additionalProperties: false, required: ['image'], properties: { image: { type: 'string', title: 'Image', minLength: 1 }, port: { type: 'integer', title: 'Port', minimum: 1, maximum: 65535, default: 8080 } } },
  visibility: 'NAMED_TENANTS',
  allowedTenantIds: [business.id],
  approvalPolicy: 'ALWAYS_OPERATOR',
  approvalThreshold: null,
  ...extra,
});

const counts = async () => ({ offerings: await db.getRepository(OfferingEntity).count(), versions: await db.getRepository(OfferingVersionEntity).count() });

async function userOf(tenant: TenantEntity, email: string): Promise<GraphqlClient> {
  const user = await db.getRepository(UserEntity).save(db.getRepository(UserEntity).create({ email, displayName: email, passwordHash: await hashPassword(TEST_PASSWORD), platformRole: null }));
  await db.getRepository(MembershipEntity).insert({ userId: user.id, tenantId: tenant.id, role: TenantRole.Owner });
  const client = api.client();
  await client.login(email, TEST_PASSWORD);
  return client;
}

beforeAll(async () => {
  ({ database, api, db } = await startApiStack());
  operator = api.client();
  await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
  agencyAdmin = api.client();
  await agencyAdmin.login(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
  agency = await db.getRepository(TenantEntity).findOneByOrFail({ slug: DEMO_AGENCY_SLUG });
  business = await db.getRepository(TenantEntity).save(
    db.getRepository(TenantEntity).create({ name: 'Steppe Soft LLP', slug: 'steppe-soft', kind: TenantKind.Business, status: TenantStatus.Active, region: 'almaty' }),
  );
  customer = await userOf(business, 'owner@steppe-soft.kz');
});

afterAll(() => stopApiStack({ db, api, database }));

describe('catalogue over GraphQL', () => {
  it('starts with the built-in offerings, listed with ra-data-graphql-simple paging and filters', async () => {
    const data = await operator.data(`{ allOfferings(page: 0, perPage: 50, sortField: "key", sortOrder: "ASC") { key kind version plans { key } parametersSchema }
      paas: _allOfferingsMeta(filter: { kind: PAAS }) { count } search: allOfferings(filter: { q: "postgres" }) { key } }`);
    expect(data.allOfferings.map((offering: { key: string }) => offering.key)).toEqual(builtInOfferings.map((offering) => offering.key).sort());
    expect(data.allOfferings.every((offering: { version: number }) => offering.version === 1)).toBe(true);
    expect(data.paas.count).toBe(3);
    expect(data.search).toEqual([{ key: 'postgresql' }]);
    const postgres = data.allOfferings.find((offering: { key: string }) => offering.key === 'postgresql');
    expect(postgres.parametersSchema.properties.databaseName).toMatchObject({ title: 'Database name', default: 'app' });
    const bad = await operator.request('{ allOfferings(sortField: "parametersSchema") { id } }');
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'sortField' } });
  });

  it('shows public bodies the offerings for public bodies, and private customers only the rest', async () => {
    const agencyKeys = (await agencyAdmin.data(KEYS)).allOfferings.map((offering: { key: string }) => offering.key);
    const customerKeys = (await customer.data(KEYS)).allOfferings.map((offering: { key: string }) => offering.key);
    expect(agencyKeys).toContain('document-sharing');
    expect(customerKeys).not.toContain('document-sharing');
    expect(customerKeys).toContain('container-app');
    const hidden = await db.getRepository(OfferingEntity).findOneByOrFail({ key: 'document-sharing' });
    const read = await customer.request(`{ Offering(id: "${hidden.id}") { id } }`);
    expect(read.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('lets operators create an offering for named tenants, seen only by those tenants', async () => {
    const before = await counts();
    const { createOffering } = await operator.data(CREATE, newOffering('edge-proxy'));
    expect(createOffering).toMatchObject({ key: 'edge-proxy', kind: 'PAAS', version: 1, visibility: 'NAMED_TENANTS', allowedTenantIds: [business.id], approvalPolicy: 'ALWAYS_OPERATOR', retiredAt: null });
    expect(createOffering.plans).toEqual([{ key: 's', cpuMillicores: 500, memoryMiB: 512, storageGiB: 0, pricePerHourTiyn: 625, custom: null }]);
    expect(await counts()).toEqual({ offerings: before.offerings + 1, versions: before.versions + 1 });
    expect((await customer.data(KEYS)).allOfferings).toContainEqual({ key: 'edge-proxy' });
    expect((await agencyAdmin.data(KEYS)).allOfferings).not.toContainEqual({ key: 'edge-proxy' });
    const own = await customer.data(`{ Offering(id: "${createOffering.id}") { allowedTenantIds } }`);
    expect(own.Offering.allowedTenantIds).toEqual([business.id]);
  });

  it('refuses a duplicate key with CONFLICT and stores nothing', async () => {
    const before = await counts();
    const result = await operator.request(CREATE, newOffering('edge-proxy'));
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT', field: 'key' } });
    expect(result.errors?.[0].message).toContain('"edge-proxy" already exists');
    expect(await counts()).toEqual(before);
  });

  it('lets only operators change the catalogue', async () => {
    const result = await agencyAdmin.request(CREATE, newOffering('by-admin'));
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const postgres = await db.getRepository(OfferingEntity).findOneByOrFail({ key: 'postgresql' });
    expect((await customer.request(`mutation { retireOffering(id: "${postgres.id}") { id } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await customer.request(UPDATE, { id: postgres.id, name: 'Mine' })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it.each([
    ['key', { key: 'Bad Key' }],
    ['name', { name: 'x' }],
    ['description', { description: '  ' }],
    ['template', { template: 'mainframe' }],
    ['template', { kind: 'SAAS' }],
    ['plans', { plans: [] }],
    ['plans[0].key', { plans: [plan('S!')] }],
    ['plans[1].key', { plans: [plan('s'), plan('s')] }],
    ['plans[0].name', { plans: [plan('s', { name: '' })] }],
    ['plans[0].cpuMillicores', { plans: [plan('s', { cpuMillicores: 0 })] }],
    ['plans[0].memoryMiB', { plans: [plan('s', { memoryMiB: -1 })] }],
    ['plans[0].storageGiB', { plans: [plan('s', { storageGiB: -5 })] }],
    ['plans[0].pricePerHourTiyn', { plans: [plan('s', { pricePerHourTiyn: -1 })] }],
    ['plans[0].custom', { plans: [plan('s', { custom: { cpuCoreHourTiyn: 1, memoryGiBHourTiyn: 1, storageGiBHourTiyn: 1 } })] }],
    ['parametersSchema', { parametersSchema: 'not a schema' }],
    ['parametersSchema.type', { parametersSchema: { type: 'array' } }],
    ['parametersSchema.properties.image.title', { parametersSchema: { type: 'object', required: ['image'], properties: { image: { type: 'string' } } } }],
    ['parametersSchema.required', { parametersSchema: { type: 'object', properties: { port: { type: 'integer', title: 'Port' } } } }],
    ['allowedTenantIds', { allowedTenantIds: [] }],
    ['allowedTenantIds', { allowedTenantIds: ['0b5f3c9e-7d1a-4f2b-9c3e-5a6b7c8d9e0f'] }],
    ['allowedTenantIds', { visibility: 'EVERYONE' }],
    ['approvalThreshold', { approvalPolicy: 'OPERATOR_ABOVE_THRESHOLD' }],
    ['approvalThreshold', { approvalThreshold: { cpuMillicores: 1000 } }],
  ])('refuses a bad %s naming the field, and stores nothing', async (field, change) => {
    const before = await counts();
    const result = await operator.request(CREATE, newOffering('rejected', change));
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field } });
    // The message names the field as people see it in the console where that differs from the argument.
    expect(result.errors?.[0].message.toLowerCase()).toContain((SHOWN_AS[field] ?? field).toLowerCase());
    expect(await counts()).toEqual(before);
  });

  it('refuses values of the wrong GraphQL type with BAD_USER_INPUT', async () => {
    const result = await operator.request(CREATE, newOffering('typed', { kind: 'MAINFRAME' }));
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0].message).toContain('kind');
  });

  it('versions an offering when its plans or schema change, and only then', async () => {
    const offering = await db.getRepository(OfferingEntity).findOneByOrFail({ key: 'edge-proxy' });
    const renamed = (await operator.data(UPDATE, { id: offering.id, name: 'Edge proxy (nginx)' })).updateOffering;
    expect(renamed).toMatchObject({ name: 'Edge proxy (nginx)', version: 1 });
    const sameAgain = (await operator.data(UPDATE, { id: offering.id, plans: [plan('s')] })).updateOffering;
    expect(sameAgain.version).toBe(1);
    const resized = (await operator.data(UPDATE, { id: offering.id, plans: [plan('s'), plan('m', { cpuMillicores: 1000, memoryMiB: 1024, pricePerHourTiyn: 1250 })] })).updateOffering;
    expect(resized.version).toBe(2);
    expect(resized.versionId).not.toBe(renamed.versionId);
    expect(resized.versions).toEqual([
      { version: 2, plans: [{ key: 's' }, { key: 'm' }] },
      { version: 1, plans: [{ key: 's' }] },
    ]);
    const schema = { ...newOffering('x').parametersSchema, properties: { ...newOffering('x').parametersSchema.properties, replicas: { type: 'integer', title: 'Replicas', minimum: 1, maximum: 3, default: 1 } } };
    expect((await operator.data(UPDATE, { id: offering.id, parametersSchema: schema })).updateOffering.version).toBe(3);
    const opened = (await operator.data(UPDATE, { id: offering.id, visibility: 'EVERYONE' })).updateOffering;
    expect(opened).toMatchObject({ visibility: 'EVERYONE', allowedTenantIds: [], version: 3 });
  });

  it('refuses a bad update naming the field, and changes nothing', async () => {
    const offering = await db.getRepository(OfferingEntity).findOneByOrFail({ key: 'edge-proxy' });
    const before = { ...(await counts()), offering: await db.getRepository(OfferingEntity).findOneByOrFail({ id: offering.id }) };
    const result = await operator.request(UPDATE, { id: offering.id, name: 'Renamed', plans: [plan('s', { memoryMiB: 0 })] });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'plans[0].memoryMiB' } });
    expect({ ...(await counts()), offering: await db.getRepository(OfferingEntity).findOneByOrFail({ id: offering.id }) }).toEqual(before);
    const missing = await operator.request(UPDATE, { id: '0b5f3c9e-7d1a-4f2b-9c3e-5a6b7c8d9e0f', name: 'Ghost' });
    expect(missing.errors?.[0].extensions?.code).toBe('NOT_FOUND');
  });

  it('retires an offering: gone from the list, still readable, new orders refused', async () => {
    const redis = await db.getRepository(OfferingEntity).findOneByOrFail({ key: 'redis' });
    const { retireOffering } = await operator.data(`mutation { retireOffering(id: "${redis.id}") { id retiredAt } }`);
    expect(retireOffering.retiredAt).toEqual(expect.any(String));
    const again = await operator.data(`mutation { retireOffering(id: "${redis.id}") { retiredAt } }`);
    expect(again.retireOffering.retiredAt).toBe(retireOffering.retiredAt);
    expect((await customer.data(KEYS)).allOfferings).not.toContainEqual({ key: 'redis' });
    expect((await customer.data('{ allOfferings(filter: { includeRetired: true, kind: PAAS }) { key } }')).allOfferings).toContainEqual({ key: 'redis' });
    expect((await customer.data(`{ Offering(id: "${redis.id}") { key retiredAt } }`)).Offering.key).toBe('redis');

    const offerings = api.app.get(OfferingsService);
    const refusal = await offerings.prepareOrder({ offeringId: redis.id, tenant: business, planKey: 'small', parameters: {} }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(AppException);
    expect(refusal).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'offeringId' } });
    expect((refusal as Error).message).toMatch(/was retired on \d{4}-\d{2}-\d{2} and takes no new orders; choose another offering/);
  });

  it('keeps operators’ changes when the catalogue is seeded again', async () => {
    expect(await seedCatalogue(db)).toEqual({ created: [] });
    expect((await db.getRepository(OfferingEntity).findOneByOrFail({ key: 'redis' })).retiredAt).not.toBeNull();
  });
});

describe('OfferingsService.prepareOrder (for the orders feature)', () => {
  const prepare = async (key: string, tenant: TenantEntity, planKey: string, parameters: unknown) => {
    const offering = await db.getRepository(OfferingEntity).findOneByOrFail({ key });
    return api.app.get(OfferingsService).prepareOrder({ offeringId: offering.id, tenant, planKey, parameters });
  };

  it('pins the current version and returns the validated parameters, footprint and price', async () => {
    const prepared = await prepare('container-app', business, 'm', { image: 'registry.gov.kz/a/b:1', replicas: 2 });
    expect(prepared.version.version).toBe(1);
    expect(prepared.parameters).toMatchObject({ image: 'registry.gov.kz/a/b:1', replicas: 2, port: 8080, public: true });
    expect(prepared.footprint).toEqual({ cpuMillicores: 2000, memoryMiB: 2048, storageGiB: 0 });
    expect(prepared.pricePerHourTiyn).toBe(2500);
    const custom = await prepare('compute-space', agency, 'custom', { cpuMillicores: 3000, memoryMiB: 4096, storageGiB: 10 });
    expect(custom.footprint).toEqual({ cpuMillicores: 3000, memoryMiB: 4096, storageGiB: 10 });
  });

  it.each([
    ['an unknown plan', 'container-app', 'xxl', { image: 'nginx' }, 'BAD_USER_INPUT', 'planKey'],
    ['parameters failing the schema', 'container-app', 's', { image: 'nginx', port: 70000 }, 'BAD_USER_INPUT', 'parameters.port'],
    ['a missing parameter', 'container-app', 's', {}, 'BAD_USER_INPUT', 'parameters.image'],
    ['an offering for public bodies only', 'document-sharing', 'team', {}, 'FORBIDDEN', undefined],
  ])('refuses %s', async (_case, key, planKey, parameters, code, field) => {
    const refusal = await prepare(key, business, planKey, parameters).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code, ...(field ? { details: { field } } : {}) });
  });
});
