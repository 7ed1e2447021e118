import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { COMPUTE_SPACE_OFFERING_KEY, approvalDecision, effectiveApprovalRule, generateInstanceCredentials } from '@nprod/catalogue';
import {
  type AllocationEntity,
  ApprovalPolicyOverrideEntity,
  InstanceEntity,
  OfferingEntity,
  type OfferingPlanRecord,
  OfferingVersionEntity,
  OrderEntity,
  OrderEventActor,
  SecretBox,
  SpaceEntity,
  TenantEntity,
  allocationInUse,
  allocationLimits,
  LIVE_INSTANCE_STATUSES,
  findAllocation,
  recordOrderCreated,
  reserveForOrder,
  spaceInstancesUse,
  spaceRoomSize,
  transitionOrder,
} from '@nprod/database';
import {
  describeEnumValue,
  InstanceStatus,
  OfferingKind,
  OrderAction,
  OrderStatus,
  OrderTarget,
  QUOTA_RESOURCES,
  RESOURCE_NAMES,
  SpaceStatus,
  allocationShare,
  formatQuotaAmount,
  formatQuotaShortfalls,
  formatSpaceShortfalls,
  isZeroQuota,
  quotaDelta,
  quotaGrowth,
  quotaOf,
  quotaShortfalls,
  slugify,
  spaceNamespaceName,
  validateSlug,
  type QuotaAmounts,
  type QuotaResource,
  type QuotaShortfall,
  type ResourceAmounts,
  type ResourceName,
} from '@nprod/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { OfferingsService, type PreparedOffering } from '../catalogue/offerings.service';
import { AppException } from '../common/app-exception';
import { isUuid } from '../common/sql-filters';
import { uniqueViolation } from '../common/unique-violation';
import type { QuoteOrderArgs, SubmitOrderArgs } from './dto/submit-order.args';
import type { OrderQuoteModel, QuotaImpactScope } from './models/order-quote.model';
import type { OrderRequest } from './models/order.model';
import { enqueueOrder } from './order-jobs';
import { OPEN_ORDER_STATUSES } from './orders.service';

/** Purpose of the SecretBox key that seals instance credentials; the worker opens them with the same. */
export const INSTANCE_CREDENTIALS_PURPOSE = 'instance-credentials';

const MAX_IDEMPOTENCY_KEY = 200;

type Approval = { required: boolean; reason: string };

/** What a draft reads: submitOrder's arguments without the idempotency key (quoteOrder's arguments). */
type DraftArgs = QuoteOrderArgs;

/** What one submit asks for, checked; the rest of the flow works on this. */
interface Draft {
  order: OrderEntity;
  /** The signed change of the order and the part reserved now (the growing part); the allocation carries allocationShare of it. */
  delta: QuotaAmounts;
  reserved: QuotaAmounts;
  region: string;
  /** An instance order's space (locked when the order grows): the instance's cpu, memory and storage growth must fit its room. */
  space?: { entity: SpaceEntity; newInstanceId?: string };
  approval: Approval;
  /** The input a QUOTA_EXCEEDED on this size resource names: the plan, or the custom size parameter. */
  sizeField: (resource: ResourceName) => string;
}

/** An instance order's space: the size instances may fill, what its instances use, and what the order does not fit in. */
interface SpaceFit {
  space: SpaceEntity;
  size: ResourceAmounts;
  inUse: ResourceAmounts;
  shortfalls: QuotaShortfall[];
}

const NO_APPROVAL_NEEDED: Approval = { required: false, reason: 'Approved automatically: it grows nothing, so no approval policy applies.' };

/**
 * `submitOrder` and its shorthands (`createSpace`, `resizeSpace`, `deleteSpace`,
 * `resizeInstance`, `decommissionInstance`): one transaction checks the request against the
 * catalogue, the tenant and the allocation, records the order (and a new instance or space),
 * reserves the growing part of its quota change, and either approves it (writing the
 * worker's job) or leaves it PENDING_APPROVAL for an operator. `quoteOrder` runs the same
 * checks in a transaction it rolls back.
 */
@Injectable()
export class OrderSubmissionService {
  private readonly box: SecretBox | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(OfferingsService) private readonly offerings: OfferingsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = config.auth.dataEncryptionKey ? new SecretBox(config.auth.dataEncryptionKey, INSTANCE_CREDENTIALS_PURPOSE) : null;
  }

  /** Returns the order id (of the earlier order, for a repeated submit). */
  async submit(user: AuthUser, args: SubmitOrderArgs): Promise<string> {
    const idempotencyKey = args.idempotencyKey.trim();
    if (idempotencyKey.length < 1 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY) {
      throw AppException.badInput('idempotencyKey', `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY} characters, e.g. a UUID the client makes once per order.`);
    }
    await this.assertCanOrder(user, args.tenantId);
    const requestHash = hashRequest({
      action: args.action ?? OrderAction.Create,
      offeringId: args.offeringId ?? null,
      planKey: args.planKey ?? null,
      parameters: args.parameters ?? null,
      spaceId: args.spaceId ?? null,
      instanceId: args.instanceId ?? null,
      name: args.name ?? null,
      slug: args.slug ?? null,
      leaseEndsAt: args.leaseEndsAt ? new Date(args.leaseEndsAt).toISOString() : null,
    });

    return this.db.transaction(async (manager) => {
      // Submits with the same key queue here, so a repeat made while the first is still in
      // flight waits for it and returns its order (docs/decisions/0013) instead of tripping
      // over the first one's new space or instance name.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1), hashtext($2))', [args.tenantId, idempotencyKey]);
      const earlier = await manager.getRepository(OrderEntity).findOneBy({ tenantId: args.tenantId, idempotencyKey });
      if (earlier) {
        if ((earlier.request as OrderRequest).requestHash !== requestHash) {
          throw AppException.conflict('This idempotency key was already used for a different order; use a new key for a new order.', { field: 'idempotencyKey', orderId: earlier.id });
        }
        return earlier.id;
      }
      const tenant = await this.orderingTenant(manager, args.tenantId);
      const draft = await this.draft(manager, tenant, args, { tenantId: tenant.id, idempotencyKey, requestedById: user.id, status: OrderStatus.Submitted, attempt: 1 }, requestHash);
      await this.place(manager, user, tenant, draft);
      return draft.order.id;
    });
  }

  /**
   * What `submit` would do with these arguments, storing nothing: the same draft runs in a
   * transaction that is always rolled back. Bad input throws the error submit would throw;
   * an order that does not fit comes back with `fits: false` and the QUOTA_EXCEEDED message.
   */
  async quote(user: AuthUser, args: QuoteOrderArgs): Promise<OrderQuoteModel> {
    await this.assertCanOrder(user, args.tenantId);
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const manager = runner.manager;
      const tenant = await this.orderingTenant(manager, args.tenantId);
      const draft = await this.draft(manager, tenant, args, { tenantId: tenant.id, requestedById: user.id, status: OrderStatus.Submitted, attempt: 1 }, '');
      const allocation = await findAllocation(manager, tenant.id, draft.region);
      const fit = await this.spaceFit(manager, draft);
      const refusal = (fit && this.spaceRefusal(draft, fit)) ?? this.quotaRefusal(tenant, draft, allocation);
      const limits = allocation ? allocationLimits(allocation) : quotaOf({});
      const inUse = allocation ? allocationInUse(allocation) : quotaOf({});
      const share = allocationShare(draft.order.target, draft.reserved);
      const request = draft.order.request as OrderRequest;
      const impactOf = (scope: QuotaImpactScope, resource: QuotaResource, allocated: number, used: number, change: number) => ({
        scope,
        resource,
        allocated,
        inUse: used,
        change,
        freeAfter: allocated - used - change,
      });
      // An instance's cpu, memory and storage come out of its space; the allocation counts the instance.
      const impact = fit
        ? [
            ...RESOURCE_NAMES.map((resource) => impactOf('SPACE', resource, fit.size[resource], fit.inUse[resource], draft.reserved[resource])),
            impactOf('ALLOCATION', 'instances', limits.instances, inUse.instances, share.instances),
          ]
        : QUOTA_RESOURCES.map((resource) => impactOf('ALLOCATION', resource, limits[resource], inUse[resource], share[resource]));
      return {
        action: draft.order.action,
        target: draft.order.target,
        region: draft.region,
        quotaChange: draft.delta,
        reserved: draft.reserved,
        pricePerHourTiyn: request.pricePerHourTiyn ?? null,
        approvalRequired: draft.approval.required,
        approvalReason: draft.approval.reason,
        fits: refusal === null,
        problem: refusal?.message ?? null,
        problemField: (refusal?.details.field as string | undefined) ?? null,
        spaceId: fit?.space.id ?? null,
        spaceName: fit?.space.name ?? null,
        impact,
      };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private async assertCanOrder(user: AuthUser, tenantId: string): Promise<void> {
    if (!isUuid(tenantId)) throw AppException.notFound('Tenant', tenantId);
    await this.access.assertCanManage(user, tenantId, 'order for this tenant');
  }

  /** The tenant, locked FOR SHARE: a suspension committing meanwhile waits for this order, or this order sees it. */
  private async orderingTenant(manager: EntityManager, tenantId: string): Promise<TenantEntity> {
    const tenant = await manager.getRepository(TenantEntity).findOne({ where: { id: tenantId }, lock: { mode: 'pessimistic_read' } });
    if (!tenant) throw AppException.notFound('Tenant', tenantId);
    this.access.assertTenantAcceptsOrders(tenant, 'order anything');
    return tenant;
  }

  /** Checks the request and records its instance or space; an instance order names instanceId, a space order spaceId or a space offering. */
  private async draft(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    const action = args.action ?? OrderAction.Create;
    if (action === OrderAction.Create) {
      return (await this.isSpaceOffering(manager, args.offeringId))
        ? this.draftSpaceCreate(manager, tenant, args, { ...base, target: OrderTarget.Space }, requestHash)
        : this.draftCreate(manager, tenant, args, { ...base, target: OrderTarget.Instance }, requestHash);
    }
    if (!args.instanceId && args.spaceId) {
      const spaceBase = { ...base, target: OrderTarget.Space };
      return action === OrderAction.Modify ? this.draftSpaceModify(manager, tenant, args, spaceBase, requestHash) : this.draftSpaceDelete(manager, tenant, args, spaceBase, requestHash);
    }
    const instanceBase = { ...base, target: OrderTarget.Instance };
    return action === OrderAction.Modify ? this.draftModify(manager, tenant, args, instanceBase, requestHash) : this.draftDelete(manager, tenant, args, instanceBase, requestHash);
  }

  private async isSpaceOffering(manager: EntityManager, offeringId: string | null | undefined): Promise<boolean> {
    if (!offeringId || !isUuid(offeringId)) return false;
    return manager.getRepository(OfferingEntity).existsBy({ id: offeringId, kind: OfferingKind.Iaas });
  }

  /** The policy that decides this order: the tenant's override (for the offering or for all), else the offering's own. */
  private async approvalFor(manager: EntityManager, tenant: TenantEntity, prepared: PreparedOffering): Promise<Approval> {
    const overrides = await manager.getRepository(ApprovalPolicyOverrideEntity).findBy({ tenantId: tenant.id });
    return approvalDecision(effectiveApprovalRule(prepared.offering, overrides), prepared.footprint);
  }

  private async draftCreate(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    if (!args.spaceId) throw AppException.badInput('spaceId', 'spaceId is required to create an instance: choose the space it runs in.');
    if (!args.offeringId) throw AppException.badInput('offeringId', 'offeringId is required to create an instance: choose an offering from the catalogue.');
    if (!args.planKey?.trim()) throw AppException.badInput('planKey', 'planKey is required to create an instance: choose one of the offering\'s plans.');
    if (args.instanceId) throw AppException.badInput('instanceId', 'instanceId is only for MODIFY and DELETE; a new instance gets its id from the order.');
    // Locked: instance orders into one space queue here, so together they never overfill it, and a deletion
    // or resize of the space committing meanwhile waits for this order (and then sees its instance).
    const space = isUuid(args.spaceId) ? await this.lockedSpace(manager, args.spaceId, tenant.id) : null;
    if (!space) throw AppException.notFound('Space', args.spaceId);
    if (space.status !== SpaceStatus.Active) {
      throw AppException.badInput('spaceId', `Space ${space.name} is ${describeEnumValue(space.status)}; instances can be ordered into active spaces only.`);
    }
    if (args.slug) throw AppException.badInput('slug', 'slug is for spaces; an instance is named by name.');
    const prepared = await this.offerings.prepareOrder({ offeringId: args.offeringId, tenant, planKey: args.planKey.trim(), parameters: args.parameters ?? {} }, manager);
    const nameTaken = (candidate: string) => manager.getRepository(InstanceEntity).existsBy({ spaceId: space.id, slug: candidate, status: In([...LIVE_INSTANCE_STATUSES]) });
    const slug = args.name?.trim() || (await freeDefaultSlug(prepared.offering.key, nameTaken));
    const slugCheck = validateSlug(slug);
    if (!slugCheck.ok) throw AppException.badInput('name', `name: ${slugCheck.message}`);
    if (await nameTaken(slug)) {
      throw AppException.conflict(`Space ${space.name} already has an instance named "${slug}"; choose another name.`, { field: 'name' });
    }
    const leaseEndsAt = args.leaseEndsAt ? new Date(args.leaseEndsAt) : null;
    if (leaseEndsAt && !(leaseEndsAt.getTime() > Date.now())) throw AppException.badInput('leaseEndsAt', 'leaseEndsAt must be in the future.');

    const orderId = randomUUID();
    const instanceId = randomUUID();
    const credentials = generateInstanceCredentials(
      { offering: prepared.version, planKey: prepared.plan.key, parameters: prepared.parameters, instanceSlug: slug, namespace: space.namespace },
      (bytes) => randomBytes(bytes).toString('base64url'),
    );
    const hasCredentials = Object.keys(credentials).length > 0;
    if (hasCredentials && !this.box) {
      throw AppException.forbidden('This platform cannot store instance credentials yet (DATA_ENCRYPTION_KEY is not set); ask a platform operator to set it.');
    }
    try {
      await manager.getRepository(InstanceEntity).insert({
        id: instanceId,
        tenantId: tenant.id,
        spaceId: space.id,
        offeringId: prepared.offering.id,
        offeringVersionId: prepared.version.id,
        name: slug,
        slug,
        planKey: prepared.plan.key,
        parameters: prepared.parameters,
        status: InstanceStatus.Provisioning,
        statusReason: null,
        ...prepared.footprint,
        endpoints: [],
        credentialsSecretName: hasCredentials ? `${slug}-credentials` : null,
        credentialsSealed: hasCredentials && this.box ? this.box.seal(Buffer.from(JSON.stringify(credentials), 'utf8'), instanceId) : null,
        createOrderId: orderId,
        leaseEndsAt,
      } as QueryDeepPartialEntity<InstanceEntity>);
    } catch (error) {
      if (uniqueViolation(error)) throw AppException.conflict(`Space ${space.name} already has an instance named "${slug}"; choose another name.`, { field: 'name' });
      throw error;
    }
    const delta = quotaOf({ ...prepared.footprint, instances: 1 });
    const order = manager.getRepository(OrderEntity).create({
      ...base,
      id: orderId,
      action: OrderAction.Create,
      spaceId: space.id,
      instanceId,
      offeringId: prepared.offering.id,
      request: requestOf(prepared, { requestHash, name: slug, slug, delta, reserved: delta, leaseEndsAt: leaseEndsAt?.toISOString() ?? null }),
    });
    return {
      order,
      delta,
      reserved: delta,
      region: space.region,
      approval: await this.approvalFor(manager, tenant, prepared),
      sizeField: () => 'planKey',
      space: { entity: space, newInstanceId: instanceId },
    };
  }

  private async draftModify(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    const instance = await this.changeableInstance(manager, tenant, args, 'change');
    if (![InstanceStatus.Active, InstanceStatus.Degraded].includes(instance.status)) {
      throw AppException.badInput('instanceId', `Instance ${instance.name} is ${describeEnumValue(instance.status)}; only active or degraded instances can be changed.`);
    }
    if (args.spaceId && args.spaceId !== instance.spaceId) throw AppException.badInput('spaceId', 'An instance cannot move to another space; leave spaceId out.');
    if (args.name && args.name !== instance.slug) throw AppException.badInput('name', 'An instance cannot be renamed; leave name out.');
    if (args.slug) throw AppException.badInput('slug', 'slug is for spaces; leave it out.');
    if (args.leaseEndsAt) throw AppException.badInput('leaseEndsAt', 'Change a lease with renewInstance.');
    if (args.parameters !== undefined && args.parameters !== null && (typeof args.parameters !== 'object' || Array.isArray(args.parameters))) {
      throw AppException.badInput('parameters', 'parameters must be an object of the offering\'s parameters.');
    }
    const planKey = args.planKey?.trim() || instance.planKey;
    const parameters = { ...instance.parameters, ...((args.parameters as Record<string, unknown> | null | undefined) ?? {}) };
    const prepared = await this.offerings.prepareOrder({ offeringId: instance.offeringId, tenant, planKey, parameters, versionId: instance.offeringVersionId }, manager);
    if (prepared.plan.key === instance.planKey && canonical(prepared.parameters) === canonical(instance.parameters)) {
      throw AppException.badInput('planKey', `Instance ${instance.name} already runs plan ${planKey} with these parameters; there is nothing to change.`);
    }
    const current = { cpuMillicores: instance.cpuMillicores, memoryMiB: instance.memoryMiB, storageGiB: instance.storageGiB };
    if (prepared.footprint.storageGiB < current.storageGiB) {
      throw AppException.badInput('planKey', `Plan ${planKey} has less storage (${prepared.footprint.storageGiB} GiB) than the instance uses (${current.storageGiB} GiB); volumes cannot shrink.`);
    }
    const delta = quotaDelta(quotaOf(current), quotaOf(prepared.footprint));
    const reserved = quotaGrowth(delta);
    const space = (await this.lockedSpace(manager, instance.spaceId, tenant.id))!;
    const order = manager.getRepository(OrderEntity).create({
      ...base,
      id: randomUUID(),
      action: OrderAction.Modify,
      spaceId: instance.spaceId,
      instanceId: instance.id,
      offeringId: instance.offeringId,
      request: requestOf(prepared, { requestHash, name: instance.name, slug: instance.slug, delta, reserved }),
    });
    // Only growth waits for an operator: shrinking or changing parameters within the size never does.
    const approval = isZeroQuota(reserved) ? NO_APPROVAL_NEEDED : await this.approvalFor(manager, tenant, prepared);
    const sizeField = prepared.plan.key !== instance.planKey ? 'planKey' : 'parameters';
    return { order, delta, reserved, region: space.region, approval, sizeField: () => sizeField, space: { entity: space } };
  }

  private async draftDelete(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    refuseUnused(args, ['offeringId', 'planKey', 'parameters', 'spaceId', 'name', 'slug', 'leaseEndsAt'], 'delete an instance');
    const instance = await this.changeableInstance(manager, tenant, args, 'delete');
    if (![InstanceStatus.Active, InstanceStatus.Degraded, InstanceStatus.Failed].includes(instance.status)) {
      throw AppException.badInput('instanceId', `Instance ${instance.name} is ${describeEnumValue(instance.status)}; it cannot be decommissioned now.`);
    }
    const space = await manager.getRepository(SpaceEntity).findOneByOrFail({ id: instance.spaceId });
    const delta = quotaOf({ cpuMillicores: -instance.cpuMillicores, memoryMiB: -instance.memoryMiB, storageGiB: -instance.storageGiB, instances: -1 });
    const order = manager.getRepository(OrderEntity).create({
      ...base,
      id: randomUUID(),
      action: OrderAction.Delete,
      spaceId: instance.spaceId,
      instanceId: instance.id,
      offeringId: instance.offeringId,
      request: { requestHash, name: instance.name, slug: instance.slug, planKey: instance.planKey, delta, reserved: quotaOf({}), previousStatus: instance.status } satisfies OrderRequest,
    });
    await manager.getRepository(InstanceEntity).update({ id: instance.id }, { status: InstanceStatus.Decommissioning, statusReason: 'Decommissioning was ordered.' });
    // Its space is named so quoteOrder shows what the deletion gives back there.
    return { order, delta, reserved: quotaOf({}), region: space.region, approval: NO_APPROVAL_NEEDED, sizeField: () => 'planKey', space: { entity: space } };
  }

  private async draftSpaceCreate(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    refuseUnused(args, ['spaceId', 'instanceId', 'leaseEndsAt'], 'create a space');
    const name = args.name?.trim() ?? '';
    if (name.length < 2 || name.length > 100) throw AppException.badInput('name', 'name is required to create a space: 2 to 100 characters.');
    const slug = args.slug?.trim() || slugify(name);
    const slugCheck = validateSlug(slug);
    if (!slugCheck.ok) throw AppException.badInput('slug', args.slug ? slugCheck.message : `No slug can be made from the name "${name}"; give slug: ${slugCheck.message}`);
    if (!args.planKey?.trim()) throw AppException.badInput('planKey', "planKey is required to create a space: choose one of the offering's sizes (or custom with the size in parameters).");
    const prepared = await this.offerings.prepareOrder({ offeringId: args.offeringId!, tenant, planKey: args.planKey.trim(), parameters: args.parameters ?? {} }, manager);
    const size = prepared.footprint;
    const spaces = manager.getRepository(SpaceEntity);
    const space = spaces.create({
      id: randomUUID(),
      tenantId: tenant.id,
      name,
      slug,
      namespace: spaceNamespaceName(tenant.slug, slug),
      region: tenant.region,
      status: SpaceStatus.Provisioning,
      offeringId: prepared.offering.id,
      planKey: prepared.plan.key,
      ...size,
    });
    try {
      await spaces.insert(space);
    } catch (error) {
      if (uniqueViolation(error)) throw AppException.conflict(`${tenant.name} already has a space with the slug "${slug}"; choose a different slug.`, { field: 'slug' });
      throw error;
    }
    const delta = quotaOf({ ...size, spaces: 1 });
    const order = manager.getRepository(OrderEntity).create({
      ...base,
      id: randomUUID(),
      action: OrderAction.Create,
      spaceId: space.id,
      offeringId: prepared.offering.id,
      request: requestOf(prepared, { requestHash, name, slug, delta, reserved: delta }),
    });
    return { order, delta, reserved: delta, region: space.region, approval: await this.approvalFor(manager, tenant, prepared), sizeField: sizeFieldOf(prepared) };
  }

  /** A resize: a new plan, or a new custom size (parameters merged over the current size). Only the growth is reserved. */
  private async draftSpaceModify(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    refuseUnused(args, ['name', 'slug', 'leaseEndsAt'], 'resize a space');
    if (args.parameters !== undefined && args.parameters !== null && (typeof args.parameters !== 'object' || Array.isArray(args.parameters))) {
      throw AppException.badInput('parameters', 'parameters must be an object with the custom size: cpuMillicores, memoryMiB, storageGiB.');
    }
    const space = await this.changeableSpace(manager, tenant, args, 'resize');
    if (space.status !== SpaceStatus.Active) throw AppException.badInput('spaceId', `Space ${space.name} is ${describeEnumValue(space.status)}; only active spaces can be resized.`);
    if (!args.planKey?.trim() && (args.parameters === undefined || args.parameters === null)) {
      throw AppException.badInput('planKey', 'Give a new planKey, or parameters with the new custom size.');
    }
    const current = { cpuMillicores: space.cpuMillicores, memoryMiB: space.memoryMiB, storageGiB: space.storageGiB };
    const plan = await this.currentPlan(manager, space.offeringId, args.planKey?.trim());
    const planKey = args.planKey?.trim() || plan?.key;
    if (!planKey) throw AppException.badInput('planKey', 'This offering has no custom size; choose a planKey.');
    // A custom size starts from the current one, so "2 CPU more" needs only cpuMillicores.
    const parameters = plan?.custom ? { ...current, ...((args.parameters as Record<string, unknown> | null | undefined) ?? {}) } : (args.parameters ?? {});
    const prepared = await this.offerings.prepareOrder({ offeringId: space.offeringId, tenant, planKey, parameters }, manager);
    const size = prepared.footprint;
    if (RESOURCE_NAMES.every((resource) => size[resource] === current[resource])) {
      throw AppException.badInput(args.planKey ? 'planKey' : 'parameters', `Space ${space.name} already has ${formatSize(size)}; there is nothing to change.`);
    }
    const used = await this.usedBySpaceInstances(manager, space.id);
    const below = RESOURCE_NAMES.filter((resource) => size[resource] < used.amounts[resource]);
    if (below.length > 0) {
      throw AppException.badInput(
        sizeFieldOf(prepared)(below[0]),
        `Space ${space.name} cannot shrink to ${formatSize(size)}: its instances (${used.names.join(', ')}) use ${formatSize(used.amounts)}. Choose a size of at least that, or shrink or decommission instances first.`,
        { inUse: used.amounts },
      );
    }
    const delta = quotaDelta(quotaOf(current), quotaOf(size));
    const reserved = quotaGrowth(delta);
    const order = manager.getRepository(OrderEntity).create({
      ...base,
      id: randomUUID(),
      action: OrderAction.Modify,
      spaceId: space.id,
      offeringId: prepared.offering.id,
      request: requestOf(prepared, { requestHash, name: space.name, slug: space.slug, delta, reserved }),
    });
    const approval = isZeroQuota(reserved) ? NO_APPROVAL_NEEDED : await this.approvalFor(manager, tenant, prepared);
    return { order, delta, reserved, region: space.region, approval, sizeField: sizeFieldOf(prepared) };
  }

  /** Deleting a space: refused while instances live in it; its size and the space come back once the namespace is gone. */
  private async draftSpaceDelete(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    refuseUnused(args, ['offeringId', 'planKey', 'parameters', 'instanceId', 'name', 'slug', 'leaseEndsAt'], 'delete a space');
    const space = await this.changeableSpace(manager, tenant, args, 'delete');
    if (![SpaceStatus.Active, SpaceStatus.Failed].includes(space.status)) throw AppException.badInput('spaceId', `Space ${space.name} is ${describeEnumValue(space.status)}; it cannot be deleted now.`);
    const live = await this.usedBySpaceInstances(manager, space.id);
    if (live.names.length > 0) {
      throw AppException.badInput('spaceId', `Space ${space.name} still has ${live.names.length === 1 ? 'an instance' : `${live.names.length} instances`}: ${live.names.join(', ')}. Decommission them first.`);
    }
    const delta = quotaOf({ cpuMillicores: -space.cpuMillicores, memoryMiB: -space.memoryMiB, storageGiB: -space.storageGiB, spaces: -1 });
    const order = manager.getRepository(OrderEntity).create({
      ...base,
      id: randomUUID(),
      action: OrderAction.Delete,
      spaceId: space.id,
      offeringId: space.offeringId,
      request: { requestHash, name: space.name, slug: space.slug, planKey: space.planKey ?? undefined, delta, reserved: quotaOf({}), previousStatus: space.status } satisfies OrderRequest,
    });
    await manager.getRepository(SpaceEntity).update({ id: space.id }, { status: SpaceStatus.Decommissioning, statusReason: 'Deletion was ordered.' });
    return { order, delta, reserved: quotaOf({}), region: space.region, approval: NO_APPROVAL_NEEDED, sizeField: () => 'spaceId' };
  }

  /** The tenant's space (locked against concurrent orders and new instances), with no other space order under way. */
  private async changeableSpace(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, verb: string): Promise<SpaceEntity & { offeringId: string }> {
    const space = isUuid(args.spaceId ?? '') ? await this.lockedSpace(manager, args.spaceId!, tenant.id) : null;
    if (!space) throw AppException.notFound('Space', args.spaceId ?? '');
    // Spaces made before space orders named their offering are compute spaces.
    const offeringId = space.offeringId ?? (await manager.getRepository(OfferingEntity).findOneByOrFail({ key: COMPUTE_SPACE_OFFERING_KEY })).id;
    if (args.offeringId && args.offeringId !== offeringId) throw AppException.badInput('offeringId', 'A space keeps its offering; leave offeringId out.');
    const open = await manager.getRepository(OrderEntity).findOne({ where: { spaceId: space.id, target: OrderTarget.Space, status: In([...OPEN_ORDER_STATUSES]) } });
    if (open) {
      throw AppException.conflict(`Order ${open.id} for space ${space.name} is ${describeEnumValue(open.status)}; wait until it is done (or cancel it) before you ${verb} the space.`, { orderId: open.id, field: 'spaceId' });
    }
    return Object.assign(space, { offeringId });
  }

  /** The plan `planKey` of the offering's current version, or its custom plan when no key is given. */
  private async currentPlan(manager: EntityManager, offeringId: string, planKey: string | undefined): Promise<OfferingPlanRecord | undefined> {
    const offering = await manager.getRepository(OfferingEntity).findOneByOrFail({ id: offeringId });
    const version = await manager.getRepository(OfferingVersionEntity).findOneByOrFail({ offeringId, version: offering.currentVersion });
    return version.plans.find((plan) => (planKey ? plan.key === planKey : Boolean(plan.custom)));
  }

  /** What the space's instances use of it (spaceInstancesUse), and their names with status. */
  private async usedBySpaceInstances(manager: EntityManager, spaceId: string): Promise<{ amounts: ResourceAmounts; names: string[] }> {
    const instances = await manager.getRepository(InstanceEntity).find({ where: { spaceId, status: In([...LIVE_INSTANCE_STATUSES]) }, order: { name: 'ASC' } });
    return {
      amounts: (await spaceInstancesUse(manager, [spaceId])).get(spaceId)!,
      names: instances.map((instance) => `${instance.name} (${describeEnumValue(instance.status)})`),
    };
  }

  /** The tenant's space, locked against other orders that change it or what it holds. */
  private lockedSpace(manager: EntityManager, spaceId: string, tenantId: string): Promise<SpaceEntity | null> {
    return manager.getRepository(SpaceEntity).createQueryBuilder('s').setLock('pessimistic_write').where('s.id = :id AND s.tenant_id = :tenantId', { id: spaceId, tenantId }).getOne();
  }

  /**
   * An instance order's cpu, memory and storage growth against its space's room (the size
   * minus what its instances use): the space's ResourceQuota would refuse pods beyond it.
   * Null for orders that do not go into a space this way.
   */
  private async spaceFit(manager: EntityManager, draft: Draft): Promise<SpaceFit | null> {
    if (!draft.space) return null;
    const { entity: space, newInstanceId } = draft.space;
    const size = await spaceRoomSize(manager, space);
    const inUse = (await spaceInstancesUse(manager, [space.id], newInstanceId)).get(space.id)!;
    const growth = quotaOf({ cpuMillicores: draft.reserved.cpuMillicores, memoryMiB: draft.reserved.memoryMiB, storageGiB: draft.reserved.storageGiB });
    return { space, size, inUse, shortfalls: quotaShortfalls(quotaOf(size), quotaOf(inUse), growth) };
  }

  private spaceRefusal(draft: Draft, fit: SpaceFit): AppException | null {
    if (fit.shortfalls.length === 0) return null;
    return AppException.quotaExceeded(draft.sizeField(fit.shortfalls[0].resource as ResourceName), formatSpaceShortfalls(fit.space.name, fit.shortfalls), fit.shortfalls, { spaceId: fit.space.id });
  }

  /** The tenant's instance (locked), with no other order under way for it. */
  private async changeableInstance(manager: EntityManager, tenant: TenantEntity, args: DraftArgs, verb: string): Promise<InstanceEntity> {
    if (!args.instanceId) throw AppException.badInput('instanceId', `instanceId is required to ${verb} an instance.`);
    const instance = isUuid(args.instanceId)
      ? await manager.getRepository(InstanceEntity).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id AND i.tenant_id = :tenantId', { id: args.instanceId, tenantId: tenant.id }).getOne()
      : null;
    if (!instance) throw AppException.notFound('Instance', args.instanceId);
    if (args.offeringId && args.offeringId !== instance.offeringId) throw AppException.badInput('offeringId', 'An instance keeps its offering; leave offeringId out.');
    const open = await manager.getRepository(OrderEntity).findOne({ where: { instanceId: instance.id, status: In([...OPEN_ORDER_STATUSES]) } });
    if (open) {
      throw AppException.conflict(`Order ${open.id} for instance ${instance.name} is ${describeEnumValue(open.status)}; wait until it is done (or cancel it) before ordering another change.`, { orderId: open.id, field: 'instanceId' });
    }
    return instance;
  }

  /** Stores the order, reserves the growing part of its change, and approves it or leaves it for an operator. */
  private async place(manager: EntityManager, user: AuthUser, tenant: TenantEntity, draft: Draft): Promise<void> {
    // Before the order is saved: once saved, its own growth would count in the space's use.
    const fit = await this.spaceFit(manager, draft);
    const spaceRefusal = fit && this.spaceRefusal(draft, fit);
    if (spaceRefusal) throw spaceRefusal;
    const order = await manager.getRepository(OrderEntity).save(draft.order);
    const share = allocationShare(order.target, draft.reserved);
    if (!isZeroQuota(share) && !(await reserveForOrder(manager, { orderId: order.id, tenantId: tenant.id, region: draft.region, delta: share }))) {
      throw this.quotaRefusal(tenant, draft, await findAllocation(manager, tenant.id, draft.region)) ?? AppException.conflict('The allocation changed while this order was checked; submit it again.');
    }
    await recordOrderCreated(manager, order, { kind: OrderEventActor.User, id: user.id });
    const system = { kind: OrderEventActor.System };
    if (draft.approval.required) {
      await transitionOrder(manager, order, OrderStatus.PendingApproval, system, draft.approval.reason);
      return;
    }
    const fits = draft.space ? `Fits within space ${draft.space.entity.name} and the allocation.` : 'Fits within the allocation.';
    await transitionOrder(manager, order, OrderStatus.Approved, system, `${fits} ${draft.approval.reason}`);
    await enqueueOrder(manager, order);
  }

  /** The error an order that does not fit gets (no allocation in the region, or the shortfalls); null when it fits. */
  private quotaRefusal(tenant: TenantEntity, draft: Draft, allocation: AllocationEntity | null): AppException | null {
    if (!allocation) return AppException.badInput('tenantId', `${tenant.name} has no allocation in ${draft.region}; ask a platform operator to allocate capacity first.`);
    const shortfalls = quotaShortfalls(allocationLimits(allocation), allocationInUse(allocation), allocationShare(draft.order.target, draft.reserved));
    if (shortfalls.length === 0) return null;
    const first = shortfalls[0].resource;
    const field = first === 'spaces' || first === 'instances' ? 'tenantId' : draft.sizeField(first);
    return AppException.quotaExceeded(field, `${tenant.name}: ${formatQuotaShortfalls(shortfalls)}`, shortfalls);
  }
}

/** Fields of the order arguments an action does not use: giving one is a mistake worth telling. */
function refuseUnused(args: DraftArgs, fields: readonly (keyof DraftArgs)[], what: string): void {
  for (const field of fields) {
    if (args[field] !== undefined && args[field] !== null) throw AppException.badInput(field, `${field} is not used to ${what}; leave it out.`);
  }
}

/** A custom size is given per resource in the parameters; a fixed plan is chosen as a whole. */
function sizeFieldOf(prepared: PreparedOffering): (resource: ResourceName) => string {
  return prepared.plan.custom ? (resource) => `parameters.${resource}` : () => 'planKey';
}

function formatSize(size: ResourceAmounts): string {
  return `${formatQuotaAmount('cpuMillicores', size.cpuMillicores)}, ${formatQuotaAmount('memoryMiB', size.memoryMiB)} memory, ${formatQuotaAmount('storageGiB', size.storageGiB)} storage`;
}

function requestOf(prepared: PreparedOffering, extra: OrderRequest): OrderRequest {
  return {
    ...extra,
    offeringVersionId: prepared.version.id,
    planKey: prepared.plan.key,
    parameters: prepared.parameters,
    pricePerHourTiyn: prepared.pricePerHourTiyn,
    footprint: prepared.footprint,
  };
}

/**
 * `<offering key>-<6 hex>`, cut so it stays a valid slug, and not one the space already uses:
 * a name the caller did not choose must never be the reason an order is refused.
 */
async function freeDefaultSlug(offeringKey: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  const stem = offeringKey.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/^[^a-z]+/, '').slice(0, 23).replace(/-+$/, '') || 'instance';
  for (;;) {
    const candidate = `${stem}-${randomBytes(3).toString('hex')}`;
    if (!(await taken(candidate))) return candidate;
  }
}

/** JSON with object keys sorted: jsonb does not keep key order, so compare and hash this way. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function hashRequest(request: Record<string, unknown>): string {
  return createHash('sha256').update(canonical(request)).digest('hex');
}
