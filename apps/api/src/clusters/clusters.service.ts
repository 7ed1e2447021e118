import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import {
  CLUSTER_CREDENTIALS_PURPOSE,
  ClusterEntity,
  NOTHING_RESERVED,
  SEALED_CREDENTIALS_REF,
  SecretBox,
  SpaceEntity,
  clusterCapacity,
  clusterReservations,
  liveSpacesOn,
  lockClusterPlacement,
} from '@nprod/database';
import { ClusterHealth, type ClusterCapacity, validateClusterCapacity } from '@nprod/domain';
import { writeOutboxJob } from '@nprod/jobs';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import { uniqueViolation } from '../common/unique-violation';
import { validateRegion } from '../quotas/allocations.service';
import type { ClusterCapacityArgs } from './dto/cluster-capacity.args';
import type { ClusterFilter, ClusterListArgs } from './dto/cluster-list.args';
import type { CordonClusterArgs } from './dto/cordon-cluster.args';
import type { RegisterClusterArgs } from './dto/register-cluster.args';
import type { UpdateClusterArgs } from './dto/update-cluster.args';
import { type CheckedKubeconfig, checkKubeconfig, kubeconfigForToken } from './kubeconfig';
import { ClusterModel } from './models/cluster.model';

const SORTABLE: Record<string, string> = {
  name: 'c.name',
  apiUrl: 'c.apiUrl',
  health: 'c.health',
  cordoned: 'c.cordoned',
  lastSeenAt: 'c.lastSeenAt',
  createdAt: 'c.createdAt',
  updatedAt: 'c.updatedAt',
  id: 'c.id',
};

const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const MAX_QPS = 1000;
const MAX_REASON_LENGTH = 500;

type Credentials = Pick<RegisterClusterArgs, 'kubeconfig' | 'apiUrl' | 'token' | 'caData'>;

/**
 * Operators register the clusters spaces are placed on; auditors read them. The API only
 * stores and seals: the worker connects, probes and places (docs/decisions/0010).
 */
@Injectable()
export class ClustersService {
  private readonly box: SecretBox | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = config.auth.dataEncryptionKey ? new SecretBox(config.auth.dataEncryptionKey, CLUSTER_CREDENTIALS_PURPOSE) : null;
  }

  async list(user: AuthUser, args: ClusterListArgs): Promise<ClusterModel[]> {
    this.access.assertPlatformStaff(user, 'see clusters');
    const window = listWindow(args, SORTABLE, 'name');
    return this.withReservations(await applyWindow(this.query(args.filter), window).getMany());
  }

  async count(user: AuthUser, args: ClusterListArgs): Promise<number> {
    this.access.assertPlatformStaff(user, 'see clusters');
    return this.query(args.filter).getCount();
  }

  async get(user: AuthUser, id: string): Promise<ClusterModel> {
    this.access.assertPlatformStaff(user, 'see clusters');
    return (await this.withReservations([await this.find(this.db.manager, id)]))[0];
  }

  async register(user: AuthUser, args: RegisterClusterArgs): Promise<ClusterModel> {
    this.access.assertOperator(user, 'register clusters');
    const name = validateName(args.name);
    const regions = validateRegions(args.regions);
    const capacity = validateCapacity(args);
    const qps = validateQps(args.qps);
    const credentials = checkCredentials(args);
    if (!credentials) throw AppException.badInput('kubeconfig', 'Give the cluster credentials: a kubeconfig, or apiUrl with a service account token.');
    const box = this.requireBox();
    const id = randomUUID();
    const cluster = await this.db
      .transaction(async (manager) => {
        await manager.getRepository(ClusterEntity).insert({
          id,
          name,
          regions,
          apiUrl: credentials.server,
          credentialsRef: SEALED_CREDENTIALS_REF,
          credentialsSealed: box.seal(Buffer.from(credentials.yaml, 'utf8'), id),
          qps,
          ...capacityColumns(capacity),
          sandbox: false,
          cordoned: false,
          health: ClusterHealth.Unknown,
        });
        await notifyWorker(manager, id);
        return manager.getRepository(ClusterEntity).findOneByOrFail({ id });
      })
      .catch((error: unknown) => {
        throw uniqueViolation(error) ? AppException.badInput('name', `A cluster named ${name} is already registered; choose another name.`) : error;
      });
    return ClusterModel.from(cluster, NOTHING_RESERVED);
  }

  async update(user: AuthUser, args: UpdateClusterArgs): Promise<ClusterModel> {
    this.access.assertOperator(user, 'change clusters');
    const changes: Partial<ClusterEntity> = {};
    const existing = await this.find(this.db.manager, args.id);
    const sealed = existing.credentialsRef === SEALED_CREDENTIALS_REF;
    if (args.name !== undefined && args.name !== null && args.name !== existing.name) {
      if (!sealed) throw AppException.badInput('name', `${existing.name} is the cluster the worker was started with; it keeps the name of its kubeconfig context.`);
      changes.name = validateName(args.name);
    }
    if (args.regions !== undefined && args.regions !== null && !sameRegions(args.regions, existing.regions)) {
      if (!sealed) throw AppException.badInput('regions', `${existing.name} is the cluster the worker was started with; set its regions with KUBE_CLUSTER_REGIONS on the worker.`);
      changes.regions = validateRegions(args.regions);
    }
    const capacity = validateCapacity({ ...capacityArgs(existing), ...definedOnly(args) });
    Object.assign(changes, capacityColumns(capacity));
    if (args.qps !== undefined) changes.qps = validateQps(args.qps);
    // ra-data-graphql-simple sends the record back whole: its own apiUrl without a token is no change.
    const credentials = checkCredentials({ ...args, apiUrl: args.apiUrl === existing.apiUrl && !args.token ? undefined : args.apiUrl });
    if (credentials) {
      if (!sealed) throw AppException.badInput('kubeconfig', `${existing.name} is the cluster the worker was started with; its credentials come from the worker's environment.`);
      changes.apiUrl = credentials.server;
      changes.credentialsSealed = this.requireBox().seal(Buffer.from(credentials.yaml, 'utf8'), existing.id);
      changes.health = ClusterHealth.Unknown;
      changes.healthReason = null;
      changes.healthReasonCode = null;
    }
    const cluster = await this.db
      .transaction(async (manager) => {
        await manager.getRepository(ClusterEntity).update({ id: existing.id }, changes);
        await notifyWorker(manager, existing.id);
        return manager.getRepository(ClusterEntity).findOneByOrFail({ id: existing.id });
      })
      .catch((error: unknown) => {
        throw uniqueViolation(error) ? AppException.badInput('name', `A cluster named ${changes.name} is already registered; choose another name.`) : error;
      });
    return (await this.withReservations([cluster]))[0];
  }

  /** No new spaces go to a cordoned cluster; those on it stay and keep being reconciled. */
  async cordon(user: AuthUser, args: CordonClusterArgs): Promise<ClusterModel> {
    this.access.assertOperator(user, 'cordon clusters');
    const reason = args.reason.trim();
    if (!reason) throw AppException.badInput('reason', 'Say why the cluster takes no new spaces; waiting orders show it.');
    if (reason.length > MAX_REASON_LENGTH) throw AppException.badInput('reason', `The reason must be at most ${MAX_REASON_LENGTH} characters, got ${reason.length}.`);
    const existing = await this.find(this.db.manager, args.id);
    await this.db.getRepository(ClusterEntity).update({ id: existing.id }, { cordoned: true, cordonReason: reason });
    return this.get(user, existing.id);
  }

  async uncordon(user: AuthUser, id: string): Promise<ClusterModel> {
    this.access.assertOperator(user, 'uncordon clusters');
    const existing = await this.find(this.db.manager, id);
    await this.db.transaction(async (manager) => {
      await manager.getRepository(ClusterEntity).update({ id: existing.id }, { cordoned: false, cordonReason: null });
      await notifyWorker(manager, existing.id);
    });
    return this.get(user, existing.id);
  }

  /** Refused while live spaces are on it; spaces that were deleted or failed there let go of it. */
  async delete(user: AuthUser, id: string): Promise<ClusterModel> {
    this.access.assertOperator(user, 'delete clusters');
    return this.db.transaction(async (manager) => {
      await lockClusterPlacement(manager);
      const cluster = await this.find(manager, id);
      if (cluster.credentialsRef !== SEALED_CREDENTIALS_REF) {
        throw AppException.conflict(`${cluster.name} is the cluster the worker was started with and comes back at its next start; cordon it instead.`);
      }
      const live = await liveSpacesOn(manager, cluster.id);
      if (live > 0) {
        throw AppException.conflict(
          `${cluster.name} still holds ${live} ${live === 1 ? 'space' : 'spaces'}; delete or move ${live === 1 ? 'it' : 'them'} first, and cordon the cluster meanwhile so no new ones arrive.`,
          { field: 'id', spaces: live },
        );
      }
      // Only deleted or failed spaces are left: they keep no claim on the cluster.
      await manager.getRepository(SpaceEntity).update({ clusterId: cluster.id }, { clusterId: null });
      await manager.getRepository(ClusterEntity).delete({ id: cluster.id });
      return ClusterModel.from(cluster, NOTHING_RESERVED);
    });
  }

  private requireBox(): SecretBox {
    if (!this.box) {
      throw AppException.forbidden('Cluster credentials cannot be stored: DATA_ENCRYPTION_KEY is not set on the API. Set the same key on the API and the worker, then register the cluster again.', {
        field: 'kubeconfig',
      });
    }
    return this.box;
  }

  private async find(manager: EntityManager, id: string): Promise<ClusterEntity> {
    const cluster = isUuid(id) ? await manager.getRepository(ClusterEntity).findOneBy({ id }) : null;
    if (!cluster) throw AppException.notFound('Cluster', id);
    return cluster;
  }

  private async withReservations(clusters: ClusterEntity[]): Promise<ClusterModel[]> {
    const reserved = await clusterReservations(this.db.manager, clusters.map((cluster) => cluster.id));
    return clusters.map((cluster) => ClusterModel.from(cluster, reserved.get(cluster.id) ?? NOTHING_RESERVED));
  }

  private query(filter: ClusterFilter | undefined): SelectQueryBuilder<ClusterEntity> {
    const query = this.db.getRepository(ClusterEntity).createQueryBuilder('c');
    if (filter?.ids) query.andWhere('c.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.q?.trim()) query.andWhere("(c.name ILIKE :q ESCAPE '\\' OR c.api_url ILIKE :q ESCAPE '\\')", { q: `%${escapeLike(filter.q.trim())}%` });
    if (filter?.region) query.andWhere(':region = ANY(c.regions)', { region: filter.region.trim() });
    if (filter?.cordoned !== undefined && filter.cordoned !== null) query.andWhere('c.cordoned = :cordoned', { cordoned: filter.cordoned });
    if (filter?.health) query.andWhere('c.health = :health', { health: filter.health });
    return query;
  }
}

/** The worker reloads its clusters and retries the space orders that wait for room. */
async function notifyWorker(manager: EntityManager, clusterId: string): Promise<void> {
  await writeOutboxJob(manager, { name: 'cluster.changed', data: { clusterId } }, `cluster-changed-${clusterId}-${randomUUID()}`);
}

function validateName(value: string): string {
  const name = value.trim();
  if (!CLUSTER_NAME.test(name)) throw AppException.badInput('name', `The cluster name must be lowercase letters, digits and dashes (at most 63), such as "kz-almaty-1", got "${value}".`);
  return name;
}

function validateRegions(values: string[]): string[] {
  if (values.length === 0) throw AppException.badInput('regions', 'Name at least one region the cluster serves, e.g. "almaty".');
  try {
    return [...new Set(values.map(validateRegion))];
  } catch (error) {
    throw error instanceof AppException ? AppException.badInput('regions', error.message) : error;
  }
}

function validateQps(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < 1 || value > MAX_QPS) throw AppException.badInput('qps', `qps must be a whole number from 1 to ${MAX_QPS} requests per second, or empty for the worker default, got ${value}.`);
  return value;
}

/** Argument names are capacityX; the domain rule calls them X. */
function validateCapacity(args: ClusterCapacityArgs): ClusterCapacity {
  const capacity: ClusterCapacity = {
    cpuMillicores: args.capacityCpuMillicores ?? null,
    memoryMiB: args.capacityMemoryMiB ?? null,
    storageGiB: args.capacityStorageGiB ?? null,
    maxSpaces: args.capacityMaxSpaces ?? null,
  };
  const check = validateClusterCapacity(capacity);
  if (!check.ok) {
    const field = `capacity${check.field![0].toUpperCase()}${check.field!.slice(1)}`;
    throw AppException.badInput(field, check.message.replace(check.field!, field));
  }
  return capacity;
}

function capacityArgs(cluster: ClusterEntity): ClusterCapacityArgs {
  const capacity = clusterCapacity(cluster);
  return { capacityCpuMillicores: capacity.cpuMillicores, capacityMemoryMiB: capacity.memoryMiB, capacityStorageGiB: capacity.storageGiB, capacityMaxSpaces: capacity.maxSpaces };
}

function capacityColumns(capacity: ClusterCapacity): Pick<ClusterEntity, 'capacityCpuMillicores' | 'capacityMemoryMiB' | 'capacityStorageGiB' | 'capacityMaxSpaces'> {
  return { capacityCpuMillicores: capacity.cpuMillicores, capacityMemoryMiB: capacity.memoryMiB, capacityStorageGiB: capacity.storageGiB, capacityMaxSpaces: capacity.maxSpaces };
}

/** Capacity arguments that were sent (null included: "no limit"); absent ones keep the current value. */
function definedOnly(args: ClusterCapacityArgs): ClusterCapacityArgs {
  const keys = ['capacityCpuMillicores', 'capacityMemoryMiB', 'capacityStorageGiB', 'capacityMaxSpaces'] as const;
  return Object.fromEntries(keys.filter((key) => args[key] !== undefined).map((key) => [key, args[key]]));
}

function sameRegions(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((region) => b.includes(region));
}

/** A kubeconfig, or apiUrl + token; null when neither is given. Mixing them is refused. */
function checkCredentials(args: Credentials): CheckedKubeconfig | null {
  const kubeconfig = args.kubeconfig?.trim();
  const token = args.token?.trim();
  if (kubeconfig && (token || args.apiUrl?.trim())) throw AppException.badInput('kubeconfig', 'Give either a kubeconfig, or apiUrl with a token, not both.');
  if (kubeconfig) return checkKubeconfig(kubeconfig);
  if (!token && !args.apiUrl?.trim()) return null;
  if (!args.apiUrl?.trim()) throw AppException.badInput('apiUrl', 'With a token, give the https address of the API server too.');
  if (!token) throw AppException.badInput('token', 'With apiUrl, give a service account bearer token too (or paste a kubeconfig instead).');
  return kubeconfigForToken(args.apiUrl, token, args.caData ?? undefined);
}
