import { OfferingKind } from '@nprod/domain';
import { type InstanceWorkload, type RenderContext, type WorkloadTemplate, booleanParameter, numberParameter, stringParameter } from './template';

const COMPONENT = 'app';
const DEFAULT_USER = 10001;

/**
 * PaaS: the tenant's own image as a Deployment, sized per replica by the plan. It runs as a
 * non-root user with a read-only root filesystem unless the tenant turns that off, /tmp on
 * an emptyDir, and is published on the tenant's hostname when public.
 */
export const containerAppTemplate: WorkloadTemplate = {
  key: 'container-app',
  kind: OfferingKind.Paas,
  produces: 'workload',
  requiredParameters: ['image'],
  customPlans: false,
  checkPlan: () => undefined,
  generateCredentials: () => ({}),
  render(context: RenderContext): InstanceWorkload {
    const { parameters, plan } = context;
    const port = numberParameter(parameters, 'port', 8080);
    const healthPath = typeof parameters.healthPath === 'string' ? parameters.healthPath : undefined;
    const customDomain = typeof parameters.customDomain === 'string' ? parameters.customDomain : undefined;
    const env = (parameters.env ?? {}) as Record<string, string>;
    return {
      components: [
        {
          name: COMPONENT,
          kind: 'Deployment',
          image: stringParameter(parameters, 'image'),
          replicas: numberParameter(parameters, 'replicas', 1),
          port: { name: 'http', containerPort: port },
          env,
          resources: { cpuMillicores: plan.cpuMillicores, memoryMiB: plan.memoryMiB },
          runAsUser: numberParameter(parameters, 'runAsUser', DEFAULT_USER),
          readOnlyRootFilesystem: booleanParameter(parameters, 'readOnlyRootFilesystem', true),
          scratchPaths: ['/tmp'],
          probe: healthPath ? { type: 'http', path: healthPath } : { type: 'tcp' },
          bindsPrivilegedPort: port < 1024,
        },
      ],
      ...(booleanParameter(parameters, 'public', true) ? { ingress: { component: COMPONENT, extraHosts: customDomain ? [customDomain] : [] } } : {}),
    };
  },
};
