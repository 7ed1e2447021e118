import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cloneJson, isJsonObject, type JsonObject } from './json-value';
import { RESOURCES, type ResourceDefinition } from './resource-registry';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoreEvent {
  type: WatchEventType;
  definition: ResourceDefinition;
  object: JsonObject;
}

interface StoredEntry {
  definition: ResourceDefinition;
  namespace: string;
  name: string;
  object: JsonObject;
}

interface PersistedState {
  resourceVersion: number;
  objects: Array<{ group: string; plural: string; object: JsonObject }>;
}

/** The emulator's etcd: objects by resource, namespace and name, with one global resourceVersion counter. */
export class ObjectStore {
  private readonly entries = new Map<string, StoredEntry>();
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  private resourceVersion = 0;
  private saveTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly persistFile?: string,
    private readonly saveDebounceMs = 50,
  ) {
    if (persistFile && existsSync(persistFile)) this.load(persistFile);
  }

  private static key(definition: ResourceDefinition, namespace: string, name: string): string {
    return `${definition.group}/${definition.plural}/${namespace}/${name}`;
  }

  get currentResourceVersion(): string {
    return String(this.resourceVersion);
  }

  /** Reserves the next resourceVersion; every stored change takes one, as etcd's revision does. */
  nextResourceVersion(): string {
    this.resourceVersion += 1;
    return String(this.resourceVersion);
  }

  get(definition: ResourceDefinition, namespace: string, name: string): JsonObject | undefined {
    const entry = this.entries.get(ObjectStore.key(definition, namespace, name));
    return entry ? cloneJson(entry.object) : undefined;
  }

  /** Objects of one resource, in one namespace or all, sorted like etcd keys (namespace, then name). */
  list(definition: ResourceDefinition, namespace?: string): JsonObject[] {
    return [...this.entries.values()]
      .filter((entry) => entry.definition === definition && (namespace === undefined || entry.namespace === namespace))
      .sort((left, right) => (left.namespace === right.namespace ? compare(left.name, right.name) : compare(left.namespace, right.namespace)))
      .map((entry) => cloneJson(entry.object));
  }

  /** Every object of every resource in a namespace (for namespace termination). */
  listNamespaceContent(namespace: string): Array<{ definition: ResourceDefinition; object: JsonObject }> {
    return [...this.entries.values()].filter((entry) => entry.definition.namespaced && entry.namespace === namespace).map((entry) => ({ definition: entry.definition, object: cloneJson(entry.object) }));
  }

  all(): Array<{ definition: ResourceDefinition; object: JsonObject }> {
    return [...this.entries.values()].map((entry) => ({ definition: entry.definition, object: cloneJson(entry.object) }));
  }

  put(definition: ResourceDefinition, namespace: string, name: string, object: JsonObject): void {
    const key = ObjectStore.key(definition, namespace, name);
    const type: WatchEventType = this.entries.has(key) ? 'MODIFIED' : 'ADDED';
    this.entries.set(key, { definition, namespace, name, object: cloneJson(object) });
    this.changed({ type, definition, object });
  }

  remove(definition: ResourceDefinition, namespace: string, name: string): JsonObject | undefined {
    const key = ObjectStore.key(definition, namespace, name);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    const deleted = cloneJson(entry.object);
    // A deletion is a change too: watchers see the object at a fresh resourceVersion.
    const metadata = isJsonObject(deleted.metadata) ? deleted.metadata : (deleted.metadata = {});
    metadata.resourceVersion = this.nextResourceVersion();
    this.changed({ type: 'DELETED', definition, object: deleted });
    return deleted;
  }

  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(event: StoreEvent): void {
    for (const listener of this.listeners) listener({ ...event, object: cloneJson(event.object) });
    this.scheduleSave();
  }

  private scheduleSave(): void {
    if (!this.persistFile || this.saveTimer) return;
    this.saveTimer = setTimeout(() => this.flush(), this.saveDebounceMs);
  }

  /** Writes pending changes now (stop() calls this so nothing debounced is lost). */
  flush(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = undefined;
    if (!this.persistFile) return;
    const state: PersistedState = {
      resourceVersion: this.resourceVersion,
      objects: [...this.entries.values()].map((entry) => ({ group: entry.definition.group, plural: entry.definition.plural, object: entry.object })),
    };
    // Write then rename so a crash mid-write never leaves a truncated store behind.
    const temporary = `${this.persistFile}.tmp`;
    writeFileSync(temporary, JSON.stringify(state));
    renameSync(temporary, this.persistFile);
  }

  private load(file: string): void {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isJsonObject(parsed) || typeof parsed.resourceVersion !== 'number' || !Array.isArray(parsed.objects)) {
      throw new Error(`${file} is not a kube emulator store`);
    }
    this.resourceVersion = parsed.resourceVersion;
    for (const item of parsed.objects) {
      if (!isJsonObject(item) || !isJsonObject(item.object)) continue;
      const definition = RESOURCES.find((candidate) => candidate.group === item.group && candidate.plural === item.plural);
      const metadata = item.object.metadata;
      if (!definition || !isJsonObject(metadata) || typeof metadata.name !== 'string') continue;
      const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : '';
      this.entries.set(ObjectStore.key(definition, namespace, metadata.name), { definition, namespace, name: metadata.name, object: item.object });
    }
  }
}

function compare(left: string, right: string): number {
  return left < right ? -1 : left > right ? 1 : 0;
}
