import { randomUUID } from 'node:crypto';
import { load as parseYaml } from 'js-yaml';
import { recordUpdate, serverSideApply } from './field-ownership';
import { childObject, cloneJson, isJsonObject, jsonEqual, objectAt, optionalString, type JsonObject, type JsonValue } from './json-value';
import {
  alreadyExists,
  badRequest,
  invalid,
  KubeStatusError,
  namespaceNotFound,
  namespaceTerminating,
  notFound,
  staleResourceVersion,
  successStatus,
  type StatusCause,
} from './kube-status';
import type { ObjectStore } from './object-store';
import { applyJsonPatch, applyMergePatch } from './patches';
import { findResource, groupVersionOf, nameProblems, type ResourceDefinition } from './resource-registry';
import { fieldsMatch, labelsMatch, parseFieldSelector, parseLabelSelector } from './selectors';
import { applyServerDefaults, ClusterIpAllocator, initialStatus } from './server-defaults';
import type { SimulatedControllers } from './simulated-controllers';
import type { TimerSet } from './timer-set';

export interface WriteOptions {
  /** Field manager recorded in managedFields: the fieldManager parameter, else the user agent. */
  manager: string;
  dryRun: boolean;
}

export interface ApplyOptions extends WriteOptions {
  /** Whether the fieldManager query parameter was given: apply requires it. */
  managerGiven: boolean;
  force: boolean;
}

export interface ListQuery {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continueToken?: string;
}

export interface WriteResult {
  object: JsonObject;
  created: boolean;
}

export const PATCH_CONTENT_TYPES = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
  apply: 'application/apply-patch+yaml',
} as const;

const rfc3339 = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');
const NAMESPACES = findResource('', 'v1', 'namespaces');
const GENERATE_NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

function metadataOf(object: JsonObject): JsonObject {
  return childObject(object, 'metadata');
}

function labelsOf(object: JsonObject): Record<string, string> {
  const labels = objectAt(objectAt(object.metadata)?.labels) ?? {};
  return Object.fromEntries(Object.entries(labels).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Everything but metadata and status: a change here is a spec change and bumps metadata.generation. */
function specPart(object: JsonObject): JsonObject {
  const { metadata: _metadata, status: _status, ...rest } = object;
  return rest;
}

/**
 * The API semantics of the emulator, independent of HTTP: validation, optimistic concurrency,
 * server-side apply, defaulting, namespace lifecycle. Methods throw KubeStatusError on failure.
 */
export class KubeApiModel {
  private readonly clusterIps: ClusterIpAllocator;

  constructor(
    private readonly store: ObjectStore,
    private readonly controllers: SimulatedControllers,
    private readonly timers: TimerSet,
    private readonly namespaceTerminationMs: number,
  ) {
    const services = findResource('', 'v1', 'services');
    const allocated = services ? this.store.list(services).map((service) => optionalString(objectAt(service.spec)?.clusterIP) ?? '') : [];
    this.clusterIps = new ClusterIpAllocator(allocated);
  }

  /** Resumes deletions that were in progress when a persisted store was saved. */
  resumeNamespaceTermination(): void {
    if (!NAMESPACES) return;
    for (const namespace of this.store.list(NAMESPACES)) {
      if (objectAt(namespace.metadata)?.deletionTimestamp) this.scheduleNamespaceFinalization(String(objectAt(namespace.metadata)?.name));
    }
  }

  get(definition: ResourceDefinition, namespace: string, name: string): JsonObject {
    const object = this.store.get(definition, namespace, name);
    if (!object) throw notFound(definition, name);
    return object;
  }

  list(definition: ResourceDefinition, namespace: string | undefined, query: ListQuery): JsonObject {
    const labelRequirements = query.labelSelector ? parseLabelSelector(query.labelSelector) : [];
    const fieldRequirements = query.fieldSelector ? parseFieldSelector(query.fieldSelector) : [];
    const resourceVersion = this.store.currentResourceVersion;
    let items = this.store.list(definition, namespace).filter((object) => {
      const metadata = objectAt(object.metadata) ?? {};
      return (
        labelsMatch(labelRequirements, labelsOf(object)) &&
        fieldsMatch(fieldRequirements, { name: String(metadata.name), namespace: optionalString(metadata.namespace) ?? '' })
      );
    });
    if (query.continueToken) {
      const after = decodeContinueToken(query.continueToken);
      items = items.filter((object) => itemKey(object) > after);
    }
    const listMetadata: JsonObject = { resourceVersion };
    if (query.limit !== undefined && query.limit > 0 && items.length > query.limit) {
      const remaining = items.length - query.limit;
      items = items.slice(0, query.limit);
      listMetadata.continue = Buffer.from(JSON.stringify({ after: itemKey(items[items.length - 1]) })).toString('base64url');
      listMetadata.remainingItemCount = remaining;
    }
    // Like the real server, list items carry neither kind nor apiVersion: the list's kind says it.
    const bareItems = items.map((object) => {
      const { kind: _kind, apiVersion: _apiVersion, ...rest } = object;
      return rest;
    });
    return { kind: `${definition.kind}List`, apiVersion: groupVersionOf(definition), metadata: listMetadata, items: bareItems };
  }

  create(definition: ResourceDefinition, namespace: string, body: JsonValue, options: WriteOptions): WriteResult {
    const candidate = this.requireObject(body);
    this.checkTypeMeta(definition, candidate);
    const metadata = metadataOf(candidate);
    if (typeof metadata.name !== 'string' || metadata.name === '') {
      if (typeof metadata.generateName === 'string' && metadata.generateName !== '') {
        metadata.name = metadata.generateName + Array.from({ length: 5 }, () => GENERATE_NAME_ALPHABET[Math.floor(Math.random() * GENERATE_NAME_ALPHABET.length)]).join('');
      } else {
        throw invalid(definition, '', [{ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' }]);
      }
    }
    const name = metadata.name;
    this.checkNamespaceOfBody(definition, candidate, namespace);
    this.validateName(definition, name);
    this.checkNamespaceAcceptsContent(definition, namespace, name);
    if (this.store.get(definition, namespace, name)) throw alreadyExists(definition, name);
    const owned = recordUpdate({ previous: undefined, next: candidate, manager: options.manager, apiVersion: groupVersionOf(definition), ignoreStatus: definition.hasStatus, now: rfc3339(new Date()) });
    return { object: this.commit(definition, namespace, name, undefined, owned, options.dryRun), created: true };
  }

  replace(definition: ResourceDefinition, namespace: string, name: string, body: JsonValue, options: WriteOptions): WriteResult {
    const candidate = this.requireObject(body);
    this.checkTypeMeta(definition, candidate);
    this.checkNameOfBody(candidate, name);
    this.checkNamespaceOfBody(definition, candidate, namespace);
    const existing = this.get(definition, namespace, name);
    this.checkPrecondition(definition, name, existing, candidate);
    const owned = recordUpdate({ previous: existing, next: candidate, manager: options.manager, apiVersion: groupVersionOf(definition), ignoreStatus: definition.hasStatus, now: rfc3339(new Date()) });
    return { object: this.commit(definition, namespace, name, existing, owned, options.dryRun), created: false };
  }

  patch(definition: ResourceDefinition, namespace: string, name: string, contentType: string, rawBody: string, options: WriteOptions): WriteResult {
    const existing = this.get(definition, namespace, name);
    const patchDocument = parseJsonBody(rawBody);
    let patched: JsonValue;
    switch (contentType) {
      case PATCH_CONTENT_TYPES.merge:
      case PATCH_CONTENT_TYPES.strategic:
        // Strategic merge is treated as a JSON merge patch: lists replace instead of merging by key.
        patched = applyMergePatch(existing, patchDocument);
        break;
      case PATCH_CONTENT_TYPES.json:
        patched = applyJsonPatch(existing, patchDocument);
        break;
      default:
        throw unsupportedPatchType(contentType);
    }
    const candidate = this.requireObject(patched);
    this.checkNameOfBody(candidate, name);
    this.checkTypeMeta(definition, candidate);
    this.checkPrecondition(definition, name, existing, candidate);
    const owned = recordUpdate({ previous: existing, next: candidate, manager: options.manager, apiVersion: groupVersionOf(definition), ignoreStatus: definition.hasStatus, now: rfc3339(new Date()) });
    return { object: this.commit(definition, namespace, name, existing, owned, options.dryRun), created: false };
  }

  apply(definition: ResourceDefinition, namespace: string, name: string, rawBody: string, options: ApplyOptions): WriteResult {
    if (!options.managerGiven) {
      throw new KubeStatusError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', {
        group: 'meta.k8s.io',
        kind: 'PatchOptions',
        causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }],
      });
    }
    const applied = this.requireObject(parseYamlBody(rawBody));
    // Apply needs the type in the body: the server cannot infer what the configuration is for.
    if (typeof applied.apiVersion !== 'string' || typeof applied.kind !== 'string') {
      throw badRequest('error decoding YAML: Object \'Kind\' is missing in applied configuration');
    }
    this.checkTypeMeta(definition, applied);
    this.checkNameOfBody(applied, name);
    this.checkNamespaceOfBody(definition, applied, namespace);
    metadataOf(applied).name = name;
    if (definition.namespaced) metadataOf(applied).namespace = namespace;
    const existing = this.store.get(definition, namespace, name);
    if (!existing) {
      this.validateName(definition, name);
      this.checkNamespaceAcceptsContent(definition, namespace, name);
    } else {
      this.checkPrecondition(definition, name, existing, applied);
    }
    const merged = serverSideApply({
      live: existing,
      applied,
      manager: options.manager,
      force: options.force,
      apiVersion: groupVersionOf(definition),
      ignoreStatus: definition.hasStatus,
      now: rfc3339(new Date()),
    });
    return { object: this.commit(definition, namespace, name, existing, merged, options.dryRun), created: existing === undefined };
  }

  delete(definition: ResourceDefinition, namespace: string, name: string, deleteOptions: JsonValue, dryRun: boolean): JsonObject {
    const existing = this.get(definition, namespace, name);
    const preconditions = objectAt(objectAt(deleteOptions)?.preconditions);
    const existingMetadata = metadataOf(existing);
    if (preconditions) {
      const expectedVersion = optionalString(preconditions.resourceVersion);
      const expectedUid = optionalString(preconditions.uid);
      if ((expectedVersion && expectedVersion !== existingMetadata.resourceVersion) || (expectedUid && expectedUid !== existingMetadata.uid)) {
        throw staleResourceVersion(definition, name);
      }
    }
    if (definition.kind === 'Namespace') return this.deleteNamespace(definition, name, existing, dryRun);
    if (!dryRun) this.store.remove(definition, namespace, name);
    return successStatus({ name, ...(definition.group ? { group: definition.group } : {}), kind: definition.plural, uid: optionalString(existingMetadata.uid) });
  }

  deleteCollection(definition: ResourceDefinition, namespace: string | undefined, query: ListQuery, dryRun: boolean): JsonObject {
    const matching = this.list(definition, namespace, { labelSelector: query.labelSelector, fieldSelector: query.fieldSelector });
    const items = Array.isArray(matching.items) ? matching.items : [];
    for (const item of items) {
      const metadata = objectAt(objectAt(item)?.metadata) ?? {};
      this.delete(definition, optionalString(metadata.namespace) ?? '', String(metadata.name), null, dryRun);
    }
    return successStatus({});
  }

  /** Namespace deletion is asynchronous, like the real namespace controller: Terminating first, gone later. */
  private deleteNamespace(definition: ResourceDefinition, name: string, existing: JsonObject, dryRun: boolean): JsonObject {
    const metadata = metadataOf(existing);
    if (metadata.deletionTimestamp) {
      throw new KubeStatusError(
        409,
        'Conflict',
        `Operation cannot be fulfilled on namespaces "${name}": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.`,
        { name, kind: 'namespaces' },
      );
    }
    if (dryRun) return existing;
    const terminating = cloneJson(existing);
    const terminatingMetadata = metadataOf(terminating);
    terminatingMetadata.deletionTimestamp = rfc3339(new Date());
    terminatingMetadata.deletionGracePeriodSeconds = 0;
    childObject(terminating, 'status').phase = 'Terminating';
    terminatingMetadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(definition, '', name, terminating);
    this.scheduleNamespaceFinalization(name);
    return terminating;
  }

  private scheduleNamespaceFinalization(name: string): void {
    this.timers.schedule(this.namespaceTerminationMs, () => {
      for (const { definition, object } of this.store.listNamespaceContent(name)) {
        this.store.remove(definition, name, String(objectAt(object.metadata)?.name));
      }
      if (NAMESPACES) this.store.remove(NAMESPACES, '', name);
    });
  }

  /** Stamps system metadata, keeps status away from main-resource writes, defaults, and stores unless nothing changed. */
  private commit(definition: ResourceDefinition, namespace: string, name: string, existing: JsonObject | undefined, candidate: JsonObject, dryRun: boolean): JsonObject {
    const next = cloneJson(candidate);
    next.apiVersion = groupVersionOf(definition);
    next.kind = definition.kind;
    const metadata = metadataOf(next);
    metadata.name = name;
    if (definition.namespaced) metadata.namespace = namespace;
    else delete metadata.namespace;
    delete metadata.selfLink;

    if (existing) {
      const previous = metadataOf(existing);
      for (const key of ['uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'resourceVersion'] as const) {
        if (previous[key] !== undefined) metadata[key] = previous[key];
        else delete metadata[key];
      }
      if (definition.hasStatus) {
        if (existing.status !== undefined) next.status = cloneJson(existing.status);
        else delete next.status;
      }
      const generation = typeof previous.generation === 'number' ? previous.generation : 1;
      applyServerDefaults(definition, next, existing, this.clusterIps);
      metadata.generation = jsonEqual(specPart(existing), specPart(next)) ? generation : generation + 1;
      // An update that changes nothing is not written, so resourceVersion stays (as etcd would see no change).
      if (jsonEqual(existing, next)) return existing;
    } else {
      metadata.uid = randomUUID();
      metadata.creationTimestamp = rfc3339(new Date());
      metadata.generation = 1;
      delete metadata.deletionTimestamp;
      const status = initialStatus(definition);
      if (definition.hasStatus) {
        if (status) next.status = status;
        else delete next.status;
      }
      applyServerDefaults(definition, next, undefined, this.clusterIps);
    }
    if (dryRun) return next;
    metadata.resourceVersion = this.store.nextResourceVersion();
    this.store.put(definition, namespace, name, next);
    this.controllers.observe(definition, next);
    return next;
  }

  private requireObject(body: JsonValue): JsonObject {
    if (!isJsonObject(body)) throw badRequest('the body of the request must be a JSON object');
    return cloneJson(body);
  }

  /** The body's kind and apiVersion must be the resource's. (The real server says 400 for a wrong apiVersion; 422 here, with causes.) */
  private checkTypeMeta(definition: ResourceDefinition, object: JsonObject): void {
    const expectedVersion = groupVersionOf(definition);
    const causes: StatusCause[] = [];
    if (object.kind !== undefined && object.kind !== definition.kind) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${String(object.kind)}": must be ${definition.kind}`, field: 'kind' });
    }
    if (object.apiVersion !== undefined && object.apiVersion !== expectedVersion) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: "${String(object.apiVersion)}": must be ${expectedVersion}`, field: 'apiVersion' });
    }
    if (causes.length > 0) throw invalid(definition, optionalString(objectAt(object.metadata)?.name) ?? '', causes);
  }

  private checkNameOfBody(object: JsonObject, urlName: string): void {
    const bodyName = objectAt(object.metadata)?.name;
    if (bodyName !== undefined && bodyName !== urlName) {
      throw badRequest(`the name of the object (${String(bodyName)}) does not match the name on the URL (${urlName})`);
    }
  }

  private checkNamespaceOfBody(definition: ResourceDefinition, object: JsonObject, urlNamespace: string): void {
    const bodyNamespace = objectAt(object.metadata)?.namespace;
    if (definition.namespaced && bodyNamespace !== undefined && bodyNamespace !== '' && bodyNamespace !== urlNamespace) {
      throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    }
  }

  private validateName(definition: ResourceDefinition, name: string): void {
    const problems = nameProblems(name, definition.nameRule);
    if (problems.length > 0) {
      throw invalid(
        definition,
        name,
        problems.map((problem) => ({ reason: 'FieldValueInvalid', message: `Invalid value: "${name}": ${problem}`, field: 'metadata.name' })),
      );
    }
  }

  /** Creating in a namespace needs the namespace to exist and not be terminating (NamespaceLifecycle admission). */
  private checkNamespaceAcceptsContent(definition: ResourceDefinition, namespace: string, name: string): void {
    if (!definition.namespaced || !NAMESPACES) return;
    const owner = this.store.get(NAMESPACES, '', namespace);
    if (!owner) throw namespaceNotFound(namespace);
    if (objectAt(owner.metadata)?.deletionTimestamp) throw namespaceTerminating(definition, name, namespace);
  }

  /** Optimistic concurrency: a resourceVersion in the body must be the current one. */
  private checkPrecondition(definition: ResourceDefinition, name: string, existing: JsonObject, candidate: JsonObject): void {
    const expected = objectAt(candidate.metadata)?.resourceVersion;
    if (expected !== undefined && expected !== '' && expected !== objectAt(existing.metadata)?.resourceVersion) {
      throw staleResourceVersion(definition, name);
    }
  }
}

function itemKey(object: JsonObject): string {
  const metadata = objectAt(object.metadata) ?? {};
  return `${optionalString(metadata.namespace) ?? ''}/${String(metadata.name)}`;
}

function decodeContinueToken(token: string): string {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isJsonObject(decoded) && typeof decoded.after === 'string') return decoded.after;
  } catch {
    // fall through to the error the real server gives for a token it cannot read
  }
  throw badRequest('continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

export function parseJsonBody(raw: string): JsonValue {
  if (raw.trim() === '') return null;
  try {
    return JSON.parse(raw) as JsonValue;
  } catch (error) {
    throw badRequest(`json: cannot unmarshal the request body: ${(error as Error).message}`);
  }
}

/** Apply bodies are YAML (JSON is YAML too). */
function parseYamlBody(raw: string): JsonValue {
  try {
    return (parseYaml(raw) ?? null) as JsonValue;
  } catch (error) {
    throw badRequest(`error decoding YAML: ${(error as Error).message}`);
  }
}

export function unsupportedPatchType(contentType: string): KubeStatusError {
  return new KubeStatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType || 'none'})`,
  );
}

