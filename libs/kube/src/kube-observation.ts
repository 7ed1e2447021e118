import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeObjectDetailCode, KubeObjectState, type KubeObjectDetail, type KubeObjectObservation } from '@nprod/domain';
import { isKubeObjectReady } from './kube-readiness';

export type KubeObjectStatus = Omit<KubeObjectObservation, 'observedAt'>;

type Fields = Record<string, unknown>;

const fields = (value: unknown): Fields => (typeof value === 'object' && value !== null ? (value as Fields) : {});
const count = (value: unknown): number => (typeof value === 'number' ? value : 0);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

function identity(object: KubernetesObject): Pick<KubeObjectStatus, 'kind' | 'name' | 'namespace'> {
  return { kind: object.kind ?? 'object', name: object.metadata?.name ?? '(unnamed)', namespace: object.metadata?.namespace ?? null };
}

/** The condition of `type` that says False (or True, for conditions that report a problem), as "Reason: message". */
function problem(status: Fields, type: string, bad: 'True' | 'False'): string | undefined {
  const condition = list(status.conditions).map(fields).find((candidate) => candidate.type === type && candidate.status === bad);
  return condition ? [condition.reason, condition.message].filter((part) => typeof part === 'string' && part).join(': ') || type : undefined;
}

type Params = KubeObjectDetail['params'];

/** The English message of each detail; the console has the same sentences in its en/ru translations. */
const ENGLISH: Record<KubeObjectDetailCode, (p: Params) => string> = {
  [KubeObjectDetailCode.ScaledToZero]: () => 'scaled to zero replicas',
  [KubeObjectDetailCode.ReplicasAvailable]: (p) => `${p.ready}/${p.desired} replicas available`,
  [KubeObjectDetailCode.ReplicasReady]: (p) => `${p.ready}/${p.desired} replicas ready`,
  [KubeObjectDetailCode.ReplicasFailing]: (p) => `${p.ready}/${p.desired} replicas available; ${p.problem}`,
  [KubeObjectDetailCode.VolumeBound]: (p) => `Bound, ${p.capacity}`,
  [KubeObjectDetailCode.VolumeWaiting]: (p) => `${p.phase}, ${p.capacity}: waiting for a volume`,
  [KubeObjectDetailCode.VolumeLost]: (p) => `Lost, ${p.capacity}: its volume is gone`,
  [KubeObjectDetailCode.NamespaceActive]: () => 'Active',
  [KubeObjectDetailCode.NamespacePhase]: (p) => String(p.phase),
  [KubeObjectDetailCode.Service]: (p) => `${p.type} ${p.clusterIP} port ${p.ports}`.replace(/\s+/g, ' '),
  [KubeObjectDetailCode.ServiceNoPorts]: (p) => `${p.type} ${p.clusterIP}`.trim(),
  [KubeObjectDetailCode.IngressHosts]: (p) => `host ${p.hosts}`,
  [KubeObjectDetailCode.IngressNoHost]: () => 'no host',
  [KubeObjectDetailCode.SecretKeys]: (p) => `${p.smart_count} ${p.smart_count === 1 ? 'key' : 'keys'}`,
  [KubeObjectDetailCode.QuotaUsage]: (p) => String(p.usage),
  [KubeObjectDetailCode.QuotaNoLimits]: () => 'no hard limits',
  [KubeObjectDetailCode.RoleBinding]: (p) => `${p.roleKind} ${p.role}, ${p.smart_count} ${p.smart_count === 1 ? 'subject' : 'subjects'}`,
  [KubeObjectDetailCode.ContainerDefaults]: (p) => `container default ${p.defaults}`,
  [KubeObjectDetailCode.NoContainerDefaults]: () => 'no container defaults',
  [KubeObjectDetailCode.PolicyTypes]: (p) => `policy types ${p.types}`,
  [KubeObjectDetailCode.Exists]: () => 'exists',
  [KubeObjectDetailCode.NotFound]: () => 'not found in the cluster',
};

function status(object: KubernetesObject, state: KubeObjectState, code: KubeObjectDetailCode, params: Params = {}): KubeObjectStatus {
  return { ...identity(object), state, message: ENGLISH[code](params), detail: { code, params } };
}

function replicas(object: KubernetesObject, counted: 'availableReplicas' | 'readyReplicas'): KubeObjectStatus {
  const spec = fields((object as Fields).spec);
  const observed = fields((object as Fields).status);
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  if (desired === 0) return status(object, KubeObjectState.Ready, KubeObjectDetailCode.ScaledToZero);
  const failure = object.kind === 'Deployment' ? (problem(observed, 'Progressing', 'False') ?? problem(observed, 'ReplicaFailure', 'True')) : undefined;
  const counts = { ready: count(observed[counted]), desired };
  if (failure) return status(object, KubeObjectState.Failed, KubeObjectDetailCode.ReplicasFailing, { ...counts, problem: failure });
  const code = counted === 'availableReplicas' ? KubeObjectDetailCode.ReplicasAvailable : KubeObjectDetailCode.ReplicasReady;
  return status(object, isKubeObjectReady(object) ? KubeObjectState.Ready : KubeObjectState.Progressing, code, counts);
}

/** What quota is used of what is allowed, for the CPU, memory and storage requests (the ones people ask about). */
function quotaUsage(object: KubernetesObject): KubeObjectStatus {
  const observed = fields((object as Fields).status);
  const hard = fields(observed.hard ?? fields((object as Fields).spec).hard);
  const used = fields(observed.used);
  const shown = ['requests.cpu', 'requests.memory', 'requests.storage'].filter((key) => key in hard);
  if (shown.length === 0) return status(object, KubeObjectState.Ready, KubeObjectDetailCode.QuotaNoLimits);
  return status(object, KubeObjectState.Ready, KubeObjectDetailCode.QuotaUsage, { usage: shown.map((key) => `${key} ${String(used[key] ?? '0')}/${String(hard[key])}`).join(', ') });
}

/**
 * A live object as a status a person can read: state, a short English message and the same
 * as a detail code. Workloads report replicas, a PVC its phase, an Ingress its hosts; kinds
 * without a status are ready once they exist.
 */
export function observeKubeObject(object: KubernetesObject): KubeObjectStatus {
  const observed = fields((object as Fields).status);
  const spec = fields((object as Fields).spec);
  const ready = (code: KubeObjectDetailCode, params?: Params): KubeObjectStatus => status(object, KubeObjectState.Ready, code, params);
  switch (object.kind) {
    case 'Deployment':
      return replicas(object, 'availableReplicas');
    case 'StatefulSet':
      return replicas(object, 'readyReplicas');
    case 'PersistentVolumeClaim': {
      const phase = typeof observed.phase === 'string' ? observed.phase : 'Pending';
      const capacity = String(fields(observed.capacity).storage ?? fields(fields(spec.resources).requests).storage ?? '?');
      if (phase === 'Bound') return ready(KubeObjectDetailCode.VolumeBound, { capacity });
      if (phase === 'Lost') return status(object, KubeObjectState.Failed, KubeObjectDetailCode.VolumeLost, { capacity });
      return status(object, KubeObjectState.Progressing, KubeObjectDetailCode.VolumeWaiting, { phase, capacity });
    }
    case 'Namespace':
      return isKubeObjectReady(object)
        ? ready(KubeObjectDetailCode.NamespaceActive)
        : status(object, KubeObjectState.Progressing, KubeObjectDetailCode.NamespacePhase, { phase: String(observed.phase ?? 'Pending') });
    case 'Service': {
      const ports = list(spec.ports).map((port) => fields(port).port).filter((port) => port !== undefined);
      const address = { type: String(spec.type ?? 'ClusterIP'), clusterIP: String(spec.clusterIP ?? '') };
      return ports.length > 0 ? ready(KubeObjectDetailCode.Service, { ...address, ports: ports.join(', ') }) : ready(KubeObjectDetailCode.ServiceNoPorts, address);
    }
    case 'Ingress': {
      const hosts = list(spec.rules).map((rule) => fields(rule).host).filter((host): host is string => typeof host === 'string');
      return hosts.length > 0 ? ready(KubeObjectDetailCode.IngressHosts, { hosts: hosts.join(', ') }) : ready(KubeObjectDetailCode.IngressNoHost);
    }
    case 'Secret':
      return ready(KubeObjectDetailCode.SecretKeys, { smart_count: Object.keys(fields((object as Fields).data)).length });
    case 'ResourceQuota':
      return quotaUsage(object);
    case 'RoleBinding': {
      const role = fields((object as Fields).roleRef);
      return ready(KubeObjectDetailCode.RoleBinding, { roleKind: String(role.kind ?? 'Role'), role: String(role.name ?? ''), smart_count: list((object as Fields).subjects).length });
    }
    case 'LimitRange': {
      const container = list(spec.limits).map(fields).find((limit) => limit.type === 'Container');
      const defaults = Object.entries(fields(container?.default)).map(([resource, value]) => `${resource} ${String(value)}`);
      return defaults.length > 0 ? ready(KubeObjectDetailCode.ContainerDefaults, { defaults: defaults.join(', ') }) : ready(KubeObjectDetailCode.NoContainerDefaults);
    }
    case 'NetworkPolicy':
      return ready(KubeObjectDetailCode.PolicyTypes, { types: list(spec.policyTypes).join(', ') || 'Ingress' });
    default:
      return ready(KubeObjectDetailCode.Exists);
  }
}

/** An object that should exist but was not found. */
export function missingKubeObject(object: KubernetesObject): KubeObjectStatus {
  return status(object, KubeObjectState.Missing, KubeObjectDetailCode.NotFound);
}
