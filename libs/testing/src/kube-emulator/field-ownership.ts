import { cloneJson, isJsonObject, jsonEqual, type JsonObject, type JsonValue } from './json-value';
import { KubeStatusError } from './kube-status';

/**
 * Field ownership for server-side apply, tracked in `metadata.managedFields` like the real server.
 *
 * Simplification (documented in the README of this folder): a field is a leaf of the JSON object —
 * a scalar, an empty object, or a whole array. Lists are atomic (the real server merges lists such as
 * `containers` by key), and ownership is by exact path, without the `.` entries of real FieldsV1.
 */
export type FieldPath = readonly string[];

export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  fieldsType: 'FieldsV1';
  fieldsV1: JsonObject;
}

/** Metadata the server owns; never part of anybody's field set. */
const SYSTEM_METADATA = new Set(['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'managedFields', 'selfLink']);

const pathKey = (path: FieldPath): string => JSON.stringify(path);

/** The leaves of an object a manager can own; `status` is left out for resources with a status subresource. */
export function ownedLeafPaths(object: JsonObject, ignoreStatus: boolean): FieldPath[] {
  const paths: FieldPath[] = [];
  const walk = (value: JsonValue, path: string[]): void => {
    if (isJsonObject(value) && Object.keys(value).length > 0) {
      for (const [key, child] of Object.entries(value)) walk(child, [...path, key]);
    } else {
      paths.push(path);
    }
  };
  for (const [key, value] of Object.entries(object)) {
    if (key === 'apiVersion' || key === 'kind' || (key === 'status' && ignoreStatus)) continue;
    if (key === 'metadata' && isJsonObject(value)) {
      for (const [metadataKey, metadataValue] of Object.entries(value)) {
        if (!SYSTEM_METADATA.has(metadataKey)) walk(metadataValue, ['metadata', metadataKey]);
      }
      continue;
    }
    walk(value, [key]);
  }
  return paths;
}

export function valueAtPath(object: JsonValue, path: FieldPath): JsonValue | undefined {
  let current: JsonValue | undefined = object;
  for (const segment of path) {
    if (!isJsonObject(current)) return undefined;
    current = current[segment];
  }
  return current;
}

/** Deletes a field and then the maps it leaves empty, keeping top-level fields such as `spec`. */
function deleteAtPath(object: JsonObject, path: FieldPath): void {
  const parents: JsonObject[] = [object];
  for (const segment of path.slice(0, -1)) {
    const next = parents[parents.length - 1][segment];
    if (!isJsonObject(next)) return;
    parents.push(next);
  }
  delete parents[parents.length - 1][path[path.length - 1]];
  for (let depth = parents.length - 1; depth >= 2; depth -= 1) {
    if (Object.keys(parents[depth]).length > 0) break;
    delete parents[depth - 1][path[depth - 1]];
  }
}

/** Merges an applied configuration into an object: maps merge recursively, scalars and lists replace. */
function mergeInto(target: JsonObject, applied: JsonObject): void {
  for (const [key, value] of Object.entries(applied)) {
    const existing = target[key];
    if (isJsonObject(existing) && isJsonObject(value) && Object.keys(value).length > 0) mergeInto(existing, value);
    else target[key] = cloneJson(value);
  }
}

export function fieldsV1FromPaths(paths: readonly FieldPath[]): JsonObject {
  const root: JsonObject = {};
  for (const path of paths) {
    let node = root;
    for (const segment of path) {
      const key = `f:${segment}`;
      const child = node[key];
      node = isJsonObject(child) ? child : (node[key] = {});
    }
  }
  return root;
}

export function pathsFromFieldsV1(fields: JsonObject): FieldPath[] {
  const paths: FieldPath[] = [];
  const walk = (node: JsonObject, path: string[]): void => {
    const children = Object.entries(node).filter(([key]) => key.startsWith('f:'));
    if (children.length === 0 && path.length > 0) paths.push(path);
    for (const [key, child] of children) if (isJsonObject(child)) walk(child, [...path, key.slice(2)]);
  };
  walk(fields, []);
  return paths;
}

export function readManagedFields(object: JsonObject | undefined): ManagedFieldsEntry[] {
  const metadata = object?.metadata;
  if (!isJsonObject(metadata) || !Array.isArray(metadata.managedFields)) return [];
  return metadata.managedFields.flatMap((entry): ManagedFieldsEntry[] => {
    if (!isJsonObject(entry) || typeof entry.manager !== 'string' || !isJsonObject(entry.fieldsV1)) return [];
    return [
      {
        manager: entry.manager,
        operation: entry.operation === 'Apply' ? 'Apply' : 'Update',
        apiVersion: typeof entry.apiVersion === 'string' ? entry.apiVersion : '',
        time: typeof entry.time === 'string' ? entry.time : '',
        fieldsType: 'FieldsV1',
        fieldsV1: entry.fieldsV1,
      },
    ];
  });
}

interface OwnershipSet {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  paths: Map<string, FieldPath>;
  changed: boolean;
}

function toOwnershipSets(entries: readonly ManagedFieldsEntry[]): OwnershipSet[] {
  return entries.map((entry) => ({
    manager: entry.manager,
    operation: entry.operation,
    apiVersion: entry.apiVersion,
    time: entry.time,
    paths: new Map(pathsFromFieldsV1(entry.fieldsV1).map((path) => [pathKey(path), path])),
    changed: false,
  }));
}

/** Finds or creates the set of one manager and operation; a write by that manager refreshes its timestamp. */
function ownershipOf(sets: OwnershipSet[], manager: string, operation: 'Apply' | 'Update', apiVersion: string): OwnershipSet {
  const existing = sets.find((set) => set.manager === manager && set.operation === operation);
  if (existing) return existing;
  const created: OwnershipSet = { manager, operation, apiVersion, time: '', paths: new Map(), changed: true };
  sets.push(created);
  return created;
}

/** Writes the sets back, dropping fields that no longer exist and managers that own nothing. */
function writeManagedFields(object: JsonObject, sets: OwnershipSet[], now: string): void {
  const entries: JsonValue[] = [];
  for (const set of sets) {
    for (const [key, path] of set.paths) {
      if (valueAtPath(object, path) === undefined) {
        set.paths.delete(key);
        set.changed = true;
      }
    }
    if (set.paths.size === 0) continue;
    entries.push({
      manager: set.manager,
      operation: set.operation,
      apiVersion: set.apiVersion,
      time: set.changed || set.time === '' ? now : set.time,
      fieldsType: 'FieldsV1',
      fieldsV1: fieldsV1FromPaths([...set.paths.values()]),
    });
  }
  const metadata = isJsonObject(object.metadata) ? object.metadata : (object.metadata = {});
  if (entries.length > 0) metadata.managedFields = entries;
  else delete metadata.managedFields;
}

export interface ApplyRequest {
  live: JsonObject | undefined;
  applied: JsonObject;
  manager: string;
  force: boolean;
  apiVersion: string;
  ignoreStatus: boolean;
  now: string;
}

/**
 * Server-side apply: the applied configuration becomes exactly the set of fields `manager` owns.
 * Fields it owned before and dropped now are removed unless another manager also owns them;
 * fields another manager owns with a different value are a 409 conflict unless `force`.
 */
export function serverSideApply(request: ApplyRequest): JsonObject {
  const { live, applied, manager, force, apiVersion, ignoreStatus, now } = request;
  const sets = toOwnershipSets(readManagedFields(live));
  const appliedPaths = ownedLeafPaths(applied, ignoreStatus);

  const conflicts: Array<{ manager: string; path: FieldPath }> = [];
  for (const path of appliedPaths) {
    for (const set of sets) {
      if (set.manager === manager || !set.paths.has(pathKey(path))) continue;
      if (!jsonEqual(valueAtPath(live ?? {}, path), valueAtPath(applied, path))) conflicts.push({ manager: set.manager, path });
    }
  }
  if (conflicts.length > 0 && !force) throw applyConflict(conflicts, apiVersion);
  for (const conflict of conflicts) {
    const owner = sets.find((set) => set.manager === conflict.manager && set.paths.delete(pathKey(conflict.path)));
    if (owner) owner.changed = true;
  }

  const result: JsonObject = live ? cloneJson(live) : {};
  const own = ownershipOf(sets, manager, 'Apply', apiVersion);
  const appliedKeys = new Set(appliedPaths.map(pathKey));
  for (const [key, path] of own.paths) {
    if (appliedKeys.has(key)) continue;
    const sharedWithOthers = sets.some((set) => set !== own && set.paths.has(key));
    if (!sharedWithOthers) deleteAtPath(result, path);
  }

  const appliedContent = cloneJson(applied);
  if (ignoreStatus) delete appliedContent.status;
  if (isJsonObject(appliedContent.metadata)) {
    for (const key of SYSTEM_METADATA) if (key !== 'name' && key !== 'namespace') delete appliedContent.metadata[key];
  }
  mergeInto(result, appliedContent);

  const newPaths = new Map(appliedPaths.map((path) => [pathKey(path), path]));
  if (newPaths.size !== own.paths.size || [...newPaths.keys()].some((key) => !own.paths.has(key))) own.changed = true;
  own.paths = newPaths;
  own.apiVersion = apiVersion;
  writeManagedFields(result, sets, now);
  return result;
}

function applyConflict(conflicts: ReadonlyArray<{ manager: string; path: FieldPath }>, apiVersion: string): KubeStatusError {
  const causes = conflicts.map((conflict) => ({
    reason: 'FieldManagerConflict',
    message: `conflict with "${conflict.manager}" using ${apiVersion}`,
    field: `.${conflict.path.join('.')}`,
  }));
  const plural = conflicts.length === 1 ? 'conflict' : 'conflicts';
  const lines = causes.map((cause) => `${cause.message}: ${cause.field}`).join('\n- ');
  const message = conflicts.length === 1 ? `Apply failed with 1 conflict: ${lines}` : `Apply failed with ${conflicts.length} ${plural}: \n- ${lines}`;
  return new KubeStatusError(409, 'Conflict', message, { causes });
}

export interface UpdateRequest {
  previous: JsonObject | undefined;
  next: JsonObject;
  manager: string;
  apiVersion: string;
  ignoreStatus: boolean;
  now: string;
}

/** A non-apply write (create, update, patch): the writer takes ownership of every field it changed. */
export function recordUpdate(request: UpdateRequest): JsonObject {
  const { previous, next, manager, apiVersion, ignoreStatus, now } = request;
  const sets = toOwnershipSets(readManagedFields(previous));
  const changedPaths = ownedLeafPaths(next, ignoreStatus).filter((path) => previous === undefined || !jsonEqual(valueAtPath(previous, path), valueAtPath(next, path)));
  const result = cloneJson(next);
  if (changedPaths.length > 0) {
    const own = ownershipOf(sets, manager, 'Update', apiVersion);
    own.changed = true;
    for (const path of changedPaths) {
      const key = pathKey(path);
      for (const set of sets) {
        if (set !== own && set.paths.delete(key)) set.changed = true;
      }
      own.paths.set(key, path);
    }
  }
  writeManagedFields(result, sets, now);
  return result;
}
