import { OfferingKind } from '@nprod/domain';
import { postgresComponent } from './postgresql';
import { type InstanceWorkload, type RenderContext, type WorkloadTemplate, checkMinimumPlan, numberParameter, splitPlan, stringParameter } from './template';

const WEB = 'web';
const DATABASE = 'db';
const NEXTCLOUD_IMAGE = 'nextcloud:31-apache';
const WWW_DATA = 33;
/** Files live on the app's volume, so the database needs only a small share of the plan. */
const DATABASE_SHARE = 0.2;
const DATABASE_NAME = 'nextcloud';

/**
 * SaaS: Nextcloud for sharing documents, with its PostgreSQL. The image installs itself
 * from NEXTCLOUD_ADMIN_* and POSTGRES_* on first start; the generated admin password is
 * shown once to the owner. The app writes its config and apps under /var/www/html (its
 * volume) and under the image at start, so its root filesystem stays writable.
 */
export const documentSharingTemplate: WorkloadTemplate = {
  key: 'document-sharing',
  kind: OfferingKind.Saas,
  produces: 'workload',
  requiredParameters: [],
  customPlans: false,
  checkPlan: (plan) => checkMinimumPlan(plan, { cpuMillicores: 500, memoryMiB: 1024, storageGiB: 5 }),
  generateCredentials(context, randomToken) {
    return {
      adminUser: stringParameter(context.parameters, 'adminUser', 'admin'),
      adminPassword: randomToken(18),
      databaseUser: 'nextcloud',
      databasePassword: randomToken(24),
    };
  },
  render(context: RenderContext): InstanceWorkload {
    const { parameters } = context;
    const { dependency, main } = splitPlan(context.plan, DATABASE_SHARE);
    const customDomain = typeof parameters.customDomain === 'string' ? parameters.customDomain : undefined;
    const uploadLimit = `${numberParameter(parameters, 'uploadLimitMiB', 512)}M`;
    return {
      components: [
        postgresComponent({ name: DATABASE, version: '17', database: DATABASE_NAME, userKey: 'databaseUser', passwordKey: 'databasePassword', size: dependency }),
        {
          name: WEB,
          kind: 'Deployment',
          image: NEXTCLOUD_IMAGE,
          replicas: 1,
          port: { name: 'http', containerPort: 80 },
          secretEnv: {
            NEXTCLOUD_ADMIN_USER: 'adminUser',
            NEXTCLOUD_ADMIN_PASSWORD: 'adminPassword',
            POSTGRES_USER: 'databaseUser',
            POSTGRES_PASSWORD: 'databasePassword',
          },
          env: {
            POSTGRES_HOST: `${context.instanceSlug}-${DATABASE}`,
            POSTGRES_DB: DATABASE_NAME,
            NEXTCLOUD_TRUSTED_DOMAINS: [context.publicHostname, customDomain].filter(Boolean).join(' '),
            PHP_UPLOAD_LIMIT: uploadLimit,
            OVERWRITEPROTOCOL: 'https',
          },
          resources: { cpuMillicores: main.cpuMillicores, memoryMiB: main.memoryMiB },
          runAsUser: WWW_DATA,
          readOnlyRootFilesystem: false,
          scratchPaths: ['/tmp', '/var/run/apache2'],
          volume: { mountPath: '/var/www/html', storageGiB: main.storageGiB },
          probe: { type: 'http', path: '/status.php' },
          bindsPrivilegedPort: true,
        },
      ],
      ingress: { component: WEB, extraHosts: customDomain ? [customDomain] : [] },
    };
  },
};
