import { type V1Deployment, type V1PersistentVolumeClaim, type V1StatefulSet, dumpYaml } from '@kubernetes/client-node';
import { ApprovalPolicy, OfferingKind, OfferingVisibility, TenantKind } from '@nprod/domain';
import { type InstanceManifest, buildInstanceManifests, instanceHostname } from '@nprod/kube';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { builtInOfferings } from './offerings';
import { generateInstanceCredentials, instanceFootprint, instancePricePerHour, InvalidInstanceRequestError, renderInstanceWorkload } from './render';
import { approvalRequired, canTenantOrder, planPricePerHour } from './rules';
import { catalogueTemplates } from './templates';
import type { OfferingDefinition } from './types';
import { validateOfferingDraft } from './validate-offering';

const offering = (key: string): OfferingDefinition => {
  const found = builtInOfferings.find((candidate) => candidate.key === key);
  if (!found) throw new Error(`no offering ${key}`);
  return found;
};

/** Minimal parameters each workload offering needs. */
const SAMPLE_PARAMETERS: Record<string, Record<string, unknown>> = {
  postgresql: { databaseName: 'registry' },
  'container-app': { image: 'registry.gov.kz/city/portal:1.2.0', port: 8080, replicas: 2, env: { LOG_LEVEL: 'info' }, customDomain: 'portal.almaty.gov.kz', healthPath: '/healthz' },
  redis: { persistence: true },
  'website-cms': { siteName: 'Akimat of Kaskelen', adminEmail: 'web@kaskelen.gov.kz', customDomain: 'kaskelen.gov.kz' },
  'document-sharing': { uploadLimitMiB: 1024 },
};
const workloadOfferings = builtInOfferings.filter((definition) => catalogueTemplates[definition.template].produces === 'workload');

// Deterministic "randomness" so snapshots are stable; the worker passes crypto.randomBytes.
const fakeRandom = () => {
  let counter = 0;
  return (bytes: number) => `token${++counter}`.padEnd(bytes, 'x');
};

const ids = { tenantSlug: 'kaskelen', spaceSlug: 'web', namespace: 't-kaskelen--web', instanceId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f', orderId: '0b5f3c9e-7d1a-4f2b-9c3e-5a6b7c8d9e0f' };

function manifestsFor(definition: OfferingDefinition, planKey: string, parameters: Record<string, unknown>, instanceSlug = 'site'): InstanceManifest[] {
  const request = { offering: definition, planKey, parameters, instanceSlug, namespace: ids.namespace };
  const credentials = generateInstanceCredentials(request, fakeRandom());
  const publicHostname = instanceHostname(instanceSlug, ids.spaceSlug, ids.tenantSlug, 'apps.gov.kz');
  return buildInstanceManifests({
    ...ids,
    instanceSlug,
    credentials,
    hostnameSuffix: 'apps.gov.kz',
    storageClass: 'standard',
    tlsClusterIssuer: 'letsencrypt',
    workload: renderInstanceWorkload({ ...request, credentials, publicHostname }),
  });
}

function parseCpu(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}
function parseMemory(quantity: string): number {
  return quantity.endsWith('Gi') ? Number(quantity.slice(0, -2)) * 1024 : Number(quantity.slice(0, -2));
}

/** What the manifests request in total: CPU and memory limits times replicas, PVC storage. */
function requestedByManifests(manifests: InstanceManifest[]) {
  let cpuMillicores = 0;
  let memoryMiB = 0;
  let storageGiB = 0;
  for (const manifest of manifests) {
    if (manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet') {
      const workload = manifest as V1Deployment | V1StatefulSet;
      for (const container of workload.spec?.template.spec?.containers ?? []) {
        cpuMillicores += parseCpu(container.resources?.limits?.cpu ?? '0') * (workload.spec?.replicas ?? 1);
        memoryMiB += parseMemory(container.resources?.limits?.memory ?? '0Mi') * (workload.spec?.replicas ?? 1);
      }
    }
    if (manifest.kind === 'PersistentVolumeClaim') storageGiB += Number((manifest as V1PersistentVolumeClaim).spec?.resources?.requests?.storage.replace('Gi', ''));
  }
  return { cpuMillicores, memoryMiB, storageGiB };
}

describe('built-in offerings', () => {
  it('cover IaaS, PaaS and SaaS with unique keys', () => {
    expect(new Set(builtInOfferings.map((definition) => definition.key)).size).toBe(builtInOfferings.length);
    expect(new Set(builtInOfferings.map((definition) => definition.kind))).toEqual(new Set([OfferingKind.Iaas, OfferingKind.Paas, OfferingKind.Saas]));
  });

  it.each(builtInOfferings.map((definition) => [definition.key, definition] as const))('%s passes the checks operators get', (_key, definition) => {
    expect(validateOfferingDraft(definition)).toEqual([]);
  });

  it.each(workloadOfferings.flatMap((definition) => definition.plans.map((plan) => [definition.key, plan.key, definition] as const)))(
    '%s plan %s renders objects the API server accepts',
    (_key, planKey, definition) => {
      const manifests = manifestsFor(definition, planKey, SAMPLE_PARAMETERS[definition.key]);
      expect(requestedByManifests(manifests)).toEqual(instanceFootprint({ offering: definition, planKey, parameters: SAMPLE_PARAMETERS[definition.key] }));
    },
  );

  it.each(workloadOfferings.map((definition) => [definition.key, definition] as const))('%s: desired state snapshot', (_key, definition) => {
    const manifests = manifestsFor(definition, definition.plans[0].key, SAMPLE_PARAMETERS[definition.key]);
    expect(manifests.map((manifest) => dumpYaml(manifest)).join('---\n')).toMatchSnapshot();
  });

  it('gives a PostgreSQL owner a connection string to the in-cluster service', () => {
    const credentials = generateInstanceCredentials(
      { offering: offering('postgresql'), planKey: 'small', parameters: { databaseName: 'registry', username: 'clerk' }, instanceSlug: 'records', namespace: ids.namespace },
      (bytes) => 'p'.repeat(bytes),
    );
    expect(credentials).toEqual({
      username: 'clerk',
      password: 'p'.repeat(24),
      database: 'registry',
      uri: `postgresql://clerk:${'p'.repeat(24)}@records-postgres.t-kaskelen--web.svc:5432/registry`,
    });
    const service = manifestsFor(offering('postgresql'), 'small', {}, 'records').find((manifest) => manifest.kind === 'Service');
    expect(service?.metadata?.name).toBe('records-postgres');
  });

  it('publishes a container app only when public', () => {
    const app = offering('container-app');
    const kinds = (parameters: Record<string, unknown>) => manifestsFor(app, 's', parameters).map((manifest) => manifest.kind);
    expect(kinds({ image: 'nginx' })).toContain('Ingress');
    expect(kinds({ image: 'nginx', public: false })).not.toContain('Ingress');
  });

  it('sizes a container app per replica and the footprint times the replicas', () => {
    const app = offering('container-app');
    expect(instanceFootprint({ offering: app, planKey: 'm', parameters: { image: 'nginx', replicas: 3 } })).toEqual({ cpuMillicores: 3000, memoryMiB: 3072, storageGiB: 0 });
    expect(instancePricePerHour({ offering: app, planKey: 'm', parameters: { image: 'nginx', replicas: 3 } })).toBe(3750);
  });

  it('keeps a space offering out of the workload builder', () => {
    const space = offering('compute-space');
    expect(instanceFootprint({ offering: space, planKey: 'custom', parameters: { cpuMillicores: 3000, memoryMiB: 6144, storageGiB: 30 } })).toEqual({ cpuMillicores: 3000, memoryMiB: 6144, storageGiB: 30 });
    expect(() => renderInstanceWorkload({ offering: space, planKey: 's', parameters: {}, instanceSlug: 'x', namespace: 'n', credentials: {} })).toThrow(/buildSpaceManifests/);
  });

  it('refuses an unknown plan and bad parameters with the field named', () => {
    const request = { offering: offering('redis'), planKey: 'huge', parameters: {} };
    expect(() => instanceFootprint(request)).toThrow(InvalidInstanceRequestError);
    expect(() => instanceFootprint(request)).toThrow('Plan "huge" is not offered; choose one of: small, medium, large.');
    try {
      instanceFootprint({ ...request, planKey: 'small', parameters: { maxmemoryPolicy: 'random' } });
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidInstanceRequestError).errors.map((problem) => problem.field)).toEqual(['parameters.maxmemoryPolicy']);
    }
  });

  it('renders valid, labelled, restricted objects whose requests add up to the footprint, for any plan and parameters', () => {
    const app = offering('container-app');
    const parameters = fc.record({
      image: fc.constantFrom('nginx', 'registry.gov.kz/a/b:1', 'ghcr.io/org/app@sha256:' + 'a'.repeat(64)),
      port: fc.integer({ min: 1, max: 65535 }),
      replicas: fc.integer({ min: 1, max: 10 }),
      public: fc.boolean(),
      readOnlyRootFilesystem: fc.boolean(),
      runAsUser: fc.integer({ min: 1, max: 2_147_483_647 }),
    });
    const slug = fc.stringMatching(/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/).filter((value) => !value.includes('--'));
    fc.assert(
      fc.property(parameters, fc.constantFrom(...app.plans.map((plan) => plan.key)), slug, (random, planKey, instanceSlug) => {
        const manifests = manifestsFor(app, planKey, random, instanceSlug);
        expect(requestedByManifests(manifests)).toEqual(instanceFootprint({ offering: app, planKey, parameters: random }));
        for (const manifest of manifests) {
          expect(manifest.metadata?.labels?.['nprod.io/instance']).toBe(ids.instanceId);
          expect(manifest.metadata?.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('catalogue rules', () => {
  it('decides who may order by visibility and tenant kind', () => {
    const agency = { id: 'a', kind: TenantKind.Agency };
    const business = { id: 'b', kind: TenantKind.Business };
    expect(canTenantOrder({ visibility: OfferingVisibility.PublicBodies, allowedTenantIds: [] }, agency)).toBe(true);
    expect(canTenantOrder({ visibility: OfferingVisibility.PublicBodies, allowedTenantIds: [] }, business)).toBe(false);
    expect(canTenantOrder({ visibility: OfferingVisibility.Everyone, allowedTenantIds: [] }, business)).toBe(true);
    expect(canTenantOrder({ visibility: OfferingVisibility.NamedTenants, allowedTenantIds: ['b'] }, business)).toBe(true);
    expect(canTenantOrder({ visibility: OfferingVisibility.NamedTenants, allowedTenantIds: ['b'] }, agency)).toBe(false);
  });

  it('asks for approval by policy and threshold', () => {
    const size = { cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 600 };
    expect(approvalRequired({ approvalPolicy: ApprovalPolicy.AutoWithinAllocation }, size)).toBe(false);
    expect(approvalRequired({ approvalPolicy: ApprovalPolicy.AlwaysOperator }, size)).toBe(true);
    expect(approvalRequired({ approvalPolicy: ApprovalPolicy.OperatorAboveThreshold, approvalThreshold: { storageGiB: 500 } }, size)).toBe(true);
    expect(approvalRequired({ approvalPolicy: ApprovalPolicy.OperatorAboveThreshold, approvalThreshold: { storageGiB: 600 } }, size)).toBe(false);
  });

  it('prices custom sizes by the rates, rounded up to a whole tiyn', () => {
    const custom = offering('compute-space').plans.find((plan) => plan.key === 'custom');
    if (!custom) throw new Error('no custom plan');
    expect(planPricePerHour(custom, { cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20 })).toBe(3040);
    expect(planPricePerHour(custom, { cpuMillicores: 100, memoryMiB: 128, storageGiB: 1 })).toBe(100 + 32 + 2);
  });
});

describe('validateOfferingDraft', () => {
  const base = offering('container-app');
  it.each([
    ['key', { key: 'Bad Key' }],
    ['name', { name: 'x' }],
    ['description', { description: '' }],
    ['template', { template: 'mainframe' }],
    ['template', { template: 'postgresql', kind: OfferingKind.Saas }],
    ['plans', { plans: [] }],
    ['plans[1].key', { plans: [base.plans[0], { ...base.plans[1], key: base.plans[0].key }] }],
    ['plans[0].cpuMillicores', { plans: [{ ...base.plans[0], cpuMillicores: 0 }] }],
    ['plans[0].pricePerHourTiyn', { plans: [{ ...base.plans[0], pricePerHourTiyn: 1.5 }] }],
    ['plans[0].custom', { plans: [{ ...base.plans[0], custom: { cpuCoreHourTiyn: 1, memoryGiBHourTiyn: 1, storageGiBHourTiyn: 1 } }] }],
    ['parametersSchema.required', { parametersSchema: { type: 'object', properties: {} } }],
    ['approvalThreshold', { approvalPolicy: ApprovalPolicy.OperatorAboveThreshold }],
    ['approvalThreshold', { approvalThreshold: { cpuMillicores: 1000 } }],
    ['allowedTenantIds', { visibility: OfferingVisibility.NamedTenants }],
    ['allowedTenantIds', { allowedTenantIds: ['6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f'] }],
  ])('names %s', (field, change) => {
    expect(validateOfferingDraft({ ...base, ...change } as OfferingDefinition).map((error) => error.field)).toContain(field);
  });

  it('refuses a plan too small for a two-component app', () => {
    const cms = offering('website-cms');
    const errors = validateOfferingDraft({ ...cms, plans: [{ ...cms.plans[0], storageGiB: 1 }] });
    expect(errors).toEqual([{ field: 'plans[0]', message: 'plans[0] ("standard") is too small for template "website-cms": storageGiB must be at least 2.' }]);
  });
});
