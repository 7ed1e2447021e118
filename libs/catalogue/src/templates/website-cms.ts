import { OfferingKind } from '@nprod/domain';
import { type InstanceWorkload, type RenderContext, type WorkloadTemplate, checkMinimumPlan, splitPlan, stringParameter } from './template';

const WEB = 'web';
const DATABASE = 'db';
const JOOMLA_IMAGE = 'joomla:5.3-php8.3-apache';
const MARIADB_IMAGE = 'mariadb:11.4';
/** www-data in the Debian-based PHP images. */
const WWW_DATA = 33;
/** mysql in the official MariaDB image. */
const MYSQL_UID = 999;
/** The database gets this share of the plan; the site the rest. */
const DATABASE_SHARE = 0.4;
const DATABASE_NAME = 'joomla';
const DATABASE_USER = 'joomla';

/**
 * SaaS: a Joomla website with its MariaDB. The Joomla image installs itself from the
 * JOOMLA_SITE_NAME / JOOMLA_ADMIN_* variables on first start, so the site is ready with the
 * tenant's name and administrator; the generated admin password is shown once to the owner.
 * Apache writes under the image at start, so the site's root filesystem stays writable; the
 * database's is read-only.
 */
export const websiteCmsTemplate: WorkloadTemplate = {
  key: 'website-cms',
  kind: OfferingKind.Saas,
  produces: 'workload',
  requiredParameters: ['siteName', 'adminEmail'],
  customPlans: false,
  checkPlan: (plan) => checkMinimumPlan(plan, { cpuMillicores: 200, memoryMiB: 512, storageGiB: 2 }),
  generateCredentials(context, randomToken) {
    return {
      adminUsername: stringParameter(context.parameters, 'adminUsername', 'admin'),
      adminPassword: randomToken(18),
      databasePassword: randomToken(24),
      databaseRootPassword: randomToken(24),
    };
  },
  render(context: RenderContext): InstanceWorkload {
    const { parameters } = context;
    const { dependency, main } = splitPlan(context.plan, DATABASE_SHARE);
    const customDomain = typeof parameters.customDomain === 'string' ? parameters.customDomain : undefined;
    return {
      components: [
        {
          name: DATABASE,
          kind: 'StatefulSet',
          image: MARIADB_IMAGE,
          replicas: 1,
          port: { name: 'mysql', containerPort: 3306 },
          secretEnv: { MARIADB_PASSWORD: 'databasePassword', MARIADB_ROOT_PASSWORD: 'databaseRootPassword' },
          env: { MARIADB_DATABASE: DATABASE_NAME, MARIADB_USER: DATABASE_USER },
          resources: { cpuMillicores: dependency.cpuMillicores, memoryMiB: dependency.memoryMiB },
          runAsUser: MYSQL_UID,
          readOnlyRootFilesystem: true,
          scratchPaths: ['/run/mysqld', '/tmp'],
          volume: { mountPath: '/var/lib/mysql', storageGiB: dependency.storageGiB },
          probe: { type: 'tcp' },
        },
        {
          name: WEB,
          kind: 'Deployment',
          image: JOOMLA_IMAGE,
          replicas: 1,
          port: { name: 'http', containerPort: 80 },
          secretEnv: { JOOMLA_DB_PASSWORD: 'databasePassword', JOOMLA_ADMIN_USERNAME: 'adminUsername', JOOMLA_ADMIN_PASSWORD: 'adminPassword' },
          env: {
            JOOMLA_DB_HOST: `${context.instanceSlug}-${DATABASE}`,
            JOOMLA_DB_NAME: DATABASE_NAME,
            JOOMLA_DB_USER: DATABASE_USER,
            JOOMLA_SITE_NAME: stringParameter(parameters, 'siteName'),
            JOOMLA_ADMIN_USER: `${stringParameter(parameters, 'siteName')} administrator`,
            JOOMLA_ADMIN_EMAIL: stringParameter(parameters, 'adminEmail'),
          },
          resources: { cpuMillicores: main.cpuMillicores, memoryMiB: main.memoryMiB },
          runAsUser: WWW_DATA,
          readOnlyRootFilesystem: false,
          scratchPaths: ['/tmp', '/var/run/apache2'],
          volume: { mountPath: '/var/www/html', storageGiB: main.storageGiB },
          probe: { type: 'tcp' },
          bindsPrivilegedPort: true,
        },
      ],
      ingress: { component: WEB, extraHosts: customDomain ? [customDomain] : [] },
    };
  },
};
