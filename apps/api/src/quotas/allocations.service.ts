import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AllocationEntity,
  TenantEntity,
  allocationInUse,
  allocationLimits,
  changeHandedDown,
  ensureAllocation,
  findAllocation,
  setAllocationLimits,
} from '@nprod/database';
import {
  PlatformRole,
  QUOTA_FIELD,
  QUOTA_RESOURCES,
  type QuotaAmounts,
  formatLimitsBelowUse,
  formatParentShortfalls,
  limitsBelowUse,
  quotaDelta,
  quotaShortfalls,
  validateQuotaAmounts,
} from '@nprod/domain';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy, inScope } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { isUuid } from '../common/sql-filters';
import type { AllocationFilter, AllocationListArgs } from './dto/allocation-list.args';
import type { SetAllocationArgs } from './dto/set-allocation.args';
import { AllocationModel } from './models/allocation.model';

const SORTABLE: Record<string, string> = {
  region: 'a.region',
  tenantId: 'a.tenantId',
  cpuMillicores: 'a.cpuMillicores',
  memoryMiB: 'a.memoryMiB',
  storageGiB: 'a.storageGiB',
  maxSpaces: 'a.maxSpaces',
  maxInstances: 'a.maxInstances',
  usedCpuMillicores: 'a.usedCpuMillicores',
  usedMemoryMiB: 'a.usedMemoryMiB',
  usedStorageGiB: 'a.usedStorageGiB',
  usedSpaces: 'a.usedSpaces',
  updatedAt: 'a.updatedAt',
  id: 'a.id',
};

const REGION = /^[a-z][a-z0-9-]{1,31}$/;

/** Who pays for a change of limits: the platform (operators) or the parent tenant's own allocation. */
export type AllocationFunding = 'operator' | 'parent';

export function validateRegion(value: string): string {
  const region = value.trim();
  if (!REGION.test(region)) throw AppException.badInput('region', `region must be a region code such as "almaty", got "${value}".`);
  return region;
}

export function throwIfInvalid(check: { ok: true } | { ok: false; field: string; message: string }): void {
  if (!check.ok) throw AppException.badInput(check.field, check.message);
}

/**
 * Allocations per tenant and region, and the one path that changes their limits: decreases
 * never below use, and a child's carved allocation moves the same change into its parent's
 * `allocated_to_children_*` with a conditional UPDATE (docs/decisions/0006).
 */
@Injectable()
export class AllocationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(user: AuthUser, args: AllocationListArgs): Promise<AllocationModel[]> {
    const window = listWindow(args, SORTABLE, 'region');
    return (await applyWindow(await this.scopedQuery(user, args.filter), window).getMany()).map(AllocationModel.from);
  }

  async count(user: AuthUser, args: AllocationListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<AllocationModel> {
    const allocation = isUuid(id) ? await this.db.getRepository(AllocationEntity).findOneBy({ id }) : null;
    if (!allocation) throw AppException.notFound('Allocation', id);
    await this.access.assertCanRead(user, allocation.tenantId).catch(() => {
      throw AppException.notFound('Allocation', id);
    });
    return AllocationModel.from(allocation);
  }

  /** Creates or changes a tenant's allocation in a region: operators for anyone, a parent's owners and admins for its children. */
  async set(user: AuthUser, args: SetAllocationArgs): Promise<AllocationModel> {
    const region = validateRegion(args.region);
    const limits: QuotaAmounts = {
      cpuMillicores: args.cpuMillicores,
      memoryMiB: args.memoryMiB,
      storageGiB: args.storageGiB,
      spaces: args.maxSpaces,
      instances: args.maxInstances,
    };
    throwIfInvalid(validateQuotaAmounts(limits));
    if (!isUuid(args.tenantId)) throw AppException.notFound('Tenant', args.tenantId);
    await this.access.assertCanRead(user, args.tenantId);
    const tenant = await this.db.getRepository(TenantEntity).findOneBy({ id: args.tenantId });
    if (!tenant) throw AppException.notFound('Tenant', args.tenantId);
    const funding = await this.fundingFor(user, tenant);
    const allocation = await this.db.transaction((manager) => this.changeLimits(manager, tenant, region, funding, () => limits));
    return AllocationModel.from(allocation);
  }

  /**
   * Sets new limits (computed from the current ones under the row lock) atomically. A carved
   * allocation takes the change from its parent, which must have it free; nothing goes below
   * what is in use. Throws with the numbers otherwise; the caller's transaction rolls back.
   */
  async changeLimits(
    manager: EntityManager,
    tenant: TenantEntity,
    region: string,
    funding: AllocationFunding,
    next: (current: QuotaAmounts) => QuotaAmounts,
  ): Promise<AllocationEntity> {
    const parentAllocation = funding === 'parent' ? await this.parentAllocation(manager, tenant, region) : null;
    const allocation = await ensureAllocation(manager, tenant.id, region, parentAllocation?.id ?? null);
    const carvedFrom = parentAllocation ? this.carvedFrom(allocation, parentAllocation, tenant) : allocation.parentAllocationId;
    // When the parent adopts an empty operator-made allocation, current is all zeros: the parent funds all of it.
    const current = allocationLimits(allocation);
    const limits = next(current);

    const below = limitsBelowUse(limits, allocationInUse(allocation));
    if (below.length > 0) {
      throw AppException.badInput(
        below[0].field,
        `${tenant.name}'s allocation in ${region} cannot go below what is in use. ${formatLimitsBelowUse(below)}. ` +
          'Free capacity first (remove spaces or instances, or lower what was handed down to child tenants), or choose higher limits.',
        { reason: 'BELOW_USE', inUse: below },
      );
    }
    if (carvedFrom) {
      const delta = quotaDelta(current, limits);
      if (!(await changeHandedDown(manager, carvedFrom, delta))) await this.explainParentShortfall(manager, carvedFrom, delta);
    }
    if (!(await setAllocationLimits(manager, allocation.id, limits, carvedFrom))) {
      throw new Error(`allocation ${allocation.id} changed under its own row lock`);
    }
    return manager.getRepository(AllocationEntity).findOneByOrFail({ id: allocation.id });
  }

  /** Operators set anyone's allocation; owners and admins of the parent hand down from the parent's. */
  async fundingFor(user: AuthUser, tenant: TenantEntity): Promise<AllocationFunding> {
    if (user.platformRole === PlatformRole.Operator) return 'operator';
    if (tenant.parentId && inScope(await this.access.manageableTenants(user), tenant.parentId)) return 'parent';
    throw AppException.forbidden(
      `Only platform operators, or owners and admins of ${tenant.name}'s parent tenant, can set its allocation; to get more capacity, file a quota request (requestQuota).`,
    );
  }

  private async parentAllocation(manager: EntityManager, tenant: TenantEntity, region: string): Promise<AllocationEntity> {
    const parent = tenant.parentId ? await manager.getRepository(TenantEntity).findOneBy({ id: tenant.parentId }) : null;
    const allocation = parent ? await findAllocation(manager, parent.id, region) : null;
    if (!parent || !allocation) {
      throw AppException.badInput('region', `${parent?.name ?? 'The parent tenant'} has no allocation in ${region}, so it has nothing to hand down there; choose a region where it has one.`);
    }
    return allocation;
  }

  /** A parent hands down into an allocation it already funds, a new one, or an empty one an operator made. */
  private carvedFrom(allocation: AllocationEntity, parentAllocation: AllocationEntity, tenant: TenantEntity): string {
    if (allocation.parentAllocationId === parentAllocation.id) return parentAllocation.id;
    const limits = allocationLimits(allocation);
    const inUse = allocationInUse(allocation);
    if (allocation.parentAllocationId === null && QUOTA_RESOURCES.every((resource) => limits[resource] === 0 && inUse[resource] === 0)) return parentAllocation.id;
    throw AppException.forbidden(
      `${tenant.name}'s allocation in ${allocation.region} was granted by a platform operator, not handed down by its parent; only an operator can change it.`,
    );
  }

  private async explainParentShortfall(manager: EntityManager, parentAllocationId: string, delta: QuotaAmounts): Promise<never> {
    const parent = await manager.getRepository(AllocationEntity).findOneByOrFail({ id: parentAllocationId });
    const parentTenant = await manager.getRepository(TenantEntity).findOneByOrFail({ id: parent.tenantId });
    const shortfalls = quotaShortfalls(allocationLimits(parent), allocationInUse(parent), delta);
    const first = shortfalls[0]?.resource;
    throw AppException.quotaExceeded(first ? QUOTA_FIELD[first as keyof QuotaAmounts] : 'tenantId', formatParentShortfalls(parentTenant.name, shortfalls), shortfalls);
  }

  private async scopedQuery(user: AuthUser, filter: AllocationFilter | undefined): Promise<SelectQueryBuilder<AllocationEntity>> {
    const query = this.db.getRepository(AllocationEntity).createQueryBuilder('a');
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('a.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('a.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) query.andWhere('a.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.region) query.andWhere('a.region = :region', { region: filter.region.trim() });
    return query;
  }
}
