import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import { systemClock, type Clock } from './clock';
import { KubeApiError, toKubeApiError } from './kube-api-error';
import type { KubeClient } from './kube-client.factory';
import { describeKubeObject, isKubeObjectReady } from './kube-readiness';

/** A resource type, as list and deleteByLabel need it. */
export interface KubeKind {
  apiVersion: string;
  kind: string;
}

export interface KubeApplyOptions {
  /** The field manager that owns what is applied (one per application, so re-applies replace, not pile up). */
  fieldManager: string;
  /** Added to every object, e.g. the order id, so the cluster's audit log leads back to the order. */
  annotations?: Record<string, string>;
}

export interface KubeApplierOptions {
  /** Attempts per API call, the first included. Default 5. */
  maxAttempts?: number;
  /** Backoff before the second attempt; doubles each time (with jitter). Default 200 ms. */
  baseDelayMs?: number;
  /** Cap on one backoff delay; a server's Retry-After is honoured even when longer. Default 10 s. */
  maxDelayMs?: number;
  clock?: Clock;
  /** Jitter source in [0, 1); injectable for deterministic tests. */
  random?: () => number;
}

/** Waiting for readiness or deletion ran out of time; `pending` names what was not there yet. */
export class KubeWaitTimeoutError extends Error {
  override readonly name = 'KubeWaitTimeoutError';

  constructor(
    message: string,
    readonly pending: readonly string[],
  ) {
    super(message);
  }
}

/** Exponential backoff with jitter: base·2^(attempt-1), capped, scaled into [50 %, 100 %] so retries spread out. */
export function backoffDelayMs(attempt: number, baseDelayMs: number, maxDelayMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxDelayMs, baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return exponential * (0.5 + random() / 2);
}

/** Fields only the server sets: sending them back would make apply fail or act as a precondition. */
function desiredState(object: KubernetesObject, annotations: Record<string, string> | undefined): KubernetesObject {
  if (!object.apiVersion || !object.kind || !object.metadata?.name) {
    throw new KubeApiError(0, 'ClientError', `cannot apply ${describeKubeObject(object)}: apiVersion, kind and metadata.name are required`, false);
  }
  const { status: _status, ...rest } = object as KubernetesObject & { status?: unknown };
  const { resourceVersion: _version, managedFields: _managed, uid: _uid, creationTimestamp: _created, generation: _generation, ...metadata } = object.metadata;
  const mergedAnnotations = annotations ? { ...metadata.annotations, ...annotations } : metadata.annotations;
  return { ...rest, metadata: { ...metadata, ...(mergedAnnotations ? { annotations: mergedAnnotations } : {}) } };
}

/** What a read or delete needs to address one object. */
interface KubeObjectReference {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string };
}

function reference(object: KubernetesObject): KubeObjectReference {
  const name = object.metadata?.name;
  if (!name) throw new KubeApiError(0, 'ClientError', `cannot address ${describeKubeObject(object)}: metadata.name is required`, false);
  return { apiVersion: object.apiVersion, kind: object.kind, metadata: { name, namespace: object.metadata?.namespace } };
}

/**
 * Applies desired state to one cluster with server-side apply and waits for it to become ready.
 * Every call goes through the client's rate limit; failures that heal (429, 409, 5xx, network) are
 * retried with backoff, honouring Retry-After; the rest fail at once as KubeApiError with the API
 * server's message.
 */
export class KubeApplier {
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly clock: Clock;
  private readonly random: () => number;

  constructor(
    private readonly client: Pick<KubeClient, 'objects'>,
    options: KubeApplierOptions = {},
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 5);
    this.baseDelayMs = options.baseDelayMs ?? 200;
    this.maxDelayMs = options.maxDelayMs ?? 10_000;
    this.clock = options.clock ?? systemClock;
    this.random = options.random ?? Math.random;
  }

  /** Server-side applies the objects in order (namespace before its content) and returns them as stored. */
  async apply(objects: readonly KubernetesObject[], options: KubeApplyOptions): Promise<KubernetesObject[]> {
    const applied: KubernetesObject[] = [];
    for (const object of objects) {
      const desired = desiredState(object, options.annotations);
      applied.push(await this.withRetry(() => this.client.objects.patch(desired, undefined, undefined, options.fieldManager, true, PatchStrategy.ServerSideApply)));
    }
    return applied;
  }

  /** The live object, or undefined when it does not exist. */
  async read(object: KubernetesObject): Promise<KubernetesObject | undefined> {
    try {
      return await this.withRetry(() => this.client.objects.read(reference(object)));
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  isReady(object: KubernetesObject): boolean {
    return isKubeObjectReady(object);
  }

  /**
   * Polls until every object exists and is ready (see isKubeObjectReady) and returns them live.
   * A poll that fails transiently counts as "not ready yet"; a permanent failure throws.
   */
  async waitForReady(objects: readonly KubernetesObject[], timeoutMs: number, pollMs = 250): Promise<KubernetesObject[]> {
    const deadline = this.clock.now() + timeoutMs;
    const ready = new Map<number, KubernetesObject>();
    for (;;) {
      for (const [index, object] of objects.entries()) {
        if (ready.has(index)) continue;
        const live = await this.pollOnce(() => this.client.objects.read(reference(object)));
        if (live && isKubeObjectReady(live)) ready.set(index, live);
      }
      if (ready.size === objects.length) return objects.map((_, index) => ready.get(index) as KubernetesObject);
      if (this.clock.now() >= deadline) {
        const pending = objects.filter((_, index) => !ready.has(index)).map(describeKubeObject);
        throw new KubeWaitTimeoutError(`not ready after ${Math.round(timeoutMs / 1000)} s: ${pending.join(', ')}`, pending);
      }
      await this.clock.sleep(Math.min(pollMs, Math.max(0, deadline - this.clock.now())));
    }
  }

  /** The objects of one kind matching the selector (in one namespace, or cluster-wide), with their apiVersion and kind set. */
  async list(namespace: string | undefined, { apiVersion, kind }: KubeKind, labelSelector: string): Promise<KubernetesObject[]> {
    const list = await this.withRetry(() => this.client.objects.list(apiVersion, kind, namespace, undefined, undefined, undefined, undefined, labelSelector));
    return list.items.map((item) => ({ ...item, apiVersion, kind }));
  }

  /** Deletes the objects; one already gone counts as done. Returns how many this call deleted. */
  async delete(objects: readonly KubernetesObject[]): Promise<number> {
    let deleted = 0;
    for (const object of objects) {
      if (await this.deleteIgnoringMissing(reference(object))) deleted += 1;
    }
    return deleted;
  }

  /** Deletes every object of the given kinds matching the selector (in one namespace, or cluster-wide); returns how many. */
  async deleteByLabel(namespace: string | undefined, kinds: readonly KubeKind[], labelSelector: string): Promise<number> {
    let deleted = 0;
    for (const kind of kinds) deleted += await this.delete(await this.list(namespace, kind, labelSelector));
    return deleted;
  }

  /** Starts deleting a namespace; a namespace already gone or already terminating is fine. */
  async deleteNamespace(name: string): Promise<void> {
    try {
      await this.deleteIgnoringMissing({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (error) {
      // 409 here means "already terminating": the deletion we asked for is under way.
      if (!(error instanceof KubeApiError && error.status === 409)) throw error;
    }
  }

  /** Polls until the namespace (and so everything in it) is gone. */
  async waitForNamespaceGone(name: string, timeoutMs: number, pollMs = 250): Promise<void> {
    const deadline = this.clock.now() + timeoutMs;
    const namespace: KubeObjectReference = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
    for (;;) {
      const live = await this.pollOnce(() => this.client.objects.read(namespace));
      if (live === null) return;
      if (this.clock.now() >= deadline) throw new KubeWaitTimeoutError(`namespace ${name} still exists after ${Math.round(timeoutMs / 1000)} s`, [`Namespace ${name}`]);
      await this.clock.sleep(Math.min(pollMs, Math.max(0, deadline - this.clock.now())));
    }
  }

  private async deleteIgnoringMissing(object: KubeObjectReference): Promise<boolean> {
    try {
      await this.withRetry(() => this.client.objects.delete(object, undefined, undefined, undefined, undefined, 'Background'));
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 404) return false;
      throw error;
    }
  }

  /** One read for a polling loop: the object, null when it does not exist, undefined when the read failed transiently. */
  private async pollOnce(read: () => Promise<KubernetesObject>): Promise<KubernetesObject | null | undefined> {
    try {
      return await read();
    } catch (error) {
      const apiError = toKubeApiError(error);
      if (apiError.status === 404) return null;
      if (apiError.retriable) return undefined;
      throw apiError;
    }
  }

  private async withRetry<T>(call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const apiError = toKubeApiError(error);
        if (!apiError.retriable || attempt >= this.maxAttempts) throw apiError;
        await this.clock.sleep(apiError.retryAfterMs ?? backoffDelayMs(attempt, this.baseDelayMs, this.maxDelayMs, this.random));
      }
    }
  }
}
