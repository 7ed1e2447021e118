import { z } from 'zod';
import { identityEnvShape, refineIdentityEnv } from './identity-env';

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const nonNegativeInt = z.coerce.number().int().min(0);
/** Kubernetes object names and DNS names: lowercase labels of a-z, 0-9 and '-', joined by dots. */
const dnsSubdomain = z
  .string()
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, 'expected a DNS name: lowercase letters, digits, "-" and "."');
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

/**
 * Every environment variable NPROD reads, in one place. Documented in the README's
 * configuration table; `loadConfig` names the variable when one is wrong.
 */
export const envSchema = z
  .object({
    /** `development`, `test` or `production`; production turns off schema files and the sandbox fallback warning. */
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** Port of the API (GraphQL, health, console). */
    PORT: port.default(3000),
    /** Address the API and worker health servers bind to. */
    HOST: z.string().min(1).default('127.0.0.1'),
    /** PostgreSQL connection URL, e.g. postgres://user:pass@host:5432/nprod. */
    DATABASE_URL: z
      .string({ message: 'is required: a PostgreSQL URL such as postgres://user:pass@localhost:5432/nprod' })
      .regex(/^postgres(ql)?:\/\//, 'expected a URL starting with postgres:// or postgresql://'),
    /** Queue backend for BullMQ: `postgres` (default, same database) or `redis`. */
    QUEUE_BACKEND: z.enum(['postgres', 'redis'], { message: 'expected postgres or redis' }).default('postgres'),
    /** Redis URL, required when QUEUE_BACKEND=redis. */
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'expected a URL starting with redis:// or rediss://').optional(),
    /** Secret that signs access tokens; at least 32 characters. */
    JWT_SECRET: z.string({ message: 'is required: at least 32 random characters' }).min(32, 'must be at least 32 characters long'),
    /** Lifetime of an access token in seconds. */
    ACCESS_TOKEN_TTL_SECONDS: positiveInt.default(900),
    /** Lifetime of a refresh token in seconds. */
    REFRESH_TOKEN_TTL_SECONDS: positiveInt.default(7 * 24 * 3600),
    /** Key material for secrets stored encrypted at rest (TOTP secrets), at least 32 characters; required when TOTP is used. */
    DATA_ENCRYPTION_KEY: z.string().min(32, 'must be at least 32 characters long, e.g. the output of `openssl rand -base64 32`').optional(),
    /** When true, platform operators must turn on a TOTP second factor before they can do anything but enrol it. */
    REQUIRE_TOTP_FOR_OPERATORS: bool.default(false),
    /** Sign-in attempts per minute each source address may make (sustained rate of the token bucket). */
    LOGIN_RATE_PER_MINUTE: positiveInt.default(10),
    /** Sign-in attempts a source address may make at once after a quiet period (the bucket's capacity). */
    LOGIN_BURST: positiveInt.default(20),
    /** Path of a kubeconfig the worker uses (worker only). */
    KUBECONFIG: z.string().min(1).optional(),
    /** Use the pod's service account (worker only). */
    KUBE_IN_CLUSTER: bool.default(false),
    /** Port of the built-in Kubernetes emulator when neither KUBECONFIG nor KUBE_IN_CLUSTER is set (0 = any free port). */
    KUBE_EMULATOR_PORT: port.default(0),
    /** Regions the configured cluster serves, comma-separated. */
    KUBE_CLUSTER_REGIONS: z
      .string()
      .default('almaty,astana,shymkent')
      .transform((value) => value.split(',').map((region) => region.trim()).filter(Boolean)),
    /** Kubernetes API requests per second the worker may send to one cluster. */
    KUBE_QPS: positiveInt.default(50),
    /** Namespace of the ingress controller that NetworkPolicies admit traffic from. */
    INGRESS_NAMESPACE: z.string().min(1).default('ingress-nginx'),
    /** Seconds the worker waits for provisioned objects to become ready. */
    PROVISION_TIMEOUT_SECONDS: positiveInt.default(300),
    /** DNS suffix of instance hostnames (`<instance>--<space>--<tenant>.<suffix>`, e.g. `apps.gov.kz`); unset: instances get no platform hostname. */
    INSTANCE_HOSTNAME_SUFFIX: dnsSubdomain.optional(),
    /** StorageClass of instance volumes; unset: the cluster's default StorageClass. */
    INSTANCE_STORAGE_CLASS: dnsSubdomain.optional(),
    /** cert-manager ClusterIssuer for instance Ingress certificates; unset: no annotation (the ingress controller's default certificate). */
    INSTANCE_TLS_CLUSTER_ISSUER: dnsSubdomain.optional(),
    /** IngressClass of instance Ingresses; unset: the cluster's default IngressClass. */
    INSTANCE_INGRESS_CLASS: dnsSubdomain.optional(),
    /** Seconds between periodic reconciles of every active space and instance (drift repair, DEGRADED, leases); 0 turns them off. */
    RECONCILE_INTERVAL_SECONDS: nonNegativeInt.default(60),
    /** Days before a lease ends that the owners are told. */
    LEASE_NOTICE_DAYS: nonNegativeInt.default(7),
    /** Days a suspended instance (lease ended) is kept before it is deleted, unless renewed. */
    LEASE_GRACE_DAYS: nonNegativeInt.default(7),
    /** Parallel jobs per worker process. */
    WORKER_CONCURRENCY: positiveInt.default(4),
    /** How often a worker looks for jobs whose worker died (ms); a job lock lasts twice this. */
    WORKER_STALLED_INTERVAL_MS: z.coerce
      .number({ message: 'expected a number of milliseconds' })
      .int('expected a whole number of milliseconds')
      .min(500, 'must be at least 500 (ms)')
      .max(600_000, 'must be at most 600000 (10 minutes)')
      .default(15_000),
    /** Port of the worker's health server. */
    WORKER_HEALTH_PORT: port.default(3001),
    /** Directory for local state: embedded PostgreSQL, emulator store, generated secrets. */
    NPROD_DATA_DIR: z.string().min(1).default('./.nprod'),
    /** Directory with the built console the API serves at `/`. */
    CONSOLE_DIR: z.string().min(1).default('dist/console'),
    /**
     * Which proxies may set X-Forwarded-For: `false` (default, the socket address counts),
     * a hop count such as `1` behind one ingress, or comma-separated addresses/CIDRs.
     */
    TRUST_PROXY: z
      .string()
      .default('false')
      .transform((value): boolean | number | string[] =>
        value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value.split(',').map((entry) => entry.trim()).filter(Boolean),
      ),
    /** Comma-separated origins allowed by CORS; empty means same origin only. */
    CORS_ORIGINS: z
      .string()
      .default('')
      .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean)),
    /** Log level: fatal, error, warn, info, debug, trace. */
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
    /** Single sign-on, mail, sign-up and invitations: see identity-env.ts. */
    ...identityEnvShape,
  })
  .superRefine((env, ctx) => {
    if (env.REQUIRE_TOTP_FOR_OPERATORS && !env.DATA_ENCRYPTION_KEY) {
      ctx.addIssue({ code: 'custom', path: ['DATA_ENCRYPTION_KEY'], message: 'is required when REQUIRE_TOTP_FOR_OPERATORS=true: at least 32 random characters that encrypt TOTP secrets' });
    }
    refineIdentityEnv(env, ctx);
    if (env.QUEUE_BACKEND === 'redis' && !env.REDIS_URL) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when QUEUE_BACKEND=redis, e.g. redis://localhost:6379' });
    }
    if (env.KUBECONFIG && env.KUBE_IN_CLUSTER) {
      ctx.addIssue({ code: 'custom', path: ['KUBE_IN_CLUSTER'], message: 'cannot be true while KUBECONFIG is also set; choose one' });
    }
  });

export type Env = z.output<typeof envSchema>;
