import { type V1LimitRange, type V1ResourceQuota, dumpYaml } from '@kubernetes/client-node';
import { ANNOTATION_ORDER, LABEL_MANAGED_BY, LABEL_SPACE, LABEL_TENANT, type ResourceAmounts } from '@nprod/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TenantRole } from '@nprod/domain';
import { type SpaceManifestInput, type SpaceManifest, LABEL_SPACE_ROLE, buildSpaceManifests, buildSpaceRoleBindings, spaceRoleOf, spaceUsersByRole } from './space-manifests';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const input: SpaceManifestInput = {
  tenantSlug: 'akimat-almaty',
  spaceSlug: 'web',
  namespace: 't-akimat-almaty--web',
  orderId: '0b5f3c9e-7d1a-4f2b-9c3e-5a6b7c8d9e0f',
  size: { cpuMillicores: 1500, memoryMiB: 4096, storageGiB: 20 },
  groups: { admin: ['akimat-almaty:owners'], view: ['auditors', 'akimat-almaty:staff', 'auditors'] },
};

// What the API server receives: client-node's serializer turns model names such as
// `_default` and `_from` into the wire names.
const toWireYaml = (manifests: SpaceManifest[]) => manifests.map((manifest) => dumpYaml(manifest)).join('---\n');

// `kind` is a plain string in client-node's models, so narrowing needs type guards.
const isResourceQuota = (manifest: SpaceManifest): manifest is V1ResourceQuota => manifest.kind === 'ResourceQuota';
const isLimitRange = (manifest: SpaceManifest): manifest is V1LimitRange => manifest.kind === 'LimitRange';
const quotaOf = (manifests: SpaceManifest[]) => manifests.find(isResourceQuota);

function parseCpu(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}

function parseMemory(quantity: string): number {
  if (quantity.endsWith('Gi')) return Number(quantity.slice(0, -2)) * 1024;
  if (quantity.endsWith('Mi')) return Number(quantity.slice(0, -2));
  throw new Error(`unexpected memory quantity ${quantity}`);
}

const validSlug = fc.stringMatching(/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/).filter((slug) => !slug.includes('--'));
const size: fc.Arbitrary<ResourceAmounts> = fc.record({
  cpuMillicores: fc.integer({ min: 1, max: 512_000 }),
  memoryMiB: fc.integer({ min: 1, max: 4 * 1024 * 1024 }),
  storageGiB: fc.integer({ min: 1, max: 100_000 }),
});
const groupNames = fc.array(fc.stringMatching(/^[a-z][a-z0-9:-]{0,20}$/), { maxLength: 3 });
const randomInput: fc.Arbitrary<SpaceManifestInput> = fc.record({
  tenantSlug: validSlug,
  spaceSlug: validSlug,
  namespace: validSlug.map((slug) => `t-${slug}`),
  orderId: fc.uuid(),
  size,
  groups: fc.record({ admin: groupNames, edit: groupNames, view: groupNames }),
});

describe('buildSpaceManifests', () => {
  it('builds the space objects in apply order, as the API server receives them', () => {
    expect(toWireYaml(buildSpaceManifests(input))).toMatchSnapshot();
  });

  it('serializes LimitRange defaults and NetworkPolicy peers under their API names', () => {
    const wire = toWireYaml(buildSpaceManifests(input));
    expect(wire).toContain('    - default:\n        cpu: 187m\n');
    expect(wire).toContain('    - from:\n        - podSelector: {}\n');
    expect(wire).not.toMatch(/_default|_from/);
  });

  it('sizes container defaults at an eighth of the space, capped at 1 CPU and 2 GiB, and at least 1m / 1Mi', () => {
    const defaultsFor = (cpuMillicores: number, memoryMiB: number) => {
      const manifests = buildSpaceManifests({ ...input, size: { cpuMillicores, memoryMiB, storageGiB: 1 } });
      return manifests.find(isLimitRange)?.spec?.limits[0];
    };
    expect(defaultsFor(2000, 4096)).toMatchObject({ _default: { cpu: '250m', memory: '512Mi' }, max: { cpu: '2', memory: '4Gi' } });
    expect(defaultsFor(64_000, 262_144)).toMatchObject({ _default: { cpu: '1', memory: '2Gi' }, defaultRequest: { cpu: '1', memory: '2Gi' } });
    expect(defaultsFor(5, 7)).toMatchObject({ _default: { cpu: '1m', memory: '1Mi' } });
  });

  it('applies the pod and PVC limits and the ingress namespace it is given', () => {
    const manifests = buildSpaceManifests({ ...input, maxPods: 7, maxPvcs: 2, ingressNamespace: 'traefik' });
    expect(quotaOf(manifests)).toMatchObject({ spec: { hard: { pods: '7', persistentvolumeclaims: '2' } } });
    expect(JSON.stringify(manifests)).toContain('"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"traefik"}}');
  });

  it('binds no group when none are given', () => {
    const kinds = buildSpaceManifests({ ...input, groups: undefined }).map((manifest) => manifest.kind);
    expect(kinds).toEqual(['Namespace', 'ResourceQuota', 'LimitRange', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy']);
  });

  it('refuses an invalid size or namespace name', () => {
    expect(() => buildSpaceManifests({ ...input, size: { cpuMillicores: 0, memoryMiB: 1024, storageGiB: 1 } })).toThrow(
      /cpuMillicores must be a positive whole number/,
    );
    expect(() => buildSpaceManifests({ ...input, namespace: 'T_bad' })).toThrow(/namespace "T_bad" is not a valid namespace name/);
    expect(() => buildSpaceManifests({ ...input, ingressNamespace: 'x'.repeat(64) })).toThrow(/ingressNamespace/);
  });

  it('sets quota hard values that read back as the requested size', () => {
    fc.assert(
      fc.property(randomInput, (random) => {
        const hard = quotaOf(buildSpaceManifests(random))?.spec?.hard ?? {};
        expect(parseCpu(hard['requests.cpu'])).toBe(random.size.cpuMillicores);
        expect(parseCpu(hard['limits.cpu'])).toBe(random.size.cpuMillicores);
        expect(parseMemory(hard['requests.memory'])).toBe(random.size.memoryMiB);
        expect(parseMemory(hard['limits.memory'])).toBe(random.size.memoryMiB);
        expect(hard['requests.storage']).toBe(`${random.size.storageGiB}Gi`);
        expect(hard).toMatchObject({ 'services.nodeports': '0', 'services.loadbalancers': '0' });
      }),
    );
  });

  it('labels and annotates every object, in the space namespace, with valid names', () => {
    fc.assert(
      fc.property(randomInput, (random) => {
        const manifests = buildSpaceManifests(random);
        for (const manifest of manifests) {
          const metadata = manifest.metadata ?? {};
          expect(metadata.labels).toMatchObject({
            [LABEL_TENANT]: random.tenantSlug,
            [LABEL_SPACE]: random.spaceSlug,
            [LABEL_MANAGED_BY]: 'nprod',
          });
          expect(metadata.annotations).toEqual({ [ANNOTATION_ORDER]: random.orderId });
          expect(metadata.name).toMatch(DNS_1123_LABEL);
          expect(metadata.name?.length).toBeLessThanOrEqual(63);
          expect(metadata.namespace).toBe(manifest.kind === 'Namespace' ? undefined : random.namespace);
        }
        const names = manifests.map((manifest) => `${manifest.kind}/${manifest.metadata?.name}`);
        expect(new Set(names).size).toBe(names.length);
      }),
    );
  });

  it('binds users next to groups, labels each binding with its role, and makes none for a role without subjects', () => {
    const bindings = buildSpaceRoleBindings({ ...input, groups: undefined, users: { admin: ['b@x.kz', 'a@x.kz', 'a@x.kz'], view: ['v@x.kz'] } });
    expect(bindings.map((binding) => [binding.metadata?.name, binding.metadata?.labels?.[LABEL_SPACE_ROLE], binding.roleRef.name])).toEqual([
      ['space-admin', 'admin', 'admin'],
      ['space-view', 'view', 'view'],
    ]);
    expect(bindings[0].subjects).toEqual([
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'a@x.kz' },
      { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'b@x.kz' },
    ]);
  });

  it('maps tenant roles to ClusterRoles and binds each person once, with the strongest role', () => {
    expect([TenantRole.Owner, TenantRole.Admin, TenantRole.Member, TenantRole.Viewer].map(spaceRoleOf)).toEqual(['admin', 'admin', 'edit', 'view']);
    expect(
      spaceUsersByRole([
        { username: 'm@x.kz', role: 'view' },
        { username: 'm@x.kz', role: 'admin' },
        { username: 'e@x.kz', role: 'edit' },
        { username: 'v@x.kz', role: 'view' },
      ]),
    ).toEqual({ admin: ['m@x.kz'], edit: ['e@x.kz'], view: ['v@x.kz'] });
    fc.assert(
      fc.property(fc.array(fc.record({ username: fc.constantFrom('a', 'b', 'c', 'd'), role: fc.constantFrom('admin' as const, 'edit' as const, 'view' as const) })), (members) => {
        const byRole = spaceUsersByRole(members);
        const all = [...byRole.admin, ...byRole.edit, ...byRole.view];
        expect(new Set(all).size).toBe(all.length);
        expect(new Set(all)).toEqual(new Set(members.map((member) => member.username)));
      }),
    );
  });
});
