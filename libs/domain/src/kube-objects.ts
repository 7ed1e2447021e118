/** What the worker last saw of one Kubernetes object it manages. */
export enum KubeObjectState {
  /** Exists and is usable (replicas available, volume bound, or a kind that is ready once it exists). */
  Ready = 'READY',
  /** Exists but is not usable yet: replicas starting, a volume waiting to bind, a namespace terminating. */
  Progressing = 'PROGRESSING',
  /** Should exist but was not found. */
  Missing = 'MISSING',
  /** Its controller gave up (a rollout past its deadline, a lost volume). */
  Failed = 'FAILED',
}

/**
 * What a message says, as a code and its values, so the console can say it in the user's
 * language; `message` stays the English rendering (logs, API clients, older consoles).
 * Free text from Kubernetes (a condition's reason) travels as a value, untranslated.
 */
export enum KubeObjectDetailCode {
  ScaledToZero = 'scaled_to_zero',
  ReplicasAvailable = 'replicas_available',
  ReplicasReady = 'replicas_ready',
  ReplicasFailing = 'replicas_failing',
  VolumeBound = 'volume_bound',
  VolumeWaiting = 'volume_waiting',
  VolumeLost = 'volume_lost',
  NamespaceActive = 'namespace_active',
  NamespacePhase = 'namespace_phase',
  Service = 'service',
  ServiceNoPorts = 'service_no_ports',
  IngressHosts = 'ingress_hosts',
  IngressNoHost = 'ingress_no_host',
  SecretKeys = 'secret_keys',
  QuotaUsage = 'quota_usage',
  QuotaNoLimits = 'quota_no_limits',
  RoleBinding = 'role_binding',
  ContainerDefaults = 'container_defaults',
  NoContainerDefaults = 'no_container_defaults',
  PolicyTypes = 'policy_types',
  Exists = 'exists',
  NotFound = 'not_found',
}

/** A count is `smart_count`, the name the console's translations pluralise by. */
export interface KubeObjectDetail {
  code: KubeObjectDetailCode;
  params: Record<string, string | number>;
}

/** One managed object as observed by the worker (stored per instance and per space). */
export interface KubeObjectObservation {
  kind: string;
  name: string;
  /** Null for cluster-scoped objects (the Namespace). */
  namespace: string | null;
  state: KubeObjectState;
  /** Short and specific, e.g. "2/2 replicas available", "Bound, 10Gi", "host shop.apps.example.kz". */
  message: string;
  /** The message as a code and values; absent on observations stored before codes existed. */
  detail?: KubeObjectDetail;
  /** When the worker first saw the object in this state and message; later passes that see the same leave it. */
  observedAt: string;
}

/** Key order aside: PostgreSQL's jsonb gives the params back in its own order. */
const sameDetail = (a: KubeObjectDetail | undefined, b: KubeObjectDetail | undefined): boolean => {
  if (!a || !b) return a === b;
  const keys = Object.keys(a.params);
  return a.code === b.code && keys.length === Object.keys(b.params).length && keys.every((key) => a.params[key] === b.params[key]);
};

const sameObject = (a: Pick<KubeObjectObservation, 'kind' | 'name' | 'namespace'>, b: Pick<KubeObjectObservation, 'kind' | 'name' | 'namespace'>) =>
  a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;

/**
 * The list to store after a pass observed `current`, or undefined when nothing changed (so
 * the periodic reconcile writes nothing for objects that stay as they were). An object whose
 * state and message are unchanged keeps its observedAt (taking a new detail, which says the
 * same thing, when an older record lacks it); a changed or new one gets `now`.
 */
export function mergeKubeObservations(
  previous: readonly KubeObjectObservation[],
  current: ReadonlyArray<Omit<KubeObjectObservation, 'observedAt'>>,
  now: Date,
): KubeObjectObservation[] | undefined {
  let changed = previous.length !== current.length;
  const next = current.map((object, index) => {
    const before = previous.find((candidate) => sameObject(candidate, object));
    if (before && before.state === object.state && before.message === object.message) {
      if (!sameDetail(before.detail, object.detail)) {
        changed = true;
        return { ...object, observedAt: before.observedAt };
      }
      if (previous[index] !== before) changed = true;
      return before;
    }
    changed = true;
    return { ...object, observedAt: now.toISOString() };
  });
  return changed ? next : undefined;
}
