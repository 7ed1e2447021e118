import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FaultInjector, type RequestLogEntry } from './fault-injector';
import { objectAt, optionalString, type JsonObject, type JsonValue } from './json-value';
import { KubeApiModel, parseJsonBody, PATCH_CONTENT_TYPES, unsupportedPatchType, type ListQuery } from './kube-api-model';
import { KubeStatusError, failureStatus, methodNotAllowed, pathNotFound, statusForCode } from './kube-status';
import { ObjectStore } from './object-store';
import { apiGroups, findResource, resourcesOfGroupVersion, type ResourceDefinition } from './resource-registry';
import { fieldsMatch, labelsMatch, parseFieldSelector, parseLabelSelector } from './selectors';
import { SimulatedControllers } from './simulated-controllers';
import { TimerSet } from './timer-set';

export interface KubeEmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** How long simulated controllers take to report Deployments/StatefulSets ready and PVCs Bound. Default 50. */
  readinessDelayMs?: number;
  /** How long a Terminating namespace takes to empty and disappear. Default 20. */
  namespaceTerminationMs?: number;
  /** JSON file the object store is loaded from and saved to (debounced), so a restart keeps objects. */
  persistFile?: string;
  /** Bearer token the emulator accepts; the kubeconfig it writes carries it. */
  token?: string;
}

export const KUBE_EMULATOR_CONTEXT = 'nprod-emulator';
const DEFAULT_TOKEN = 'nprod-emulator-token';
/** Namespaces every real cluster starts with. */
const SEED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

interface ResourceRoute {
  definition: ResourceDefinition;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

/**
 * An in-process Kubernetes API server over real HTTP, for tests and local runs: enough of the REST
 * API, discovery, server-side apply, namespace lifecycle and controllers for @kubernetes/client-node
 * to work against it unchanged. See README.md in this folder for what is simplified.
 */
export class KubeEmulator {
  readonly faults = new FaultInjector();
  private requestLog: RequestLogEntry[] = [];
  private acceptedConnections = 0;
  private readonly watches = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    private readonly store: ObjectStore,
    private readonly model: KubeApiModel,
    /** Pause to hold workloads unready (a controller manager that is down), resume to let them settle. */
    readonly controllers: Pick<SimulatedControllers, 'pause' | 'resume'>,
    private readonly timers: TimerSet,
    private readonly token: string,
    readonly url: string,
  ) {}

  static async start(options: KubeEmulatorOptions = {}): Promise<KubeEmulator> {
    const host = options.host ?? '127.0.0.1';
    const store = new ObjectStore(options.persistFile);
    const timers = new TimerSet();
    const controllers = new SimulatedControllers(store, timers, options.readinessDelayMs ?? 50);
    const model = new KubeApiModel(store, controllers, timers, options.namespaceTerminationMs ?? 20);
    seedNamespaces(store, model);
    controllers.resumeAll();
    model.resumeNamespaceTermination();

    let emulator: KubeEmulator | undefined;
    const server = createServer((request, response) => {
      if (emulator) void emulator.handle(request, response);
    });
    server.keepAliveTimeout = 30_000;
    server.on('connection', () => {
      if (emulator) emulator.acceptedConnections += 1;
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    emulator = new KubeEmulator(server, store, model, controllers, timers, options.token ?? DEFAULT_TOKEN, `http://${host}:${port}`);
    return emulator;
  }

  /** Requests served since start or the last resetRequests(), oldest first. */
  get requests(): readonly RequestLogEntry[] {
    return this.requestLog;
  }

  /** TCP connections accepted since start or the last resetRequests(): shows whether clients reuse connections. */
  get connectionsAccepted(): number {
    return this.acceptedConnections;
  }

  resetRequests(): void {
    this.requestLog = [];
    this.acceptedConnections = 0;
  }

  /** A kubeconfig with cluster, user and context `nprod-emulator` (token auth, plain HTTP). */
  kubeconfigYaml(): string {
    return [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      `- name: ${KUBE_EMULATOR_CONTEXT}`,
      '  cluster:',
      `    server: ${this.url}`,
      // @kubernetes/client-node refuses http:// servers unless TLS verification is explicitly skipped.
      '    insecure-skip-tls-verify: true',
      'users:',
      `- name: ${KUBE_EMULATOR_CONTEXT}`,
      '  user:',
      `    token: ${this.token}`,
      'contexts:',
      `- name: ${KUBE_EMULATOR_CONTEXT}`,
      '  context:',
      `    cluster: ${KUBE_EMULATOR_CONTEXT}`,
      `    user: ${KUBE_EMULATOR_CONTEXT}`,
      '    namespace: default',
      `current-context: ${KUBE_EMULATOR_CONTEXT}`,
      '',
    ].join('\n');
  }

  writeKubeconfig(path: string): void {
    writeFileSync(path, this.kubeconfigYaml(), { mode: 0o600 });
  }

  async stop(): Promise<void> {
    this.timers.clear();
    for (const watch of this.watches) watch.end();
    this.watches.clear();
    this.store.flush();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://emulator');
    const method = (request.method ?? 'GET').toUpperCase();
    const entry: RequestLogEntry = { method, path: url.pathname, query: url.search, status: 0 };
    const fieldManager = url.searchParams.get('fieldManager');
    if (fieldManager) entry.fieldManager = fieldManager;
    this.requestLog.push(entry);
    response.on('finish', () => {
      entry.status = response.statusCode;
    });
    try {
      const body = await readBody(request);
      const fault = this.faults.take(method, url.pathname);
      if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      if (fault?.dropConnection) {
        request.socket.destroy();
        return;
      }
      if (fault?.status !== undefined) {
        const headers: Record<string, string> = fault.retryAfterSeconds !== undefined ? { 'Retry-After': String(fault.retryAfterSeconds) } : {};
        sendJson(response, fault.status, statusForCode(fault.status, fault.retryAfterSeconds).toStatus(), headers);
        return;
      }
      this.route(request, response, method, url, body);
    } catch (error) {
      if (error instanceof KubeStatusError) {
        sendJson(response, error.code, error.toStatus());
      } else {
        const message = error instanceof Error ? error.message : String(error);
        sendJson(response, 500, failureStatus(500, 'InternalError', `Internal error occurred: ${message}`, { causes: [{ message }] }));
      }
    }
  }

  private route(request: IncomingMessage, response: ServerResponse, method: string, url: URL, body: string): void {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/healthz' || path === '/readyz' || path === '/livez') {
      response.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' }).end('ok');
      return;
    }
    if (path === '/version') {
      sendJson(response, 200, {
        major: '1',
        minor: '33',
        gitVersion: 'v1.33.0-nprod-emulator',
        gitCommit: '0000000000000000000000000000000000000000',
        gitTreeState: 'clean',
        buildDate: '2025-01-01T00:00:00Z',
        goVersion: 'go1.24.0',
        compiler: 'gc',
        platform: 'linux/amd64',
      });
      return;
    }
    if (!this.authorized(request)) {
      sendJson(response, 401, failureStatus(401, 'Unauthorized', 'Unauthorized'));
      return;
    }
    const discovery = this.discovery(path);
    if (discovery) {
      if (method !== 'GET') throw methodNotAllowed();
      sendJson(response, 200, discovery);
      return;
    }
    const route = parseResourcePath(path);
    if (!route) throw pathNotFound();
    this.serveResource(request, response, method, url, body, route);
  }

  private authorized(request: IncomingMessage): boolean {
    return request.headers.authorization === `Bearer ${this.token}`;
  }

  private discovery(path: string): JsonObject | undefined {
    if (path === '/api') {
      return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: new URL(this.url).host }] };
    }
    if (path === '/apis') {
      return { kind: 'APIGroupList', apiVersion: 'v1', groups: apiGroups().map(groupDocument) };
    }
    const groupOnly = /^\/apis\/([^/]+)$/.exec(path);
    if (groupOnly) {
      const group = apiGroups().find((candidate) => candidate.name === groupOnly[1]);
      return group ? { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(group) } : undefined;
    }
    const versionPath = /^\/api\/(v1)$/.exec(path) ?? /^\/apis\/([^/]+\/[^/]+)$/.exec(path);
    if (!versionPath) return undefined;
    const [group, version] = versionPath[1].includes('/') ? versionPath[1].split('/') : ['', versionPath[1]];
    const definitions = resourcesOfGroupVersion(group, version);
    if (definitions.length === 0) return undefined;
    const resources: JsonValue[] = [];
    for (const definition of definitions) {
      resources.push({
        name: definition.plural,
        singularName: definition.singular,
        namespaced: definition.namespaced,
        kind: definition.kind,
        verbs: [...definition.verbs],
        ...(definition.shortNames ? { shortNames: [...definition.shortNames] } : {}),
      });
      if (definition.hasStatus) resources.push({ name: `${definition.plural}/status`, singularName: '', namespaced: definition.namespaced, kind: definition.kind, verbs: ['get'] });
    }
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: versionPath[1], resources };
  }

  private serveResource(request: IncomingMessage, response: ServerResponse, method: string, url: URL, body: string, route: ResourceRoute): void {
    const { definition, name, subresource } = route;
    const namespace = route.namespace ?? '';
    const query = url.searchParams;
    const dryRun = query.get('dryRun') === 'All';
    const fieldManager = query.get('fieldManager');
    const manager = fieldManager ?? managerFromUserAgent(request.headers['user-agent']);
    const listQuery: ListQuery = {
      labelSelector: query.get('labelSelector') ?? undefined,
      fieldSelector: query.get('fieldSelector') ?? undefined,
      limit: query.has('limit') ? Number(query.get('limit')) : undefined,
      continueToken: query.get('continue') ?? undefined,
    };
    if (definition.namespaced && route.namespace === undefined && (name !== undefined || method !== 'GET')) throw pathNotFound();
    if (subresource !== undefined) {
      if (subresource !== 'status' || !definition.hasStatus || name === undefined) throw pathNotFound();
      if (method !== 'GET') throw methodNotAllowed();
      sendJson(response, 200, this.model.get(definition, namespace, name));
      return;
    }
    if (!definition.writable && method !== 'GET') throw methodNotAllowed();

    if (name === undefined) {
      switch (method) {
        case 'GET':
          if (query.get('watch') === 'true' || query.get('watch') === '1') this.watch(request, response, definition, route.namespace, listQuery, query);
          else sendJson(response, 200, this.model.list(definition, route.namespace, listQuery));
          return;
        case 'POST': {
          const result = this.model.create(definition, namespace, parseJsonBody(body), { manager, dryRun });
          sendJson(response, 201, result.object);
          return;
        }
        case 'DELETE':
          sendJson(response, 200, this.model.deleteCollection(definition, route.namespace, listQuery, dryRun));
          return;
        default:
          throw methodNotAllowed();
      }
    }
    switch (method) {
      case 'GET':
        sendJson(response, 200, this.model.get(definition, namespace, name));
        return;
      case 'PUT':
        sendJson(response, 200, this.model.replace(definition, namespace, name, parseJsonBody(body), { manager, dryRun }).object);
        return;
      case 'PATCH': {
        const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim();
        const force = query.get('force') === 'true';
        if (contentType === PATCH_CONTENT_TYPES.apply) {
          const result = this.model.apply(definition, namespace, name, body, { manager, managerGiven: fieldManager !== null, dryRun, force });
          sendJson(response, result.created ? 201 : 200, result.object);
          return;
        }
        if (!Object.values(PATCH_CONTENT_TYPES).some((known) => known === contentType)) throw unsupportedPatchType(contentType);
        if (query.has('force')) {
          throw new KubeStatusError(422, 'Invalid', `PatchOptions.meta.k8s.io "" is invalid: force: Invalid value: ${force}: may not be specified for non-apply patch`, {
            group: 'meta.k8s.io',
            kind: 'PatchOptions',
            causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${force}: may not be specified for non-apply patch`, field: 'force' }],
          });
        }
        sendJson(response, 200, this.model.patch(definition, namespace, name, contentType, body, { manager, dryRun }).object);
        return;
      }
      case 'DELETE':
        sendJson(response, 200, this.model.delete(definition, namespace, name, parseJsonBody(body), dryRun));
        return;
      default:
        throw methodNotAllowed();
    }
  }

  /**
   * Watch as a stream of JSON lines. Without a resourceVersion (or with "0") it starts with ADDED for
   * what exists; with one it only sends later events (no history replay, unlike etcd's window).
   */
  private watch(request: IncomingMessage, response: ServerResponse, definition: ResourceDefinition, namespace: string | undefined, listQuery: ListQuery, query: URLSearchParams): void {
    const labelRequirements = listQuery.labelSelector ? parseLabelSelector(listQuery.labelSelector) : [];
    const fieldRequirements = listQuery.fieldSelector ? parseFieldSelector(listQuery.fieldSelector) : [];
    const matches = (object: JsonObject): boolean => {
      const metadata = objectAt(object.metadata) ?? {};
      const objectNamespace = optionalString(metadata.namespace) ?? '';
      const labels = Object.fromEntries(Object.entries(objectAt(metadata.labels) ?? {}).map(([key, value]) => [key, String(value)]));
      return (namespace === undefined || objectNamespace === namespace) && labelsMatch(labelRequirements, labels) && fieldsMatch(fieldRequirements, { name: String(metadata.name), namespace: objectNamespace });
    };
    response.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    response.flushHeaders();
    const send = (type: string, object: JsonObject): void => {
      response.write(`${JSON.stringify({ type, object })}\n`);
    };
    const resourceVersion = query.get('resourceVersion');
    if (!resourceVersion || resourceVersion === '0') {
      for (const object of this.store.list(definition, namespace)) if (matches(object)) send('ADDED', object);
    }
    const unsubscribe = this.store.subscribe((event) => {
      if (event.definition === definition && matches(event.object)) send(event.type, event.object);
    });
    this.watches.add(response);
    const finish = (): void => {
      unsubscribe();
      this.watches.delete(response);
      if (!response.writableEnded) response.end();
    };
    const timeoutSeconds = Number(query.get('timeoutSeconds') ?? '0');
    if (timeoutSeconds > 0) this.timers.schedule(timeoutSeconds * 1000, finish);
    request.on('close', finish);
  }
}

function groupDocument(group: { name: string; version: string }): JsonObject {
  const groupVersion = { groupVersion: `${group.name}/${group.version}`, version: group.version };
  return { name: group.name, versions: [groupVersion], preferredVersion: groupVersion };
}

/** `/api/v1/namespaces/ns/configmaps/name` and friends; namespaces themselves are cluster-scoped. */
function parseResourcePath(path: string): ResourceRoute | undefined {
  const segments = path.split('/').filter((segment) => segment.length > 0).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (segments[0] === 'api' && segments.length >= 3) {
    [group, version, rest] = ['', segments[1], segments.slice(2)];
  } else if (segments[0] === 'apis' && segments.length >= 4) {
    [group, version, rest] = [segments[1], segments[2], segments.slice(3)];
  } else {
    return undefined;
  }
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    const definition = findResource(group, version, rest[2]);
    if (definition?.namespaced) {
      if (rest.length > 5) return undefined;
      return { definition, namespace: rest[1], name: rest[3], subresource: rest[4] };
    }
  }
  const definition = findResource(group, version, rest[0]);
  if (!definition || rest.length > 3) return undefined;
  return { definition, namespace: undefined, name: rest[1], subresource: rest[2] };
}

/** The real server names an unnamed writer after its user agent's product token, e.g. `node-fetch`. */
function managerFromUserAgent(userAgent: string | undefined): string {
  const product = (userAgent ?? '').split('/')[0].trim();
  return product === '' ? 'unknown' : product;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function sendJson(response: ServerResponse, status: number, body: JsonValue, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload), ...headers });
  response.end(payload);
}

function seedNamespaces(store: ObjectStore, model: KubeApiModel): void {
  const namespaces = findResource('', 'v1', 'namespaces');
  if (!namespaces || store.list(namespaces).length > 0) return;
  for (const name of SEED_NAMESPACES) model.create(namespaces, '', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { manager: 'kube-apiserver', dryRun: false });
}

