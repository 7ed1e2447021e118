import { cloneJson, isJsonObject, jsonEqual, objectAt, type JsonObject } from './json-value';
import type { ObjectStore } from './object-store';
import type { ResourceDefinition } from './resource-registry';
import type { TimerSet } from './timer-set';

const rfc3339 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Stand-ins for kube-controller-manager: after `readinessDelayMs` a Deployment or StatefulSet reports
 * all replicas ready and a PersistentVolumeClaim is Bound. Each status change is a write with a new
 * resourceVersion, as a real controller's status update is.
 */
export class SimulatedControllers {
  private paused = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly timers: TimerSet,
    private readonly readinessDelayMs: number,
  ) {}

  /** Called after every committed write; schedules a status update when the object is not settled. */
  observe(definition: ResourceDefinition, object: JsonObject): void {
    if (!this.handles(definition) || this.desiredStatus(definition, object) === undefined) return;
    const metadata = objectAt(object.metadata) ?? {};
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
    const name = String(metadata.name);
    this.timers.schedule(this.readinessDelayMs, () => this.reconcile(definition, namespace, name));
  }

  /** Stops reporting readiness, like a controller manager that is down; tests use it to hold objects unready. */
  pause(): void {
    this.paused = true;
  }

  /** Starts again and settles everything that changed while paused. */
  resume(): void {
    this.paused = false;
    this.resumeAll();
  }

  /** After loading a persisted store, finishes whatever was still converging when it was saved. */
  resumeAll(): void {
    for (const { definition, object } of this.store.all()) this.observe(definition, object);
  }

  private handles(definition: ResourceDefinition): boolean {
    return definition.kind === 'Deployment' || definition.kind === 'StatefulSet' || definition.kind === 'PersistentVolumeClaim';
  }

  private reconcile(definition: ResourceDefinition, namespace: string, name: string): void {
    if (this.paused) return;
    const current = this.store.get(definition, namespace, name);
    if (!current) return;
    const status = this.desiredStatus(definition, current);
    if (!status) return;
    const updated = cloneJson(current);
    updated.status = status;
    const metadata = objectAt(updated.metadata) ?? (updated.metadata = {});
    metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(definition, namespace, name, updated);
  }

  /** The status the controller would write, or undefined when the current one is already right. */
  private desiredStatus(definition: ResourceDefinition, object: JsonObject): JsonObject | undefined {
    const spec = objectAt(object.spec) ?? {};
    const metadata = objectAt(object.metadata) ?? {};
    const current = objectAt(object.status) ?? {};
    const generation = typeof metadata.generation === 'number' ? metadata.generation : 1;
    const replicas = typeof spec.replicas === 'number' ? spec.replicas : 1;
    const now = rfc3339(new Date());
    let desired: JsonObject;
    switch (definition.kind) {
      case 'Deployment': {
        desired = { observedGeneration: generation, ...replicaCounts(replicas, ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']) };
        const conditions = [
          { type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable', message: 'Deployment has minimum availability.' },
          { type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable', message: `ReplicaSet "${String(metadata.name)}" has successfully progressed.` },
        ];
        if (sameIgnoringTimes(current, { ...desired, conditions })) return undefined;
        desired.conditions = conditions.map((condition) => ({ ...condition, lastUpdateTime: now, lastTransitionTime: now }));
        return desired;
      }
      case 'StatefulSet': {
        const revision = `${String(metadata.name)}-${generation}`;
        desired = {
          observedGeneration: generation,
          ...replicaCounts(replicas, ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']),
          currentRevision: revision,
          updateRevision: revision,
          collisionCount: 0,
        };
        return sameIgnoringTimes(current, desired) ? undefined : desired;
      }
      case 'PersistentVolumeClaim': {
        const storage = objectAt(objectAt(spec.resources)?.requests)?.storage;
        desired = { phase: 'Bound', accessModes: Array.isArray(spec.accessModes) ? spec.accessModes : ['ReadWriteOnce'], capacity: typeof storage === 'string' ? { storage } : {} };
        return sameIgnoringTimes(current, desired) ? undefined : desired;
      }
      default:
        return undefined;
    }
  }
}

/** Replica counts as the real controllers serialise them: zero counts are omitted. */
function replicaCounts(replicas: number, fields: readonly string[]): JsonObject {
  return replicas > 0 ? Object.fromEntries(fields.map((field) => [field, replicas])) : {};
}

function sameIgnoringTimes(current: JsonObject, desired: JsonObject): boolean {
  const strip = (status: JsonObject): JsonObject => {
    const copy = cloneJson(status);
    if (Array.isArray(copy.conditions)) {
      copy.conditions = copy.conditions.map((condition) => {
        if (!isJsonObject(condition)) return condition;
        const { lastUpdateTime: _updated, lastTransitionTime: _transitioned, ...rest } = condition;
        return rest;
      });
    }
    return copy;
  };
  return jsonEqual(strip(current), strip(desired));
}
