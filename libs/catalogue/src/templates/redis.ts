import { OfferingKind } from '@nprod/domain';
import { type InstanceWorkload, type RenderContext, type WorkloadTemplate, booleanParameter, serviceHost, stringParameter } from './template';

const COMPONENT = 'redis';
/** Valkey: the BSD-licensed, protocol-compatible continuation of Redis. */
const IMAGE = 'valkey/valkey:8.1-alpine';
const VALKEY_UID = 999;
const VALKEY_GID = 1000;
/** Room left for the server itself when the cache fills its memory limit. */
const MAXMEMORY_SHARE = 0.8;

/** PaaS: a password-protected Redis-compatible cache; with persistence, an append-only file on a PVC. */
export const redisTemplate: WorkloadTemplate = {
  key: 'redis',
  kind: OfferingKind.Paas,
  produces: 'workload',
  requiredParameters: [],
  customPlans: false,
  checkPlan: (plan) => (plan.memoryMiB < 64 ? 'memoryMiB must be at least 64' : undefined),
  generateCredentials(context, randomToken) {
    const password = randomToken(24);
    return { password, uri: `redis://:${password}@${serviceHost(context, COMPONENT)}:6379/0` };
  },
  render(context: RenderContext): InstanceWorkload {
    const { parameters, plan } = context;
    const persistent = booleanParameter(parameters, 'persistence', false) && plan.storageGiB > 0;
    const maxmemory = `${Math.max(1, Math.floor(plan.memoryMiB * MAXMEMORY_SHARE))}mb`;
    return {
      components: [
        {
          name: COMPONENT,
          kind: 'StatefulSet',
          image: IMAGE,
          replicas: 1,
          command: ['valkey-server'],
          // $(VALKEY_PASSWORD) is expanded by the kubelet from the Secret-backed variable.
          args: ['--requirepass', '$(VALKEY_PASSWORD)', '--maxmemory', maxmemory, '--maxmemory-policy', stringParameter(parameters, 'maxmemoryPolicy', 'allkeys-lru'), '--dir', '/data', ...(persistent ? ['--appendonly', 'yes'] : ['--save', '', '--appendonly', 'no'])],
          port: { name: 'redis', containerPort: 6379 },
          secretEnv: { VALKEY_PASSWORD: 'password' },
          resources: { cpuMillicores: plan.cpuMillicores, memoryMiB: plan.memoryMiB },
          runAsUser: VALKEY_UID,
          runAsGroup: VALKEY_GID,
          readOnlyRootFilesystem: true,
          scratchPaths: persistent ? ['/tmp'] : ['/tmp', '/data'],
          ...(persistent ? { volume: { mountPath: '/data', storageGiB: plan.storageGiB } } : {}),
          probe: { type: 'tcp' },
        },
      ],
    };
  },
};
