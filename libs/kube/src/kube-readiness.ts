import type { KubernetesObject } from '@kubernetes/client-node';

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function numberField(value: unknown, key: string): number | undefined {
  const found = field(value, key);
  return typeof found === 'number' ? found : undefined;
}

/** The controller has seen the latest spec: status describes this generation, not an older one. */
function observedLatest(object: KubernetesObject): boolean {
  const generation = object.metadata?.generation ?? 0;
  return (numberField(field(object, 'status'), 'observedGeneration') ?? 0) >= generation;
}

/**
 * Whether a live object is ready for use: Namespace Active, Deployment available with all replicas
 * updated, StatefulSet with all replicas ready, PVC Bound, ResourceQuota enforcing its spec (the
 * quota controller copied every hard limit into status, so a resize is in force). Other kinds are
 * ready once they exist.
 * Note: on a real cluster a PVC whose StorageClass binds on first consumer stays Pending until a pod uses it.
 */
export function isKubeObjectReady(object: KubernetesObject): boolean {
  const status = field(object, 'status');
  const spec = field(object, 'spec');
  const desiredReplicas = numberField(spec, 'replicas') ?? 1;
  switch (object.kind) {
    case 'Namespace':
      return field(status, 'phase') === 'Active';
    case 'Deployment': {
      const conditions = field(status, 'conditions');
      const available = Array.isArray(conditions) && conditions.some((condition) => field(condition, 'type') === 'Available' && field(condition, 'status') === 'True');
      return (
        observedLatest(object) &&
        available &&
        (numberField(status, 'updatedReplicas') ?? 0) >= desiredReplicas &&
        (numberField(status, 'availableReplicas') ?? 0) >= desiredReplicas
      );
    }
    case 'StatefulSet':
      return observedLatest(object) && (numberField(status, 'readyReplicas') ?? 0) >= desiredReplicas;
    case 'PersistentVolumeClaim':
      return field(status, 'phase') === 'Bound';
    case 'ResourceQuota': {
      const wanted = field(spec, 'hard');
      const enforced = field(status, 'hard');
      return typeof wanted === 'object' && wanted !== null && Object.entries(wanted).every(([name, amount]) => field(enforced, name) === amount);
    }
    default:
      return true;
  }
}

/** `Kind namespace/name`, for messages. */
export function describeKubeObject(object: KubernetesObject): string {
  const namespace = object.metadata?.namespace;
  return `${object.kind ?? 'object'} ${namespace ? `${namespace}/` : ''}${object.metadata?.name ?? '(unnamed)'}`;
}
