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

/** One managed object as observed by the worker (stored per instance and per space). */
export interface KubeObjectObservation {
  kind: string;
  name: string;
  /** Null for cluster-scoped objects (the Namespace). */
  namespace: string | null;
  state: KubeObjectState;
  /** Short and specific, e.g. "2/2 replicas available", "Bound, 10Gi", "host shop.apps.example.kz". */
  message: string;
  /** When the worker first saw the object in this state and message; later passes that see the same leave it. */
  observedAt: string;
}

const sameObject = (a: Pick<KubeObjectObservation, 'kind' | 'name' | 'namespace'>, b: Pick<KubeObjectObservation, 'kind' | 'name' | 'namespace'>) =>
  a.kind === b.kind && a.name === b.name && a.namespace === b.namespace;

/**
 * The list to store after a pass observed `current`, or undefined when nothing changed (so
 * the periodic reconcile writes nothing for objects that stay as they were). An object whose
 * state and message are unchanged keeps its observedAt; a changed or new one gets `now`.
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
      if (previous[index] !== before) changed = true;
      return before;
    }
    changed = true;
    return { ...object, observedAt: now.toISOString() };
  });
  return changed ? next : undefined;
}
