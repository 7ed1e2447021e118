import { OfferingKind, type ResourceAmounts } from '@nprod/domain';
import { type InstanceWorkload, type RandomToken, type RenderContext, type WorkloadComponent, type WorkloadTemplate, serviceHost, stringParameter } from './template';

const POSTGRES_IMAGES: Record<string, string> = { '16': 'postgres:16.10-alpine', '17': 'postgres:17.6-alpine' };
/** The `postgres` user of the official Alpine images. */
const POSTGRES_UID = 70;

/**
 * A single-replica PostgreSQL on a PVC. The data directory is a subdirectory of the volume
 * (initdb refuses a mount point with lost+found); the root filesystem stays read-only with
 * the socket directory and /tmp on emptyDirs.
 */
export function postgresComponent(options: { name: string; version: string; database: string; userKey: string; passwordKey: string; size: ResourceAmounts }): WorkloadComponent {
  const image = POSTGRES_IMAGES[options.version];
  if (!image) throw new RangeError(`PostgreSQL version ${options.version} is not offered; choose one of ${Object.keys(POSTGRES_IMAGES).join(', ')}`);
  return {
    name: options.name,
    kind: 'StatefulSet',
    image,
    replicas: 1,
    port: { name: 'postgres', containerPort: 5432 },
    secretEnv: { POSTGRES_USER: options.userKey, POSTGRES_PASSWORD: options.passwordKey },
    env: { POSTGRES_DB: options.database, PGDATA: '/var/lib/postgresql/data/pgdata' },
    resources: { cpuMillicores: options.size.cpuMillicores, memoryMiB: options.size.memoryMiB },
    runAsUser: POSTGRES_UID,
    readOnlyRootFilesystem: true,
    scratchPaths: ['/var/run/postgresql', '/tmp'],
    volume: { mountPath: '/var/lib/postgresql/data', storageGiB: options.size.storageGiB },
    probe: { type: 'exec', command: ['pg_isready', '-h', '127.0.0.1', '-p', '5432'] },
  };
}

const COMPONENT = 'postgres';

/** PaaS: a PostgreSQL database with generated credentials; the `uri` key is the connection string shown once to the owner. */
export const postgresqlTemplate: WorkloadTemplate = {
  key: 'postgresql',
  kind: OfferingKind.Paas,
  produces: 'workload',
  requiredParameters: [],
  customPlans: false,
  checkPlan: (plan) => (plan.storageGiB < 1 ? 'storageGiB must be at least 1: the database lives on a volume' : undefined),
  generateCredentials(context, randomToken: RandomToken) {
    const username = stringParameter(context.parameters, 'username', 'app');
    const database = stringParameter(context.parameters, 'databaseName', 'app');
    const password = randomToken(24);
    return { username, password, database, uri: `postgresql://${username}:${password}@${serviceHost(context, COMPONENT)}:5432/${database}` };
  },
  render(context: RenderContext): InstanceWorkload {
    return {
      components: [
        postgresComponent({
          name: COMPONENT,
          version: stringParameter(context.parameters, 'version', '17'),
          database: stringParameter(context.parameters, 'databaseName', 'app'),
          userKey: 'username',
          passwordKey: 'password',
          size: context.plan,
        }),
      ],
    };
  },
};
