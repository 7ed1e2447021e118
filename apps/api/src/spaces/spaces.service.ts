import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrderEntity, OrderEventActor, SpaceEntity, TenantEntity, allocationInUse, allocationLimits, findAllocation, recordOrderCreated, reserveForOrder, transitionOrder } from '@nprod/database';
import {
  OrderAction,
  OrderStatus,
  OrderTarget,
  SpaceStatus,
  formatQuotaShortfalls,
  quotaOf,
  quotaShortfalls,
  spaceNamespaceName,
  validateSize,
  validateSlug,
  type ResourceAmounts,
} from '@nprod/domain';
import { writeOutboxJob } from '@nprod/jobs';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import { uniqueViolation } from '../common/unique-violation';
import type { CreateSpaceArgs } from './dto/create-space.args';
import type { SpaceFilter, SpaceListArgs } from './dto/space-list.args';
import { SpaceModel } from './models/space.model';

const SORTABLE: Record<string, string> = {
  name: 's.name',
  slug: 's.slug',
  namespace: 's.namespace',
  status: 's.status',
  cpuMillicores: 's.cpuMillicores',
  memoryMiB: 's.memoryMiB',
  storageGiB: 's.storageGiB',
  createdAt: 's.createdAt',
  updatedAt: 's.updatedAt',
  id: 's.id',
};

@Injectable()
export class SpacesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(user: AuthUser, args: SpaceListArgs): Promise<SpaceModel[]> {
    const window = listWindow(args, SORTABLE, 'createdAt');
    const spaces = await applyWindow((await this.scopedQuery(user, args.filter)).leftJoinAndSelect('s.cluster', 'c'), window).getMany();
    return spaces.map(SpaceModel.from);
  }

  async count(user: AuthUser, args: SpaceListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<SpaceModel> {
    const space = isUuid(id) ? await this.db.getRepository(SpaceEntity).findOne({ where: { id }, relations: { cluster: true } }) : null;
    if (!space) throw AppException.notFound('Space', id);
    await this.access.assertCanRead(user, space.tenantId).catch(() => {
      throw AppException.notFound('Space', id);
    });
    return SpaceModel.from(space);
  }

  /**
   * Reserves the size from the tenant's allocation, records the space, its order (approved:
   * it fits the allocation) and the provisioning job in one transaction. Any failure
   * rolls all of it back, so bad input stores nothing.
   */
  async create(user: AuthUser, args: CreateSpaceArgs): Promise<SpaceModel> {
    const size: ResourceAmounts = { cpuMillicores: args.cpuMillicores, memoryMiB: args.memoryMiB, storageGiB: args.storageGiB };
    const input = this.validateCreate(args, size);
    if (!isUuid(args.tenantId)) throw AppException.notFound('Tenant', args.tenantId);
    await this.access.assertCanManage(user, args.tenantId, 'create spaces for this tenant');
    const requestHash = hashRequest({ ...input, ...size });

    const spaceId = await this.db.transaction(async (manager) => {
      if (input.idempotencyKey) {
        const replayed = await this.replay(manager, args.tenantId, input.idempotencyKey, requestHash);
        if (replayed) return replayed;
      }
      // FOR SHARE: a suspension committing meanwhile waits for this order, or this order sees it.
      const tenant = await manager.getRepository(TenantEntity).findOne({ where: { id: args.tenantId }, lock: { mode: 'pessimistic_read' } });
      if (!tenant) throw AppException.notFound('Tenant', args.tenantId);
      this.access.assertTenantAcceptsOrders(tenant, 'order new spaces');
      try {
        const space = await manager.getRepository(SpaceEntity).save(
          manager.getRepository(SpaceEntity).create({
            tenantId: tenant.id,
            name: input.name,
            slug: input.slug,
            namespace: spaceNamespaceName(tenant.slug, input.slug),
            region: tenant.region,
            status: SpaceStatus.Provisioning,
            ...size,
          }),
        );
        const order = await manager.getRepository(OrderEntity).save(
          manager.getRepository(OrderEntity).create({
            tenantId: tenant.id,
            action: OrderAction.Create,
            target: OrderTarget.Space,
            spaceId: space.id,
            status: OrderStatus.Submitted,
            idempotencyKey: input.idempotencyKey,
            request: { name: input.name, slug: input.slug, ...size, requestHash },
            requestedById: user.id,
          }),
        );
        // Reserved last, so the allocation row stays locked only for the end of the transaction.
        await this.reserve(manager, tenant, order.id, size);
        const actor = { kind: OrderEventActor.User, id: user.id };
        await recordOrderCreated(manager, order, actor);
        await transitionOrder(manager, order, OrderStatus.Approved, { kind: OrderEventActor.System }, 'Fits within the allocation: approved automatically.');
        await writeOutboxJob(manager, { name: 'space.provision', data: { orderId: order.id } }, order.id);
        return space.id;
      } catch (error) {
        if (uniqueViolation(error)) {
          throw AppException.conflict(`${tenant.name} already has a space with the slug "${input.slug}"; choose a different slug.`, { field: 'slug' });
        }
        throw error;
      }
    });
    return this.get(user, spaceId);
  }

  private validateCreate(args: CreateSpaceArgs, size: ResourceAmounts) {
    const name = args.name.trim();
    if (name.length < 2 || name.length > 100) throw AppException.badInput('name', 'name must be 2 to 100 characters long.');
    const slug = validateSlug(args.slug);
    if (!slug.ok) throw AppException.badInput('slug', slug.message);
    for (const field of ['cpuMillicores', 'memoryMiB', 'storageGiB'] as const) {
      const check = validateSize({ ...size, cpuMillicores: 1, memoryMiB: 1, storageGiB: 1, [field]: size[field] });
      if (!check.ok) throw AppException.badInput(field, check.message);
    }
    const idempotencyKey = args.idempotencyKey?.trim() || null;
    if (idempotencyKey && idempotencyKey.length > 200) throw AppException.badInput('idempotencyKey', 'idempotencyKey must be at most 200 characters.');
    return { name, slug: args.slug, idempotencyKey };
  }

  private async reserve(manager: EntityManager, tenant: TenantEntity, orderId: string, size: ResourceAmounts): Promise<void> {
    const delta = quotaOf({ ...size, spaces: 1 });
    if (await reserveForOrder(manager, { orderId, tenantId: tenant.id, region: tenant.region, delta })) return;
    const allocation = await findAllocation(manager, tenant.id, tenant.region);
    if (!allocation) {
      throw AppException.badInput('tenantId', `${tenant.name} has no allocation in ${tenant.region}; ask a platform operator to allocate capacity first.`);
    }
    const shortfalls = quotaShortfalls(allocationLimits(allocation), allocationInUse(allocation), delta);
    throw AppException.quotaExceeded(
      shortfalls[0]?.resource === 'spaces' || !shortfalls[0] ? 'tenantId' : shortfalls[0].resource,
      `${tenant.name}: ${formatQuotaShortfalls(shortfalls)}`,
      shortfalls,
    );
  }

  /** The space of an earlier submit with the same key, or CONFLICT when the key was used for something else. */
  private async replay(manager: EntityManager, tenantId: string, idempotencyKey: string, requestHash: string): Promise<string | null> {
    const earlier = await manager.getRepository(OrderEntity).findOneBy({ tenantId, idempotencyKey });
    if (!earlier) return null;
    if (earlier.request.requestHash !== requestHash || !earlier.spaceId) {
      throw AppException.conflict('This idempotency key was already used for a different request; use a new key for a new space.', { field: 'idempotencyKey' });
    }
    return earlier.spaceId;
  }

  private async scopedQuery(user: AuthUser, filter: SpaceFilter | undefined): Promise<SelectQueryBuilder<SpaceEntity>> {
    const query = this.db.getRepository(SpaceEntity).createQueryBuilder('s');
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('s.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('s.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) query.andWhere('s.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter?.q?.trim()) query.andWhere('(s.name ILIKE :q OR s.slug ILIKE :q OR s.namespace ILIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    return query;
  }
}

function hashRequest(request: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(request, Object.keys(request).sort())).digest('hex');
}
