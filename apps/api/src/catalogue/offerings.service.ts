import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type FieldError,
  type OfferingDraft,
  type OfferingPlan,
  InvalidInstanceRequestError,
  canTenantOrder,
  instanceFootprint,
  instancePricePerHour,
  isPublicBody,
  prepareInstanceRequest,
  validateOfferingDraft,
} from '@nprod/catalogue';
import { type OfferingApprovalThreshold, OfferingEntity, type OfferingPlanRecord, OfferingVersionEntity, TenantEntity } from '@nprod/database';
import { OfferingVisibility, type ResourceAmounts, type TenantKind } from '@nprod/domain';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import { uniqueViolation } from '../common/unique-violation';
import type { CreateOfferingArgs } from './dto/create-offering.args';
import type { OfferingFilter, OfferingListArgs } from './dto/offering-list.args';
import type { OfferingPlanInput, ResourceThresholdInput } from './dto/offering-plan.input';
import type { UpdateOfferingArgs } from './dto/update-offering.args';
import { OfferingModel, OfferingVersionModel } from './models/offering.model';

const SORTABLE: Record<string, string> = { name: 'o.name', key: 'o.key', kind: 'o.kind', visibility: 'o.visibility', createdAt: 'o.createdAt', updatedAt: 'o.updatedAt', id: 'o.id' };

/** Which offerings a caller sees: everything (platform staff), or by the kinds and ids of the tenants the access policy lets them read. */
type Audience = 'all' | { publicBody: boolean; tenantIds: string[] };

/** An order checked against the catalogue: what the orders service stores and counts. */
export interface PreparedOffering {
  offering: OfferingEntity;
  /** The version the order pins. */
  version: OfferingVersionEntity;
  /** The plan, with a custom size resolved. */
  plan: OfferingPlan;
  /** Validated, with the schema's defaults. */
  parameters: Record<string, unknown>;
  /** What the order takes from the allocation. */
  footprint: ResourceAmounts;
  pricePerHourTiyn: number;
}

/** JSON with object keys sorted: jsonb does not keep key order, so compare this way. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function toPlanRecord(plan: OfferingPlanInput | OfferingPlan): OfferingPlanRecord {
  return {
    key: plan.key,
    name: plan.name.trim(),
    ...(plan.description?.trim() ? { description: plan.description.trim() } : {}),
    cpuMillicores: plan.cpuMillicores,
    memoryMiB: plan.memoryMiB,
    storageGiB: plan.storageGiB,
    pricePerHourTiyn: plan.pricePerHourTiyn,
    ...(plan.custom ? { custom: { cpuCoreHourTiyn: plan.custom.cpuCoreHourTiyn, memoryGiBHourTiyn: plan.custom.memoryGiBHourTiyn, storageGiBHourTiyn: plan.custom.storageGiBHourTiyn } } : {}),
  };
}

function toThreshold(input: ResourceThresholdInput | OfferingApprovalThreshold | null | undefined): OfferingApprovalThreshold | null {
  if (!input) return null;
  const threshold: OfferingApprovalThreshold = {};
  for (const name of ['cpuMillicores', 'memoryMiB', 'storageGiB'] as const) {
    const value = input[name];
    if (value !== undefined && value !== null) threshold[name] = value;
  }
  return Object.keys(threshold).length > 0 ? threshold : null;
}

function refuse(errors: readonly FieldError[]): AppException {
  const [first] = errors;
  return AppException.badInput(first.field, errors.map((error) => error.message).join(' '), { errors });
}

@Injectable()
export class OfferingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(user: AuthUser, args: OfferingListArgs): Promise<OfferingModel[]> {
    const window = listWindow(args, SORTABLE, 'name');
    const audience = await this.audience(user);
    const offerings = await applyWindow(this.scopedQuery(audience, args.filter), window).getMany();
    return this.toModels(offerings, audience);
  }

  async count(user: AuthUser, args: OfferingListArgs): Promise<number> {
    return this.scopedQuery(await this.audience(user), args.filter).getCount();
  }

  /** Retired offerings stay readable by id, so an instance page can still show what it runs. */
  async get(user: AuthUser, id: string): Promise<OfferingModel> {
    const audience = await this.audience(user);
    const offering = isUuid(id) ? await this.scopedQuery(audience, { includeRetired: true }).andWhere('o.id = :id', { id }).getOne() : null;
    if (!offering) throw AppException.notFound('Offering', id);
    const [model] = await this.toModels([offering], audience);
    return model;
  }

  /** Every version of an offering, newest first. */
  async versions(offeringId: string): Promise<OfferingVersionModel[]> {
    const rows = await this.db.getRepository(OfferingVersionEntity).find({ where: { offeringId }, order: { version: 'DESC' } });
    return rows.map(OfferingVersionModel.from);
  }

  async create(user: AuthUser, args: CreateOfferingArgs): Promise<OfferingModel> {
    this.access.assertOperator(user, 'create offerings');
    const draft: OfferingDraft = {
      key: args.key,
      kind: args.kind,
      name: args.name.trim(),
      description: args.description.trim(),
      template: args.template,
      plans: args.plans.map(toPlanRecord),
      parametersSchema: args.parametersSchema,
      approvalPolicy: args.approvalPolicy,
      approvalThreshold: toThreshold(args.approvalThreshold),
      visibility: args.visibility,
      allowedTenantIds: [...new Set(args.allowedTenantIds ?? [])],
    };
    const errors = validateOfferingDraft(draft);
    if (errors.length > 0) throw refuse(errors);
    const id = await this.db.transaction(async (manager) => {
      await this.checkTenantsExist(manager, draft.allowedTenantIds ?? []);
      try {
        return await insertOffering(manager, draft, user.id);
      } catch (error) {
        if (uniqueViolation(error)) throw AppException.conflict(`An offering with key "${draft.key}" already exists; edit it instead, or choose another key.`, { field: 'key' });
        throw error;
      }
    });
    return this.get(user, id);
  }

  /** Changes what is given; a new template, plans or schema become a new version, which new orders get. */
  async update(user: AuthUser, args: UpdateOfferingArgs): Promise<OfferingModel> {
    this.access.assertOperator(user, 'edit offerings');
    if (!isUuid(args.id)) throw AppException.notFound('Offering', args.id);
    await this.db.transaction(async (manager) => {
      const offering = await manager.getRepository(OfferingEntity).createQueryBuilder('o').setLock('pessimistic_write').where('o.id = :id', { id: args.id }).getOne();
      if (!offering) throw AppException.notFound('Offering', args.id);
      const current = await manager.getRepository(OfferingVersionEntity).findOneByOrFail({ offeringId: offering.id, version: offering.currentVersion });
      const visibility = args.visibility ?? offering.visibility;
      // Switching away from NAMED_TENANTS without naming tenants again clears the list rather than refusing.
      const keptTenants = visibility === OfferingVisibility.NamedTenants ? offering.allowedTenantIds : [];
      const draft: OfferingDraft = {
        key: offering.key,
        kind: offering.kind,
        name: (args.name ?? offering.name).trim(),
        description: (args.description ?? offering.description).trim(),
        template: args.template ?? current.template,
        plans: args.plans ? args.plans.map(toPlanRecord) : current.plans,
        parametersSchema: args.parametersSchema ?? current.parametersSchema,
        approvalPolicy: args.approvalPolicy ?? offering.approvalPolicy,
        approvalThreshold: args.approvalThreshold !== undefined ? toThreshold(args.approvalThreshold) : offering.approvalThreshold,
        visibility,
        allowedTenantIds: args.allowedTenantIds ? [...new Set(args.allowedTenantIds)] : keptTenants,
      };
      const errors = validateOfferingDraft(draft);
      if (errors.length > 0) throw refuse(errors);
      if (args.allowedTenantIds) await this.checkTenantsExist(manager, draft.allowedTenantIds ?? []);
      const changed = canonical({ template: draft.template, plans: draft.plans, parametersSchema: draft.parametersSchema }) !== canonical({ template: current.template, plans: current.plans, parametersSchema: current.parametersSchema });
      if (changed) {
        await insertVersion(manager, offering.id, offering.currentVersion + 1, draft, user.id);
      }
      await manager.getRepository(OfferingEntity).update(offering.id, {
        name: draft.name,
        description: draft.description,
        visibility: draft.visibility,
        allowedTenantIds: [...(draft.allowedTenantIds ?? [])],
        approvalPolicy: draft.approvalPolicy,
        approvalThreshold: toThreshold(draft.approvalThreshold),
        currentVersion: changed ? offering.currentVersion + 1 : offering.currentVersion,
      });
    });
    return this.get(user, args.id);
  }

  /** Stops new orders; instances already running are untouched. Retiring twice keeps the first date. */
  async retire(user: AuthUser, id: string): Promise<OfferingModel> {
    this.access.assertOperator(user, 'retire offerings');
    if (!isUuid(id)) throw AppException.notFound('Offering', id);
    const result = await this.db.getRepository(OfferingEntity).createQueryBuilder().update().set({ retiredAt: () => 'COALESCE(retired_at, now())' }).where('id = :id', { id }).execute();
    if (!result.affected) throw AppException.notFound('Offering', id);
    return this.get(user, id);
  }

  /**
   * Checks an order against the catalogue for the orders service: the offering exists, is not
   * retired, may be ordered by the tenant; the plan exists; the parameters pass the schema.
   * Pins the current version (or `versionId`, for a change to an existing instance). Every
   * refusal is an AppException naming its field (`offeringId`, `planKey`, `parameters.port`).
   */
  async prepareOrder(
    input: { offeringId: string; tenant: { id: string; kind: TenantKind }; planKey: string; parameters: unknown; versionId?: string },
    manager: EntityManager = this.db.manager,
  ): Promise<PreparedOffering> {
    const offering = isUuid(input.offeringId) ? await manager.getRepository(OfferingEntity).findOneBy({ id: input.offeringId }) : null;
    if (!offering) throw AppException.notFound('Offering', input.offeringId);
    if (!canTenantOrder(offering, input.tenant)) {
      throw AppException.forbidden(
        offering.visibility === OfferingVisibility.PublicBodies
          ? `"${offering.name}" is offered to public bodies (agencies and municipalities) only.`
          : `"${offering.name}" is offered to named tenants only; ask a platform operator to add this tenant.`,
      );
    }
    if (offering.retiredAt && !input.versionId) {
      throw AppException.badInput('offeringId', `"${offering.name}" was retired on ${offering.retiredAt.toISOString().slice(0, 10)} and takes no new orders; choose another offering. Running instances keep running.`);
    }
    const version = await manager
      .getRepository(OfferingVersionEntity)
      .findOneBy(input.versionId ? { id: input.versionId, offeringId: offering.id } : { offeringId: offering.id, version: offering.currentVersion });
    if (!version) throw AppException.notFound('OfferingVersion', input.versionId ?? String(offering.currentVersion));
    try {
      const request = { offering: version, planKey: input.planKey, parameters: input.parameters };
      const prepared = prepareInstanceRequest(request);
      const footprint = instanceFootprint(request);
      return {
        offering,
        version,
        plan: prepared.plan,
        parameters: prepared.parameters,
        footprint,
        pricePerHourTiyn: instancePricePerHour(request),
      };
    } catch (error) {
      if (error instanceof InvalidInstanceRequestError) throw refuse(error.errors);
      throw error;
    }
  }

  private async checkTenantsExist(manager: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const malformed = ids.filter((id) => !isUuid(id));
    const found = malformed.length > 0 ? [] : await manager.getRepository(TenantEntity).createQueryBuilder('t').select('t.id').where('t.id = ANY(:ids::uuid[])', { ids }).getMany();
    const missing = ids.filter((id) => !found.some((tenant) => tenant.id === id));
    if (missing.length > 0) throw AppException.badInput('allowedTenantIds', `allowedTenantIds names tenants that do not exist: ${missing.join(', ')}.`);
  }

  private async audience(user: AuthUser): Promise<Audience> {
    const scope = await this.access.readableTenants(user);
    if (scope === 'all') return 'all';
    if (scope.length === 0) return { publicBody: false, tenantIds: [] };
    const tenants = await this.db.getRepository(TenantEntity).createQueryBuilder('t').select(['t.id', 't.kind']).where('t.id = ANY(:scope::uuid[])', { scope }).getMany();
    return { publicBody: tenants.some((tenant) => isPublicBody(tenant.kind)), tenantIds: tenants.map((tenant) => tenant.id) };
  }

  private scopedQuery(audience: Audience, filter: OfferingFilter | undefined): SelectQueryBuilder<OfferingEntity> {
    const query = this.db.getRepository(OfferingEntity).createQueryBuilder('o');
    if (audience !== 'all') {
      query.andWhere(
        `(o.visibility = :everyone OR (o.visibility = :publicBodies AND :publicBody) OR (o.visibility = :named AND o.allowed_tenant_ids && :tenantIds::uuid[]))`,
        { everyone: OfferingVisibility.Everyone, publicBodies: OfferingVisibility.PublicBodies, named: OfferingVisibility.NamedTenants, publicBody: audience.publicBody, tenantIds: audience.tenantIds },
      );
    }
    if (!filter?.includeRetired) query.andWhere('o.retired_at IS NULL');
    if (filter?.ids) query.andWhere('o.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.kind) query.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter?.q?.trim()) query.andWhere('(o.key ILIKE :q OR o.name ILIKE :q OR o.description ILIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    return query;
  }

  /** Current versions for a page of offerings in one query. */
  private async toModels(offerings: OfferingEntity[], audience: Audience): Promise<OfferingModel[]> {
    if (offerings.length === 0) return [];
    const versions = await this.db
      .getRepository(OfferingVersionEntity)
      .createQueryBuilder('v')
      .innerJoin(OfferingEntity, 'o', 'o.id = v.offering_id AND o.current_version = v.version')
      .where('v.offering_id = ANY(:ids::uuid[])', { ids: offerings.map((offering) => offering.id) })
      .getMany();
    const byOffering = new Map(versions.map((version) => [version.offeringId, version]));
    return offerings.map((offering) => {
      const version = byOffering.get(offering.id);
      if (!version) throw new Error(`offering ${offering.id} has no version ${offering.currentVersion}`);
      return OfferingModel.from(offering, version, audience === 'all' ? 'all' : audience.tenantIds);
    });
  }
}

/** Inserts an offering with its first version; returns its id. Shared with the catalogue seed. */
export async function insertOffering(manager: EntityManager, draft: OfferingDraft, createdById: string | null): Promise<string> {
  const offering = await manager.getRepository(OfferingEntity).save(
    manager.getRepository(OfferingEntity).create({
      key: draft.key,
      kind: draft.kind,
      name: draft.name,
      description: draft.description,
      visibility: draft.visibility,
      allowedTenantIds: [...(draft.allowedTenantIds ?? [])],
      approvalPolicy: draft.approvalPolicy,
      approvalThreshold: toThreshold(draft.approvalThreshold),
      currentVersion: 1,
      retiredAt: null,
    }),
  );
  await insertVersion(manager, offering.id, 1, draft, createdById);
  return offering.id;
}

async function insertVersion(manager: EntityManager, offeringId: string, version: number, draft: OfferingDraft, createdById: string | null): Promise<void> {
  const repository = manager.getRepository(OfferingVersionEntity);
  await repository.save(
    repository.create({
      offeringId,
      version,
      template: draft.template,
      plans: draft.plans.map(toPlanRecord),
      parametersSchema: draft.parametersSchema as Record<string, unknown>,
      createdById,
    }),
  );
}
