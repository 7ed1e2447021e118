import http from 'node:http';
import https from 'node:https';
import {
  AppsV1Api,
  CoreV1Api,
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  ServerConfiguration,
  VersionApi,
  type Configuration,
  type RequestContext,
  type ResponseContext,
} from '@kubernetes/client-node';
import type { Clock } from './clock';
import { TokenBucket } from './token-bucket';

/** Where a cluster's credentials come from. */
export type KubeConfigSource =
  | { kind: 'kubeconfig'; path: string; context?: string }
  | { kind: 'kubeconfig-yaml'; yaml: string; context?: string }
  /** The pod's service account (token, CA and API address mounted by Kubernetes). */
  | { kind: 'in-cluster' };

export function loadKubeConfig(source: KubeConfigSource): KubeConfig {
  const kubeConfig = new KubeConfig();
  switch (source.kind) {
    case 'kubeconfig':
      kubeConfig.loadFromFile(source.path);
      break;
    case 'kubeconfig-yaml':
      kubeConfig.loadFromString(source.yaml);
      break;
    case 'in-cluster':
      kubeConfig.loadFromCluster();
      break;
  }
  if (source.kind !== 'in-cluster' && source.context) kubeConfig.setCurrentContext(source.context);
  if (!kubeConfig.getCurrentCluster()) throw new Error(`kubeconfig (${source.kind}) has no current cluster`);
  return kubeConfig;
}

export interface KubeRequestInfo {
  contextName: string;
  method: string;
  url: string;
}

export interface KubeClientOptions {
  /** Sustained requests per second to this cluster. Default 20. */
  qps?: number;
  /** Requests allowed at once. Default 40. */
  burst?: number;
  /** Concurrent connections kept to the API server. Default 16. */
  maxSockets?: number;
  /** Called for every request sent (after rate limiting): counting, metrics. */
  onRequest?: (request: KubeRequestInfo) => void;
  clock?: Clock;
}

/** Everything the worker needs to talk to one cluster; all API classes share the rate limit and connections. */
export interface KubeClient {
  /** The kubeconfig's current context (in-cluster: `inClusterContext`). */
  readonly contextName: string;
  readonly serverUrl: string;
  readonly kubeConfig: KubeConfig;
  readonly objects: KubernetesObjectApi;
  readonly core: CoreV1Api;
  readonly apps: AppsV1Api;
  readonly version: VersionApi;
  readonly rateLimiter: TokenBucket;
  /** True when the API server answers /version. */
  ping(): Promise<boolean>;
  /** Closes the kept-alive connections. */
  close(): void;
}

/** Exposes the protected default-namespace setup, which KubeConfig.makeApiClient would otherwise do. */
class ContextNamespacedObjectApi extends KubernetesObjectApi {
  static forContext(configuration: Configuration, kubeConfig: KubeConfig): KubernetesObjectApi {
    const api = new ContextNamespacedObjectApi(configuration);
    api.setDefaultNamespace(kubeConfig);
    return api;
  }
}

/**
 * The client's own agent is created afresh for every request with keep-alive off, so each call
 * opens a new (TLS) connection: measured ~11 ms a GET instead of ~1.5 ms on a reused connection.
 * One keep-alive agent per cluster, carrying the kubeconfig's TLS material, replaces it.
 */
async function createKeepAliveAgent(kubeConfig: KubeConfig, maxSockets: number): Promise<http.Agent | undefined> {
  const cluster = kubeConfig.getCurrentCluster();
  // Proxied clusters keep the client's proxy agent.
  if (!cluster || cluster.proxyUrl) return undefined;
  if (cluster.server.startsWith('http:')) return new http.Agent({ keepAlive: true, maxSockets });
  const tlsOptions: https.RequestOptions = {};
  await kubeConfig.applyToHTTPSOptions(tlsOptions);
  return new https.Agent({
    keepAlive: true,
    maxSockets,
    ca: tlsOptions.ca,
    cert: tlsOptions.cert,
    key: tlsOptions.key,
    pfx: tlsOptions.pfx,
    passphrase: tlsOptions.passphrase,
    servername: tlsOptions.servername,
    ...(tlsOptions.rejectUnauthorized !== undefined ? { rejectUnauthorized: tlsOptions.rejectUnauthorized } : {}),
  });
}

/** A client for the cluster a kubeconfig (or the pod's service account) points at. */
export function createKubeClient(source: KubeConfigSource | KubeConfig, options: KubeClientOptions = {}): KubeClient {
  const kubeConfig = source instanceof KubeConfig ? source : loadKubeConfig(source);
  const cluster = kubeConfig.getCurrentCluster();
  if (!cluster) throw new Error('kubeconfig has no current cluster');
  const contextName = kubeConfig.getCurrentContext();
  const rateLimiter = new TokenBucket({ qps: options.qps ?? 20, burst: options.burst ?? 40, clock: options.clock });
  const agentPromise = createKeepAliveAgent(kubeConfig, options.maxSockets ?? 16);
  const onRequest = options.onRequest;

  // Middleware runs after authentication has set headers and the throwaway agent, for every API class.
  const connectionMiddleware = {
    async pre(context: RequestContext): Promise<RequestContext> {
      await rateLimiter.take();
      const agent = await agentPromise;
      if (agent) context.setAgent(agent);
      onRequest?.({ contextName, method: context.getHttpMethod(), url: context.getUrl() });
      return context;
    },
    async post(context: ResponseContext): Promise<ResponseContext> {
      return context;
    },
  };
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration(cluster.server, {}),
    authMethods: { default: kubeConfig },
    promiseMiddleware: [connectionMiddleware],
  });

  const version = new VersionApi(configuration);
  return {
    contextName,
    serverUrl: cluster.server,
    kubeConfig,
    objects: ContextNamespacedObjectApi.forContext(configuration, kubeConfig),
    core: new CoreV1Api(configuration),
    apps: new AppsV1Api(configuration),
    version,
    rateLimiter,
    ping: () => version.getCode().then(
      () => true,
      () => false,
    ),
    close: () => {
      void agentPromise.then((agent) => agent?.destroy());
    },
  };
}

/** One KubeClient per registered cluster, created on first use and reused (with its connections) afterwards. */
export class KubeClientFactory {
  private readonly clients = new Map<string, { sourceKey: string; client: KubeClient }>();

  constructor(private readonly defaults: KubeClientOptions = {}) {}

  forCluster(clusterName: string, source: KubeConfigSource, options: KubeClientOptions = {}): KubeClient {
    const sourceKey = JSON.stringify(source);
    const cached = this.clients.get(clusterName);
    if (cached && cached.sourceKey === sourceKey) return cached.client;
    // Credentials changed (rotated kubeconfig): drop the old connections and start over.
    cached?.client.close();
    const client = createKubeClient(source, { ...this.defaults, ...options });
    this.clients.set(clusterName, { sourceKey, client });
    return client;
  }

  evict(clusterName: string): void {
    this.clients.get(clusterName)?.client.close();
    this.clients.delete(clusterName);
  }

  closeAll(): void {
    for (const { client } of this.clients.values()) client.close();
    this.clients.clear();
  }
}
