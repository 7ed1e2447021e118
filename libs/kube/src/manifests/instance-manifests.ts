import type {
  V1Container,
  V1Deployment,
  V1EnvVar,
  V1Ingress,
  V1ObjectMeta,
  V1PersistentVolumeClaim,
  V1PodSpec,
  V1PodTemplateSpec,
  V1Probe,
  V1Secret,
  V1Service,
  V1StatefulSet,
  V1Volume,
  V1VolumeMount,
} from '@kubernetes/client-node';
import {
  ANNOTATION_ORDER,
  LABEL_INSTANCE,
  LABEL_MANAGED_BY,
  LABEL_SPACE,
  LABEL_TENANT,
  MANAGED_BY_VALUE,
  validateSlug,
} from '@nprod/domain';
import { formatCpu, formatMemory, formatStorage } from './quantity';

export const LABEL_APP_INSTANCE = 'app.kubernetes.io/instance';
export const LABEL_APP_COMPONENT = 'app.kubernetes.io/component';
export const ANNOTATION_CLUSTER_ISSUER = 'cert-manager.io/cluster-issuer';
/** The one sysctl that lets a non-root process bind ports below 1024; the `restricted` profile allows it. */
export const UNPRIVILEGED_PORT_SYSCTL = 'net.ipv4.ip_unprivileged_port_start';

export type WorkloadProbe =
  | { readonly type: 'tcp' }
  | { readonly type: 'http'; readonly path: string }
  | { readonly type: 'exec'; readonly command: readonly string[] };

/**
 * One container of an instance, as a catalogue template describes it. The builder turns it
 * into a Deployment or StatefulSet (plus Service and PVC) that passes the `restricted` Pod
 * Security profile; templates choose only what differs between apps.
 */
export interface WorkloadComponent {
  /** 1-12 characters, a DNS label; objects are named `<instanceSlug>-<name>`. */
  readonly name: string;
  readonly kind: 'Deployment' | 'StatefulSet';
  readonly image: string;
  readonly replicas: number;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  /** The port the container listens on; a ClusterIP Service named like the component exposes it. */
  readonly port?: { readonly name: string; readonly containerPort: number };
  /** Plain environment variables, in this order (after `secretEnv`, so they may use `$(VAR)` of those). */
  readonly env?: Readonly<Record<string, string>>;
  /** Environment variable name -> key in the instance's credentials Secret. */
  readonly secretEnv?: Readonly<Record<string, string>>;
  /** Per replica. Requests equal limits, as in the space's quota. */
  readonly resources: { readonly cpuMillicores: number; readonly memoryMiB: number };
  /** The image's non-root user. */
  readonly runAsUser: number;
  /** Default: runAsUser. */
  readonly runAsGroup?: number;
  /** Owner group of mounted volumes. Default: runAsGroup. */
  readonly fsGroup?: number;
  /** True wherever the app allows; its writable paths then go in `scratchPaths` or `volume`. */
  readonly readOnlyRootFilesystem: boolean;
  /** Writable paths that need no persistence; each gets an emptyDir. */
  readonly scratchPaths?: readonly string[];
  /** A PersistentVolumeClaim of `storageGiB` mounted at `mountPath`; only with one replica (ReadWriteOnce). */
  readonly volume?: { readonly mountPath: string; readonly storageGiB: number };
  /** Readiness and liveness check against `port`; `tcp` and `http` need a port. */
  readonly probe?: WorkloadProbe;
  /** The app binds a port below 1024 as non-root (Apache on 80). */
  readonly bindsPrivilegedPort?: boolean;
}

/** What a catalogue template renders for one instance; plain data with no Kubernetes types. */
export interface InstanceWorkload {
  readonly components: readonly WorkloadComponent[];
  /** Public HTTPS entry to a component's port; absent for internal-only services such as a database. */
  readonly ingress?: {
    readonly component: string;
    /** Hosts besides the platform hostname, e.g. the tenant's own domain. */
    readonly extraHosts?: readonly string[];
  };
}

export interface InstanceManifestInput {
  readonly tenantSlug: string;
  readonly spaceSlug: string;
  /** The space's namespace. */
  readonly namespace: string;
  /** The `nprod.io/instance` label value: deletion selects by it. */
  readonly instanceId: string;
  /** Prefix of every object name (validated like a slug). */
  readonly instanceSlug: string;
  /** Written to every object as the `nprod.io/order-id` annotation. */
  readonly orderId: string;
  readonly workload: InstanceWorkload;
  /**
   * Secret values, generated once outside this function and kept: a new password on every
   * reconcile would lock the app out of its own data. No Secret is built when empty.
   */
  readonly credentials: Readonly<Record<string, string>>;
  /** DNS suffix of platform hostnames, e.g. `apps.gov.kz`; without it only `extraHosts` get an Ingress. */
  readonly hostnameSuffix?: string;
  /** StorageClass of PVCs; the cluster default when absent. */
  readonly storageClass?: string;
  /** cert-manager ClusterIssuer for the Ingress certificate; no annotation when absent (the controller's default certificate). */
  readonly tlsClusterIssuer?: string;
  /** IngressClass; the cluster default when absent. */
  readonly ingressClassName?: string;
}

/**
 * client-node model objects: send them through its KubernetesObjectApi (or `dumpYaml`),
 * which serializes them to the API's field names.
 */
export type InstanceManifest = V1Secret | V1PersistentVolumeClaim | V1Service | V1Deployment | V1StatefulSet | V1Ingress;

const DNS_1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const COMPONENT_NAME = /^[a-z]([-a-z0-9]{0,10}[a-z0-9])?$/;
const LABEL_VALUE = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const MAX_HOST_LABEL = 63;

function fail(message: string): never {
  throw new RangeError(message);
}

function isDnsSubdomain(host: string): boolean {
  return host.length <= 253 && host.split('.').every((label) => label.length <= MAX_HOST_LABEL && DNS_1123_LABEL.test(label));
}

// FNV-1a, 32 bit: a short, stable suffix for names cut to fit a DNS label.
function shortHash(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The platform hostname of an instance: `<instance>--<space>--<tenant>.<suffix>`, one DNS
 * label so a single wildcard certificate and DNS record cover every instance. Labels over 63
 * characters are cut and end in a hash of the full label, so they stay unique and stable.
 */
export function instanceHostname(instanceSlug: string, spaceSlug: string, tenantSlug: string, hostnameSuffix: string): string {
  const full = `${instanceSlug}--${spaceSlug}--${tenantSlug}`;
  const label = full.length <= MAX_HOST_LABEL ? full : `${full.slice(0, MAX_HOST_LABEL - 9).replace(/-+$/, '')}-${shortHash(full)}`;
  const host = `${label}.${hostnameSuffix}`;
  if (!isDnsSubdomain(host)) fail(`hostnameSuffix "${hostnameSuffix}" does not make a valid hostname (${host})`);
  return host;
}

function validateInput(input: InstanceManifestInput): void {
  for (const [field, slug] of [
    ['tenantSlug', input.tenantSlug],
    ['spaceSlug', input.spaceSlug],
    ['instanceSlug', input.instanceSlug],
  ] as const) {
    const result = validateSlug(slug);
    if (!result.ok) fail(`${field}: ${result.message}`);
  }
  if (input.namespace.length > 63 || !DNS_1123_LABEL.test(input.namespace)) fail(`namespace "${input.namespace}" is not a valid namespace name`);
  if (!LABEL_VALUE.test(input.instanceId)) fail(`instanceId "${input.instanceId}" is not a valid label value`);
  if (input.storageClass !== undefined && !isDnsSubdomain(input.storageClass)) fail(`storageClass "${input.storageClass}" is not a valid StorageClass name`);
  for (const key of Object.keys(input.credentials)) if (!SECRET_KEY.test(key)) fail(`credentials key "${key}" is not a valid Secret key`);
  const { components, ingress } = input.workload;
  if (components.length === 0) fail('the workload has no components');
  const names = new Set<string>();
  for (const component of components) {
    const where = `component "${component.name}"`;
    if (!COMPONENT_NAME.test(component.name)) fail(`${where}: name must be 1-12 characters a-z, 0-9 and '-', starting with a letter`);
    if (names.has(component.name)) fail(`${where} appears twice`);
    names.add(component.name);
    if (!component.image.trim() || /\s/.test(component.image)) fail(`${where}: image "${component.image}" is not an image reference`);
    if (!Number.isSafeInteger(component.replicas) || component.replicas < 0) fail(`${where}: replicas must be a whole number of 0 or more`);
    if (component.volume && component.replicas > 1) fail(`${where}: a component with a volume runs one replica (ReadWriteOnce), got ${component.replicas}`);
    for (const [field, amount] of Object.entries(component.resources)) {
      if (!Number.isSafeInteger(amount) || amount < 1) fail(`${where}: ${field} must be a positive whole number, got ${amount}`);
    }
    if (component.volume && (!Number.isSafeInteger(component.volume.storageGiB) || component.volume.storageGiB < 1)) {
      fail(`${where}: volume storageGiB must be a positive whole number, got ${component.volume.storageGiB}`);
    }
    for (const id of [component.runAsUser, component.runAsGroup ?? 1, component.fsGroup ?? 1]) {
      if (!Number.isSafeInteger(id) || id < 1) fail(`${where}: runs as root or an invalid id (${id}); the restricted profile needs a non-root user`);
    }
    if (component.port) {
      const { name, containerPort } = component.port;
      if (!/^[a-z]([-a-z0-9]{0,13}[a-z0-9])?$/.test(name)) fail(`${where}: port name "${name}" is not a valid port name`);
      if (!Number.isSafeInteger(containerPort) || containerPort < 1 || containerPort > 65535) fail(`${where}: port ${containerPort} is out of range 1-65535`);
    }
    if (component.probe && component.probe.type !== 'exec' && !component.port) fail(`${where}: a ${component.probe.type} probe needs a port`);
    for (const name of [...Object.keys(component.env ?? {}), ...Object.keys(component.secretEnv ?? {})]) {
      if (!ENV_NAME.test(name)) fail(`${where}: "${name}" is not a valid environment variable name`);
    }
    for (const key of Object.values(component.secretEnv ?? {})) {
      if (!(key in input.credentials)) fail(`${where}: secretEnv refers to credentials key "${key}", which is not given`);
    }
    for (const path of [...(component.scratchPaths ?? []), ...(component.volume ? [component.volume.mountPath] : [])]) {
      if (!path.startsWith('/')) fail(`${where}: mount path "${path}" is not absolute`);
    }
  }
  if (ingress) {
    const target = components.find((component) => component.name === ingress.component);
    if (!target?.port) fail(`ingress: component "${ingress.component}" does not exist or has no port`);
    for (const host of ingress.extraHosts ?? []) if (!isDnsSubdomain(host)) fail(`ingress: "${host}" is not a valid hostname`);
  }
}

function probeOf(probe: WorkloadProbe, portName: string | undefined, liveness: boolean): V1Probe {
  const timing = liveness ? { initialDelaySeconds: 30, periodSeconds: 20, failureThreshold: 6 } : { initialDelaySeconds: 5, periodSeconds: 10, failureThreshold: 3 };
  switch (probe.type) {
    case 'tcp':
      return { tcpSocket: { port: portName as string }, ...timing };
    case 'http':
      return { httpGet: { path: probe.path, port: portName as string }, ...timing };
    case 'exec':
      return { exec: { command: [...probe.command] }, ...timing };
  }
}

/**
 * Desired state of one catalogue instance, in apply order: credentials Secret, PVCs,
 * Services, Deployments/StatefulSets, then the Ingress. Every object carries the tenant,
 * space, instance and managed-by labels and the order id; every pod passes the `restricted`
 * Pod Security profile. Pure: the same input always gives the same objects.
 * Throws a RangeError naming what is wrong with an invalid input.
 */
export function buildInstanceManifests(input: InstanceManifestInput): InstanceManifest[] {
  validateInput(input);
  const { instanceSlug, namespace, workload } = input;
  const baseLabels = {
    [LABEL_TENANT]: input.tenantSlug,
    [LABEL_SPACE]: input.spaceSlug,
    [LABEL_INSTANCE]: input.instanceId,
    [LABEL_MANAGED_BY]: MANAGED_BY_VALUE,
    [LABEL_APP_INSTANCE]: instanceSlug,
  };
  const metadata = (name: string, component?: string, annotations: Record<string, string> = {}): V1ObjectMeta => ({
    name,
    namespace,
    labels: component ? { ...baseLabels, [LABEL_APP_COMPONENT]: component } : { ...baseLabels },
    annotations: { [ANNOTATION_ORDER]: input.orderId, ...annotations },
  });
  const objectName = (component: string) => `${instanceSlug}-${component}`;
  const secretName = `${instanceSlug}-credentials`;
  const claimName = (component: string) => `${objectName(component)}-data`;
  const selector = (component: string) => ({ [LABEL_INSTANCE]: input.instanceId, [LABEL_APP_COMPONENT]: component });

  const secrets: V1Secret[] = [];
  const credentialKeys = Object.keys(input.credentials).sort();
  if (credentialKeys.length > 0) {
    secrets.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: metadata(secretName),
      type: 'Opaque',
      // `data`, not `stringData`: stringData is write-only and never matches on a re-apply.
      data: Object.fromEntries(credentialKeys.map((key) => [key, Buffer.from(input.credentials[key], 'utf8').toString('base64')])),
    });
  }

  const claims: V1PersistentVolumeClaim[] = workload.components.flatMap((component) =>
    component.volume
      ? [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: metadata(claimName(component.name), component.name),
            spec: {
              accessModes: ['ReadWriteOnce'],
              ...(input.storageClass ? { storageClassName: input.storageClass } : {}),
              resources: { requests: { storage: formatStorage(component.volume.storageGiB) } },
            },
          },
        ]
      : [],
  );

  const services: V1Service[] = workload.components.flatMap((component) =>
    component.port
      ? [
          {
            apiVersion: 'v1',
            kind: 'Service',
            metadata: metadata(objectName(component.name), component.name),
            spec: {
              type: 'ClusterIP',
              selector: selector(component.name),
              ports: [{ name: component.port.name, port: component.port.containerPort, targetPort: component.port.name, protocol: 'TCP' }],
            },
          },
        ]
      : [],
  );

  const workloads = workload.components.map((component): V1Deployment | V1StatefulSet => {
    const template = podTemplate(component, { labels: { ...baseLabels, [LABEL_APP_COMPONENT]: component.name }, secretName, claimName: claimName(component.name) });
    const common = { replicas: component.replicas, revisionHistoryLimit: 3, selector: { matchLabels: selector(component.name) }, template };
    if (component.kind === 'StatefulSet') {
      return { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: metadata(objectName(component.name), component.name), spec: { ...common, serviceName: objectName(component.name) } };
    }
    return {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(objectName(component.name), component.name),
      // A ReadWriteOnce volume cannot be mounted by the old and the new pod at once.
      spec: { ...common, strategy: { type: component.volume ? 'Recreate' : 'RollingUpdate' } },
    };
  });

  const ingresses: V1Ingress[] = [];
  if (workload.ingress) {
    const platformHosts = input.hostnameSuffix ? [instanceHostname(instanceSlug, input.spaceSlug, input.tenantSlug, input.hostnameSuffix)] : [];
    const hosts = [...new Set([...platformHosts, ...(workload.ingress.extraHosts ?? [])])];
    const target = workload.components.find((component) => component.name === workload.ingress?.component);
    if (hosts.length > 0 && target?.port) {
      const backend = { service: { name: objectName(target.name), port: { name: target.port.name } } };
      ingresses.push({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: metadata(instanceSlug, target.name, input.tlsClusterIssuer ? { [ANNOTATION_CLUSTER_ISSUER]: input.tlsClusterIssuer } : {}),
        spec: {
          ...(input.ingressClassName ? { ingressClassName: input.ingressClassName } : {}),
          tls: [{ hosts, secretName: `${instanceSlug}-tls` }],
          rules: hosts.map((host) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend }] } })),
        },
      });
    }
  }

  return [...secrets, ...claims, ...services, ...workloads, ...ingresses];
}

function podTemplate(component: WorkloadComponent, refs: { labels: Record<string, string>; secretName: string; claimName: string }): V1PodTemplateSpec {
  const runAsGroup = component.runAsGroup ?? component.runAsUser;
  const volumes: V1Volume[] = [];
  const mounts: V1VolumeMount[] = [];
  (component.scratchPaths ?? []).forEach((path, index) => {
    volumes.push({ name: `scratch-${index}`, emptyDir: {} });
    mounts.push({ name: `scratch-${index}`, mountPath: path });
  });
  if (component.volume) {
    volumes.push({ name: 'data', persistentVolumeClaim: { claimName: refs.claimName } });
    mounts.push({ name: 'data', mountPath: component.volume.mountPath });
  }
  const env: V1EnvVar[] = [
    ...Object.entries(component.secretEnv ?? {}).map(([name, key]) => ({ name, valueFrom: { secretKeyRef: { name: refs.secretName, key } } })),
    ...Object.entries(component.env ?? {}).map(([name, value]) => ({ name, value })),
  ];
  const amounts = { cpu: formatCpu(component.resources.cpuMillicores), memory: formatMemory(component.resources.memoryMiB) };
  const container: V1Container = {
    name: component.name,
    image: component.image,
    imagePullPolicy: 'IfNotPresent',
    ...(component.command ? { command: [...component.command] } : {}),
    ...(component.args ? { args: [...component.args] } : {}),
    ...(component.port ? { ports: [{ name: component.port.name, containerPort: component.port.containerPort, protocol: 'TCP' }] } : {}),
    ...(env.length > 0 ? { env } : {}),
    resources: { requests: { ...amounts }, limits: { ...amounts } },
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: component.readOnlyRootFilesystem,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
    ...(mounts.length > 0 ? { volumeMounts: mounts } : {}),
    ...(component.probe
      ? { readinessProbe: probeOf(component.probe, component.port?.name, false), livenessProbe: probeOf(component.probe, component.port?.name, true) }
      : {}),
  };
  const spec: V1PodSpec = {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: {
      runAsNonRoot: true,
      runAsUser: component.runAsUser,
      runAsGroup,
      fsGroup: component.fsGroup ?? runAsGroup,
      fsGroupChangePolicy: 'OnRootMismatch',
      seccompProfile: { type: 'RuntimeDefault' },
      ...(component.bindsPrivilegedPort ? { sysctls: [{ name: UNPRIVILEGED_PORT_SYSCTL, value: '0' }] } : {}),
    },
    containers: [container],
    ...(volumes.length > 0 ? { volumes } : {}),
  };
  return { metadata: { labels: refs.labels }, spec };
}
