import { type V1Deployment, type V1Ingress, type V1PersistentVolumeClaim, type V1Secret, type V1StatefulSet, dumpYaml } from '@kubernetes/client-node';
import { ANNOTATION_ORDER, LABEL_INSTANCE, LABEL_MANAGED_BY, LABEL_SPACE, LABEL_TENANT } from '@nprod/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type InstanceManifest,
  type InstanceManifestInput,
  type InstanceWorkload,
  type WorkloadComponent,
  buildInstanceManifests,
  instanceHostname,
} from './instance-manifests';

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const web: WorkloadComponent = {
  name: 'web',
  kind: 'Deployment',
  image: 'registry.gov.kz/city/portal:1.2.0',
  replicas: 2,
  port: { name: 'http', containerPort: 8080 },
  env: { LOG_LEVEL: 'info' },
  secretEnv: { DATABASE_PASSWORD: 'password' },
  resources: { cpuMillicores: 500, memoryMiB: 512 },
  runAsUser: 10001,
  readOnlyRootFilesystem: true,
  scratchPaths: ['/tmp'],
  probe: { type: 'http', path: '/healthz' },
};
const db: WorkloadComponent = {
  name: 'db',
  kind: 'StatefulSet',
  image: 'postgres:17.6-alpine',
  replicas: 1,
  port: { name: 'postgres', containerPort: 5432 },
  resources: { cpuMillicores: 1000, memoryMiB: 2048 },
  runAsUser: 70,
  readOnlyRootFilesystem: true,
  scratchPaths: ['/var/run/postgresql', '/tmp'],
  volume: { mountPath: '/var/lib/postgresql/data', storageGiB: 20 },
  probe: { type: 'exec', command: ['pg_isready'] },
};

const input: InstanceManifestInput = {
  tenantSlug: 'akimat-almaty',
  spaceSlug: 'web',
  namespace: 't-akimat-almaty--web',
  instanceId: '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  instanceSlug: 'portal',
  orderId: '0b5f3c9e-7d1a-4f2b-9c3e-5a6b7c8d9e0f',
  workload: { components: [db, web], ingress: { component: 'web', extraHosts: ['portal.almaty.gov.kz'] } },
  credentials: { password: 'not-a-real-password' },
  hostnameSuffix: 'apps.gov.kz',
  storageClass: 'fast-ssd',
  tlsClusterIssuer: 'letsencrypt',
  ingressClassName: 'nginx',
};

const ofKind = <T extends InstanceManifest>(manifests: InstanceManifest[], kind: string) => manifests.filter((manifest): manifest is T => manifest.kind === kind);
const podWorkloads = (manifests: InstanceManifest[]) => manifests.filter((manifest): manifest is V1Deployment | V1StatefulSet => manifest.kind === 'Deployment' || manifest.kind === 'StatefulSet');

function parseCpu(quantity: string): number {
  return quantity.endsWith('m') ? Number(quantity.slice(0, -1)) : Number(quantity) * 1000;
}
function parseMemory(quantity: string): number {
  if (quantity.endsWith('Gi')) return Number(quantity.slice(0, -2)) * 1024;
  return Number(quantity.slice(0, -2));
}

const slug = fc.stringMatching(/^[a-z][a-z0-9-]{1,28}[a-z0-9]$/).filter((value) => !value.includes('--'));
const componentArbitrary = (name: string): fc.Arbitrary<WorkloadComponent> =>
  fc
    .record({
      kind: fc.constantFrom<'Deployment' | 'StatefulSet'>('Deployment', 'StatefulSet'),
      replicas: fc.integer({ min: 0, max: 10 }),
      port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
      cpuMillicores: fc.integer({ min: 1, max: 64_000 }),
      memoryMiB: fc.integer({ min: 1, max: 262_144 }),
      storageGiB: fc.option(fc.integer({ min: 1, max: 10_000 }), { nil: undefined }),
      runAsUser: fc.integer({ min: 1, max: 2_147_483_647 }),
      readOnlyRootFilesystem: fc.boolean(),
    })
    .map((random) => ({
      name,
      kind: random.kind,
      image: `example/${name}:1`,
      replicas: random.storageGiB ? Math.min(random.replicas, 1) : random.replicas,
      ...(random.port ? { port: { name: 'main', containerPort: random.port }, probe: { type: 'tcp' as const }, bindsPrivilegedPort: random.port < 1024 } : {}),
      resources: { cpuMillicores: random.cpuMillicores, memoryMiB: random.memoryMiB },
      runAsUser: random.runAsUser,
      readOnlyRootFilesystem: random.readOnlyRootFilesystem,
      ...(random.storageGiB ? { volume: { mountPath: '/data', storageGiB: random.storageGiB } } : {}),
    }));
const workloadArbitrary: fc.Arbitrary<InstanceWorkload> = fc
  .tuple(componentArbitrary('app'), fc.option(componentArbitrary('db'), { nil: undefined }), fc.boolean())
  .map(([app, dependency, exposed]) => ({
    components: dependency ? [dependency, app] : [app],
    ...(exposed && app.port ? { ingress: { component: 'app' } } : {}),
  }));
const randomInput: fc.Arbitrary<InstanceManifestInput> = fc.record({
  tenantSlug: slug,
  spaceSlug: slug,
  namespace: slug.map((value) => `t-${value}`),
  instanceId: fc.uuid(),
  instanceSlug: slug,
  orderId: fc.uuid(),
  workload: workloadArbitrary,
  credentials: fc.constant({ password: 'secret' }),
  hostnameSuffix: fc.constantFrom('apps.gov.kz', 'cloud.example.org'),
  storageClass: fc.option(fc.constantFrom('standard', 'fast-ssd'), { nil: undefined }),
  tlsClusterIssuer: fc.option(fc.constant('letsencrypt'), { nil: undefined }),
});

describe('buildInstanceManifests', () => {
  it('builds an instance in apply order, as the API server receives it', () => {
    const manifests = buildInstanceManifests(input);
    expect(manifests.map((manifest) => `${manifest.kind}/${manifest.metadata?.name}`)).toEqual([
      'Secret/portal-credentials',
      'PersistentVolumeClaim/portal-db-data',
      'Service/portal-db',
      'Service/portal-web',
      'StatefulSet/portal-db',
      'Deployment/portal-web',
      'Ingress/portal',
    ]);
    expect(manifests.map((manifest) => dumpYaml(manifest)).join('---\n')).toMatchSnapshot();
  });

  it('publishes the platform hostname and the extra hosts with TLS and the configured issuer', () => {
    const [ingress] = ofKind<V1Ingress>(buildInstanceManifests(input), 'Ingress');
    expect(ingress.metadata?.annotations).toEqual({ [ANNOTATION_ORDER]: input.orderId, 'cert-manager.io/cluster-issuer': 'letsencrypt' });
    expect(ingress.spec?.tls).toEqual([{ hosts: ['portal--web--akimat-almaty.apps.gov.kz', 'portal.almaty.gov.kz'], secretName: 'portal-tls' }]);
    expect(ingress.spec?.ingressClassName).toBe('nginx');
    const withoutIssuer = ofKind<V1Ingress>(buildInstanceManifests({ ...input, tlsClusterIssuer: undefined }), 'Ingress')[0];
    expect(withoutIssuer.metadata?.annotations).toEqual({ [ANNOTATION_ORDER]: input.orderId });
  });

  it('builds no Ingress without a host, and no Secret without credentials', () => {
    const manifests = buildInstanceManifests({
      ...input,
      hostnameSuffix: undefined,
      credentials: {},
      workload: { components: [{ ...web, secretEnv: {} }], ingress: { component: 'web' } },
    });
    expect(manifests.map((manifest) => manifest.kind)).toEqual(['Service', 'Deployment']);
  });

  it('puts PVCs on the configured storage class, or the cluster default', () => {
    expect(ofKind<V1PersistentVolumeClaim>(buildInstanceManifests(input), 'PersistentVolumeClaim')[0].spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      storageClassName: 'fast-ssd',
      resources: { requests: { storage: '20Gi' } },
    });
    expect(ofKind<V1PersistentVolumeClaim>(buildInstanceManifests({ ...input, storageClass: undefined }), 'PersistentVolumeClaim')[0].spec).not.toHaveProperty('storageClassName');
  });

  it('stores credentials base64-encoded in data, never in stringData', () => {
    const [secret] = ofKind<V1Secret>(buildInstanceManifests(input), 'Secret');
    expect(secret.data).toEqual({ password: Buffer.from('not-a-real-password').toString('base64') });
    expect(secret).not.toHaveProperty('stringData');
  });

  it('lets a non-root app bind a low port only through the sysctl the restricted profile allows', () => {
    const manifests = buildInstanceManifests({ ...input, workload: { components: [{ ...web, port: { name: 'http', containerPort: 80 }, bindsPrivilegedPort: true }] } });
    expect(podWorkloads(manifests)[0].spec?.template.spec?.securityContext?.sysctls).toEqual([{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }]);
  });

  it.each([
    ['a root user', { workload: { components: [{ ...web, runAsUser: 0 }] } }, /non-root/],
    ['two replicas on one volume', { workload: { components: [{ ...db, replicas: 2 }] } }, /one replica/],
    ['a secret reference without credentials', { credentials: {} }, /credentials key "password"/],
    ['an invalid component name', { workload: { components: [{ ...web, name: 'Web_1' }] } }, /name must be/],
    ['a port out of range', { workload: { components: [{ ...web, port: { name: 'http', containerPort: 70000 } }] } }, /out of range/],
    ['an ingress to a missing component', { workload: { components: [web], ingress: { component: 'api' } } }, /ingress/],
    ['an invalid extra host', { workload: { components: [web], ingress: { component: 'web', extraHosts: ['not a host'] } } }, /valid hostname/],
    ['an invalid namespace', { namespace: 'Bad_NS' }, /namespace/],
    ['an invalid instance slug', { instanceSlug: 'X' }, /instanceSlug/],
    ['zero CPU', { workload: { components: [{ ...web, resources: { cpuMillicores: 0, memoryMiB: 1 } }] } }, /cpuMillicores/],
  ])('refuses %s', (_case, change, message) => {
    expect(() => buildInstanceManifests({ ...input, ...change } as InstanceManifestInput)).toThrow(message);
  });

  it('labels and annotates every object in the namespace, with valid names', () => {
    fc.assert(
      fc.property(randomInput, (random) => {
        const manifests = buildInstanceManifests(random);
        for (const manifest of manifests) {
          const metadata = manifest.metadata ?? {};
          expect(metadata.labels).toMatchObject({
            [LABEL_TENANT]: random.tenantSlug,
            [LABEL_SPACE]: random.spaceSlug,
            [LABEL_INSTANCE]: random.instanceId,
            [LABEL_MANAGED_BY]: 'nprod',
          });
          expect(metadata.annotations?.[ANNOTATION_ORDER]).toBe(random.orderId);
          expect(metadata.namespace).toBe(random.namespace);
          expect(metadata.name).toMatch(DNS_1123_LABEL);
          expect(metadata.name?.length).toBeLessThanOrEqual(63);
        }
        for (const workload of podWorkloads(manifests)) {
          expect(workload.spec?.template.metadata?.labels).toMatchObject({ [LABEL_INSTANCE]: random.instanceId, [LABEL_TENANT]: random.tenantSlug });
          expect(workload.spec?.template.metadata?.labels).toMatchObject(workload.spec?.selector.matchLabels ?? { missing: true });
        }
        for (const ingress of ofKind<V1Ingress>(manifests, 'Ingress')) {
          for (const host of ingress.spec?.tls?.[0].hosts ?? []) for (const label of host.split('.')) expect(label).toMatch(DNS_1123_LABEL);
        }
        const names = manifests.map((manifest) => `${manifest.kind}/${manifest.metadata?.name}`);
        expect(new Set(names).size).toBe(names.length);
      }),
    );
  });

  it('sets every pod security field of the restricted profile, and resources from the workload', () => {
    fc.assert(
      fc.property(randomInput, (random) => {
        const manifests = buildInstanceManifests(random);
        for (const workload of podWorkloads(manifests)) {
          const component = random.workload.components.find((candidate) => `${random.instanceSlug}-${candidate.name}` === workload.metadata?.name);
          const pod = workload.spec?.template.spec;
          expect(pod?.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
          expect(pod?.securityContext?.runAsUser).toBeGreaterThan(0);
          expect(pod?.automountServiceAccountToken).toBe(false);
          for (const sysctl of pod?.securityContext?.sysctls ?? []) expect(sysctl.name).toBe('net.ipv4.ip_unprivileged_port_start');
          for (const container of pod?.containers ?? []) {
            expect(container.securityContext).toMatchObject({
              runAsNonRoot: true,
              allowPrivilegeEscalation: false,
              privileged: false,
              capabilities: { drop: ['ALL'] },
              seccompProfile: { type: 'RuntimeDefault' },
              readOnlyRootFilesystem: component?.readOnlyRootFilesystem,
            });
            expect(container.securityContext?.capabilities?.add).toBeUndefined();
            const { requests, limits } = container.resources ?? {};
            expect(requests).toEqual(limits);
            expect(parseCpu(limits?.cpu ?? '')).toBe(component?.resources.cpuMillicores);
            expect(parseMemory(limits?.memory ?? '')).toBe(component?.resources.memoryMiB);
          }
          for (const volume of pod?.volumes ?? []) expect(volume.hostPath).toBeUndefined();
        }
      }),
    );
  });
});

describe('instanceHostname', () => {
  it('joins the slugs in one DNS label under the suffix', () => {
    expect(instanceHostname('shop', 'web', 'city', 'apps.gov.kz')).toBe('shop--web--city.apps.gov.kz');
  });

  it('cuts long labels to 63 characters with a stable hash, so they stay unique', () => {
    const long = 'a'.repeat(29) + 'b';
    const first = instanceHostname(long, long, long, 'apps.gov.kz');
    const second = instanceHostname(long, long, `${long.slice(0, -1)}c`, 'apps.gov.kz');
    expect(first.split('.')[0]).toHaveLength(63);
    expect(first).not.toBe(second);
    expect(instanceHostname(long, long, long, 'apps.gov.kz')).toBe(first);
  });

  it('refuses a suffix that makes no hostname', () => {
    expect(() => instanceHostname('shop', 'web', 'city', 'Bad Suffix')).toThrow(/hostnameSuffix/);
  });
});
