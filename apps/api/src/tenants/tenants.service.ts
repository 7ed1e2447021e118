import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AllocationEntity, SpaceEntity, TenantEntity } from '@nprod/database';
import { SpaceStatus, TenantKind, TenantStatus, describeEnumValue, validateRegistryNumber, validateSlug } from '@nprod/domain';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { MAX_PER_PAGE, applyWindow, listWindow } from '../common/list.args';
import { uniqueViolation } from '../common/unique-violation';
import { escapeLike, isUuid } from '../common/sql-filters';
import type { CreateTenantArgs } from './dto/create-tenant.args';
import type { TenantFilter, TenantListArgs } from './dto/tenant-list.args';
import type { UpdateTenantArgs } from './dto/update-tenant.args';
import { AllocationModel } from './models/allocation.model';
import { TenantModel } from './models/tenant.model';

const SORTABLE: Record<string, string> = { name: 't.name', slug: 't.slug', kind: 't.kind', status: 't.status', region: 't.region', createdAt: 't.createdAt', id: 't.id' };
const REGION = /^[a-z][a-z0-9-]{1,31}$/;
const ALLOCATION_FIELDS = ['cpuMillicores', 'memoryMiB', 'storageGiB', 'maxSpaces', 'maxInstances'] as const;
/** Kinds whose tenants sit under a parent, and which kinds that parent may be. */
const ALLOWED_PARENT_KINDS: Record<TenantKind, readonly TenantKind[]> = {
  [TenantKind.Agency]: [TenantKind.Agency],
  [TenantKind.Municipality]: [TenantKind.Agency, TenantKind.Municipality],
  [TenantKind.Business]: [],
  [TenantKind.Individual]: [],
};

@Injectable()
export class TenantsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(user: AuthUser, args: TenantListArgs): Promise<TenantModel[]> {
    const window = listWindow(args, SORTABLE, 'name');
    return this.toModels(await applyWindow(await this.scopedQuery(user, args.filter), window).getMany());
  }

  async count(user: AuthUser, args: TenantListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<TenantModel> {
    await this.access.assertCanRead(user, id);
    const tenant = await this.db.getRepository(TenantEntity).findOneBy({ id });
    if (!tenant) throw AppException.notFound('Tenant', id);
    const [model] = await this.toModels([tenant]);
    return model;
  }

  /** Operators onboard a public body or customer with its first allocation, in one transaction. */
  async create(user: AuthUser, args: CreateTenantArgs): Promise<TenantModel> {
    this.access.assertOperator(user, 'onboard tenants');
    const input = this.validateCreate(args);
    const id = await this.db.transaction(async (manager) => {
      await this.checkParent(manager, user, input);
      try {
        const tenant = await manager.getRepository(TenantEntity).save(
          manager.getRepository(TenantEntity).create({
            name: input.name,
            slug: input.slug,
            kind: input.kind,
            status: TenantStatus.Active,
            registryNumber: input.registryNumber,
            region: input.region,
            parentId: input.parentId,
          }),
        );
        await manager.getRepository(AllocationEntity).insert({
          tenantId: tenant.id,
          region: tenant.region,
          cpuMillicores: input.cpuMillicores,
          memoryMiB: input.memoryMiB,
          storageGiB: input.storageGiB,
          maxSpaces: input.maxSpaces,
          maxInstances: input.maxInstances,
        });
        return tenant.id;
      } catch (error) {
        throw this.explainDuplicate(error, input);
      }
    });
    return this.get(user, id);
  }

  /**
   * Renames (owners and admins of the tenant or an ancestor, operators) and suspends or
   * activates (operators, with a reason). Only what differs from the stored tenant counts as
   * a change, so a form that sends every field back asks for no more than it changed.
   */
  async update(user: AuthUser, args: UpdateTenantArgs): Promise<TenantModel> {
    if (!isUuid(args.id)) throw AppException.notFound('Tenant', args.id);
    await this.access.assertCanRead(user, args.id);
    await this.db.transaction(async (manager) => {
      const tenants = manager.getRepository(TenantEntity);
      const tenant = await tenants.findOne({ where: { id: args.id }, lock: { mode: 'pessimistic_write' } });
      if (!tenant) throw AppException.notFound('Tenant', args.id);
      const changes: Partial<Pick<TenantEntity, 'name' | 'status' | 'statusReason'>> = {};
      if (args.name != null && args.name.trim() !== tenant.name) {
        await this.access.assertCanManage(user, tenant.id, 'rename this tenant');
        changes.name = validateName(args.name);
      }
      const statusChanged = args.status != null && args.status !== tenant.status;
      const newReason = args.statusReason === undefined ? undefined : args.statusReason?.trim() || null;
      const reasonChanged = newReason !== undefined && newReason !== tenant.statusReason;
      if (statusChanged || reasonChanged) {
        this.access.assertOperator(user, 'suspend or activate tenants or change the reason');
        Object.assign(changes, this.statusChange(tenant, statusChanged ? args.status! : tenant.status, reasonChanged ? newReason! : undefined));
      }
      if (Object.keys(changes).length > 0) await tenants.update({ id: tenant.id }, changes);
    });
    return this.get(user, args.id);
  }

  async ancestors(user: AuthUser, tenantId: string): Promise<TenantModel[]> {
    const ids = await this.access.ancestors(tenantId);
    if (ids.length === 0) return [];
    const visible = await this.list(user, { perPage: MAX_PER_PAGE, filter: { ids } });
    return ids.reverse().flatMap((id) => visible.filter((tenant) => tenant.id === id));
  }

  private statusChange(tenant: TenantEntity, status: TenantStatus, newReason: string | null | undefined) {
    if (status === TenantStatus.Pending && tenant.status !== TenantStatus.Pending) {
      throw AppException.badInput('status', 'A tenant cannot go back to PENDING; suspend it instead.');
    }
    if (status === TenantStatus.Suspended) {
      const statusReason = newReason ?? (tenant.status === TenantStatus.Suspended ? tenant.statusReason : null);
      if (!statusReason) throw AppException.badInput('statusReason', 'Say why the tenant is suspended: its users see the reason with every order it is refused.');
      if (statusReason.length > 500) throw AppException.badInput('statusReason', 'statusReason must be at most 500 characters.');
      return { status, statusReason };
    }
    // Activating clears the suspension's reason unless a new one is given.
    return { status, statusReason: newReason !== undefined ? newReason : status === tenant.status ? tenant.statusReason : null };
  }

  private validateCreate(args: CreateTenantArgs) {
    const name = validateName(args.name);
    const slug = validateSlug(args.slug);
    if (!slug.ok) throw AppException.badInput('slug', slug.message);
    const region = args.region.trim();
    if (!REGION.test(region)) throw AppException.badInput('region', `region must be a region code such as "almaty", got "${args.region}".`);
    const registryNumber = args.registryNumber?.trim() || null;
    if (registryNumber) {
      const check = validateRegistryNumber(args.kind, registryNumber);
      if (!check.ok) throw AppException.badInput('registryNumber', check.message);
    }
    for (const field of ALLOCATION_FIELDS) {
      const value = args[field];
      if (!Number.isSafeInteger(value) || value < 0) {
        throw AppException.badInput(field, `${field} must be zero or a positive whole number, got ${value}.`);
      }
    }
    const parentId = args.parentId || null;
    if (!parentId && args.kind === TenantKind.Municipality) {
      throw AppException.badInput('parentId', 'A municipality belongs to a regional agency: choose its parent tenant.');
    }
    return { ...args, name, region, registryNumber, parentId };
  }

  private async checkParent(manager: EntityManager, user: AuthUser, input: { kind: TenantKind; parentId: string | null }): Promise<void> {
    if (!input.parentId) return;
    await this.access.assertCanRead(user, input.parentId);
    const parent = await manager.getRepository(TenantEntity).findOneBy({ id: input.parentId });
    if (!parent) throw AppException.notFound('Tenant', input.parentId);
    const allowed = ALLOWED_PARENT_KINDS[input.kind];
    if (!allowed.includes(parent.kind)) {
      throw AppException.badInput(
        'parentId',
        allowed.length === 0
          ? `A ${describeEnumValue(input.kind)} tenant has no parent; leave the parent empty.`
          : `A ${describeEnumValue(input.kind)} can only sit under a tenant of kind ${allowed.map(describeEnumValue).join(' or ')}; ${parent.name} is of kind ${describeEnumValue(parent.kind)}.`,
      );
    }
  }

  private explainDuplicate(error: unknown, input: { slug: string; registryNumber: string | null }): unknown {
    const constraint = uniqueViolation(error);
    if (!constraint) return error;
    if (constraint === this.registryIndexName()) {
      return AppException.conflict(`A tenant with registry number ${input.registryNumber} already exists; look it up instead of creating it again.`, { field: 'registryNumber' });
    }
    return AppException.conflict(`The slug "${input.slug}" is already taken by another tenant; choose a different slug.`, { field: 'slug' });
  }

  private registryIndexName(): string | undefined {
    return this.db.getMetadata(TenantEntity).indices.find((index) => index.columns.some((column) => column.propertyName === 'registryNumber'))?.name;
  }

  private async scopedQuery(user: AuthUser, filter: TenantFilter | undefined): Promise<SelectQueryBuilder<TenantEntity>> {
    const query = this.db.getRepository(TenantEntity).createQueryBuilder('t');
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('t.id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('t.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.kind) query.andWhere('t.kind = :kind', { kind: filter.kind });
    if (filter?.status) query.andWhere('t.status = :status', { status: filter.status });
    if (filter?.parentId) query.andWhere('t.parent_id = :parentId', { parentId: isUuid(filter.parentId) ? filter.parentId : null });
    if (filter?.q?.trim()) {
      query.andWhere('(t.name ILIKE :q OR t.slug ILIKE :q OR t.registry_number LIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    }
    return query;
  }

  /** Allocations and space counts for a page of tenants in two queries, not two per row. */
  private async toModels(tenants: TenantEntity[]): Promise<TenantModel[]> {
    if (tenants.length === 0) return [];
    const ids = tenants.map((tenant) => tenant.id);
    const [allocations, counts] = await Promise.all([
      this.db.getRepository(AllocationEntity).createQueryBuilder('a').where('a.tenant_id = ANY(:ids::uuid[])', { ids }).getMany(),
      this.db
        .getRepository(SpaceEntity)
        .createQueryBuilder('s')
        .select('s.tenant_id', 'tenantId')
        .addSelect('COUNT(*)::int', 'count')
        .where('s.tenant_id = ANY(:ids::uuid[])', { ids })
        .andWhere('s.status <> :deleted', { deleted: SpaceStatus.Deleted })
        .groupBy('s.tenant_id')
        .getRawMany<{ tenantId: string; count: number }>(),
    ]);
    const spaceCounts = new Map(counts.map((row) => [row.tenantId, row.count]));
    return tenants.map((tenant) => {
      const allocation = allocations.find((a) => a.tenantId === tenant.id && a.region === tenant.region);
      return TenantModel.from(tenant, allocation ? AllocationModel.from(allocation) : null, spaceCounts.get(tenant.id) ?? 0);
    });
  }
}

function validateName(raw: string): string {
  const name = raw.trim();
  if (name.length < 2 || name.length > 200) throw AppException.badInput('name', 'name must be 2 to 200 characters long.');
  return name;
}
