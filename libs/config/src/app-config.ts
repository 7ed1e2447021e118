import { envSchema, type Env } from './env.schema';
import { identityConfig, type IdentityConfig } from './identity-env';

export type KubernetesSource =
  | { kind: 'kubeconfig'; path: string }
  | { kind: 'in-cluster' }
  | { kind: 'emulator'; port: number };

export type QueueConfig = { backend: 'postgres'; databaseUrl: string } | { backend: 'redis'; redisUrl: string };

/** Typed configuration derived once from the environment. */
export interface AppConfig extends IdentityConfig {
  env: Env['NODE_ENV'];
  http: { host: string; port: number; corsOrigins: string[]; consoleDir: string; trustProxy: boolean | number | string[] };
  databaseUrl: string;
  queue: QueueConfig;
  auth: {
    jwtSecret: string;
    accessTokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    /** Null when DATA_ENCRYPTION_KEY is unset: TOTP enrolment is then refused. */
    dataEncryptionKey: string | null;
    requireTotpForOperators: boolean;
    loginRatePerMinute: number;
    loginBurst: number;
  };
  kubernetes: { source: KubernetesSource; clusterRegions: string[]; qps: number; ingressNamespace: string };
  worker: { concurrency: number; healthPort: number; provisionTimeoutSeconds: number; reconcileIntervalSeconds: number; stalledIntervalMs: number };
  /** How catalogue instances are exposed and stored, and their leases. */
  instances: {
    hostnameSuffix?: string;
    storageClass?: string;
    tlsClusterIssuer?: string;
    ingressClassName?: string;
    leaseNoticeDays: number;
    leaseGraceDays: number;
  };
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
}

/** Thrown when the environment is invalid; the message names each variable and what it expects. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseConfig(source: NodeJS.ProcessEnv): AppConfig {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? 'environment');
        const received = source[variable];
        const shown = received === undefined ? 'not set' : /SECRET|PASSWORD|URL|KEY/.test(variable) ? 'set (hidden)' : `"${received}"`;
        return `${variable} ${issue.message} (currently ${shown})`;
      }),
    );
  }
  const env = result.data;
  return {
    env: env.NODE_ENV,
    http: { host: env.HOST, port: env.PORT, corsOrigins: env.CORS_ORIGINS, consoleDir: env.CONSOLE_DIR, trustProxy: env.TRUST_PROXY },
    databaseUrl: env.DATABASE_URL,
    queue: env.QUEUE_BACKEND === 'redis' ? { backend: 'redis', redisUrl: env.REDIS_URL! } : { backend: 'postgres', databaseUrl: env.DATABASE_URL },
    auth: {
      jwtSecret: env.JWT_SECRET,
      accessTokenTtlSeconds: env.ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      dataEncryptionKey: env.DATA_ENCRYPTION_KEY ?? null,
      requireTotpForOperators: env.REQUIRE_TOTP_FOR_OPERATORS,
      loginRatePerMinute: env.LOGIN_RATE_PER_MINUTE,
      loginBurst: env.LOGIN_BURST,
    },
    kubernetes: {
      source: env.KUBECONFIG
        ? { kind: 'kubeconfig', path: env.KUBECONFIG }
        : env.KUBE_IN_CLUSTER
          ? { kind: 'in-cluster' }
          : { kind: 'emulator', port: env.KUBE_EMULATOR_PORT },
      clusterRegions: env.KUBE_CLUSTER_REGIONS,
      qps: env.KUBE_QPS,
      ingressNamespace: env.INGRESS_NAMESPACE,
    },
    worker: {
      concurrency: env.WORKER_CONCURRENCY,
      healthPort: env.WORKER_HEALTH_PORT,
      provisionTimeoutSeconds: env.PROVISION_TIMEOUT_SECONDS,
      reconcileIntervalSeconds: env.RECONCILE_INTERVAL_SECONDS,
      stalledIntervalMs: env.WORKER_STALLED_INTERVAL_MS,
    },
    instances: {
      hostnameSuffix: env.INSTANCE_HOSTNAME_SUFFIX,
      storageClass: env.INSTANCE_STORAGE_CLASS,
      tlsClusterIssuer: env.INSTANCE_TLS_CLUSTER_ISSUER,
      ingressClassName: env.INSTANCE_INGRESS_CLASS,
      leaseNoticeDays: env.LEASE_NOTICE_DAYS,
      leaseGraceDays: env.LEASE_GRACE_DAYS,
    },
    dataDir: env.NPROD_DATA_DIR,
    logLevel: env.LOG_LEVEL,
    ...identityConfig(env),
  };
}

let cached: AppConfig | undefined;

/** The process configuration, parsed on first use and cached. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): AppConfig {
  cached ??= parseConfig(source);
  return cached;
}

/** Forget the cached configuration; tests change the environment between cases. */
export function resetConfig(): void {
  cached = undefined;
}
