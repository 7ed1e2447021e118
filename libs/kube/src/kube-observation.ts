import type { KubernetesObject } from '@kubernetes/client-node';
import { KubeObjectState, type KubeObjectObservation } from '@nprod/domain';
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

function replicas(object: KubernetesObject, counted: 'availableReplicas' | 'readyReplicas', word: string): KubeObjectStatus {
  const spec = fields((object as Fields).spec);
  const status = fields((object as Fields).status);
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  if (desired === 0) return { ...identity(object), state: KubeObjectState.Ready, message: 'scaled to zero replicas' };
  const failure = object.kind === 'Deployment' ? (problem(status, 'Progressing', 'False') ?? problem(status, 'ReplicaFailure', 'True')) : undefined;
  const message = `${count(status[counted])}/${desired} replicas ${word}`;
  if (failure) return { ...identity(object), state: KubeObjectState.Failed, message: `${message}; ${failure}` };
  return { ...identity(object), state: isKubeObjectReady(object) ? KubeObjectState.Ready : KubeObjectState.Progressing, message };
}

/** What quota is used of what is allowed, for the CPU, memory and storage requests (the ones people ask about). */
function quotaUsage(object: KubernetesObject): string {
  const status = fields((object as Fields).status);
  const hard = fields(status.hard ?? fields((object as Fields).spec).hard);
  const used = fields(status.used);
  const shown = ['requests.cpu', 'requests.memory', 'requests.storage'].filter((key) => key in hard);
  return shown.length > 0 ? shown.map((key) => `${key} ${String(used[key] ?? '0')}/${String(hard[key])}`).join(', ') : 'no hard limits';
}

/**
 * A live object as a status a person can read: state and a short message. Workloads report
 * replicas, a PVC its phase, an Ingress its hosts; kinds without a status are ready once they exist.
 */
export function observeKubeObject(object: KubernetesObject): KubeObjectStatus {
  const status = fields((object as Fields).status);
  const spec = fields((object as Fields).spec);
  const ready = (message: string): KubeObjectStatus => ({ ...identity(object), state: KubeObjectState.Ready, message });
  switch (object.kind) {
    case 'Deployment':
      return replicas(object, 'availableReplicas', 'available');
    case 'StatefulSet':
      return replicas(object, 'readyReplicas', 'ready');
    case 'PersistentVolumeClaim': {
      const phase = typeof status.phase === 'string' ? status.phase : 'Pending';
      const capacity = fields(status.capacity).storage ?? fields(fields(spec.resources).requests).storage;
      const message = `${phase}${capacity ? `, ${String(capacity)}` : ''}`;
      if (phase === 'Bound') return ready(message);
      return { ...identity(object), state: phase === 'Lost' ? KubeObjectState.Failed : KubeObjectState.Progressing, message: phase === 'Lost' ? `${message}: its volume is gone` : `${message}: waiting for a volume` };
    }
    case 'Namespace':
      return isKubeObjectReady(object) ? ready('Active') : { ...identity(object), state: KubeObjectState.Progressing, message: String(status.phase ?? 'Pending') };
    case 'Service': {
      const ports = list(spec.ports).map((port) => fields(port).port).filter((port) => port !== undefined);
      return ready(`${String(spec.type ?? 'ClusterIP')} ${String(spec.clusterIP ?? '')}${ports.length ? ` port ${ports.join(', ')}` : ''}`.replace(/\s+/g, ' ').trim());
    }
    case 'Ingress': {
      const hosts = list(spec.rules).map((rule) => fields(rule).host).filter((host): host is string => typeof host === 'string');
      return ready(hosts.length > 0 ? `host ${hosts.join(', ')}` : 'no host');
    }
    case 'Secret':
      return ready(`${Object.keys(fields((object as Fields).data)).length} keys`);
    case 'ResourceQuota':
      return ready(quotaUsage(object));
    case 'RoleBinding': {
      const role = fields((object as Fields).roleRef);
      const subjects = list((object as Fields).subjects).length;
      return ready(`${String(role.kind ?? 'Role')} ${String(role.name ?? '')}, ${subjects} ${subjects === 1 ? 'subject' : 'subjects'}`);
    }
    case 'LimitRange': {
      const container = list(spec.limits).map(fields).find((limit) => limit.type === 'Container');
      const defaults = Object.entries(fields(container?.default)).map(([resource, value]) => `${resource} ${String(value)}`);
      return ready(defaults.length > 0 ? `container default ${defaults.join(', ')}` : 'no container defaults');
    }
    case 'NetworkPolicy':
      return ready(`policy types ${list(spec.policyTypes).join(', ') || 'Ingress'}`);
    default:
      return ready('exists');
  }
}

/** An object that should exist but was not found. */
export function missingKubeObject(object: KubernetesObject): KubeObjectStatus {
  return { ...identity(object), state: KubeObjectState.Missing, message: 'not found in the cluster' };
}
