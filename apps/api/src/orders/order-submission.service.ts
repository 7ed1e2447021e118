import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { generateInstanceCredentials } from '@nprod/catalogue';
import {
  InstanceEntity,
  OrderEntity,
  OrderEventActor,
  SecretBox,
  SpaceEntity,
  TenantEntity,
  allocationInUse,
  allocationLimits,
  findAllocation,
  recordOrderCreated,
  reserveForOrder,
  transitionOrder,
} from '@nprod/database';
import {
  InstanceStatus,
  OfferingKind,
  OrderAction,
  OrderStatus,
  OrderTarget,
  SpaceStatus,
  formatQuotaShortfalls,
  isZeroQuota,
  quotaDelta,
  quotaGrowth,
  quotaOf,
  quotaShortfalls,
  validateSlug,
  type QuotaAmounts,
} from '@nprod/domain';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { OfferingsService, type PreparedOffering } from '../catalogue/offerings.service';
import { AppException } from '../common/app-exception';
import { isUuid } from '../common/sql-filters';
import { uniqueViolation } from '../common/unique-violation';
import type { SubmitOrderArgs } from './dto/submit-order.args';
import type { OrderRequest } from './models/order.model';
import { enqueueOrder } from './order-jobs';
import { OPEN_ORDER_STATUSES } from './orders.service';

/** Purpose of the SecretBox key that seals instance credentials; the worker opens them with the same. */
export const INSTANCE_CREDENTIALS_PURPOSE = 'instance-credentials';

const MAX_IDEMPOTENCY_KEY = 200;

/** What one submit asks for, checked; the rest of the flow works on this. */
interface Draft {
  order: OrderEntity;
  /** The signed change of the order and the part reserved now (the growing part). */
  delta: QuotaAmounts;
  reserved: QuotaAmounts;
  region: string;
  approvalRequired: boolean;
  approvalWhy: string;
}

/**
 * `submitOrder` and its shorthands (`resizeInstance`, `decommissionInstance`): one
 * transaction checks the request against the catalogue, the tenant and the allocation,
 * records the order (and a new instance), reserves the growing part of its quota change,
 * and either approves it (writing the worker's job) or leaves it PENDING_APPROVAL for an operator.
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
    const action = args.action ?? OrderAction.Create;
    const idempotencyKey = args.idempotencyKey.trim();
    if (idempotencyKey.length < 1 || idempotencyKey.length > MAX_IDEMPOTENCY_KEY) {
      throw AppException.badInput('idempotencyKey', `idempotencyKey must be 1 to ${MAX_IDEMPOTENCY_KEY} characters, e.g. a UUID the client makes once per order.`);
    }
    if (!isUuid(args.tenantId)) throw AppException.notFound('Tenant', args.tenantId);
    await this.access.assertCanManage(user, args.tenantId, 'order for this tenant');
    const requestHash = hashRequest({
      action,
      offeringId: args.offeringId ?? null,
      planKey: args.planKey ?? null,
      parameters: args.parameters ?? null,
      spaceId: args.spaceId ?? null,
      instanceId: args.instanceId ?? null,
      name: args.name ?? null,
      leaseEndsAt: args.leaseEndsAt ? new Date(args.leaseEndsAt).toISOString() : null,
    });

    return this.db.transaction(async (manager) => {
      const earlier = await manager.getRepository(OrderEntity).findOneBy({ tenantId: args.tenantId, idempotencyKey });
      if (earlier) {
        if ((earlier.request as OrderRequest).requestHash !== requestHash) {
          throw AppException.conflict('This idempotency key was already used for a different order; use a new key for a new order.', { field: 'idempotencyKey', orderId: earlier.id });
        }
        return earlier.id;
      }
      // FOR SHARE: a suspension committing meanwhile waits for this order, or this order sees it.
      const tenant = await manager.getRepository(TenantEntity).findOne({ where: { id: args.tenantId }, lock: { mode: 'pessimistic_read' } });
      if (!tenant) throw AppException.notFound('Tenant', args.tenantId);
      this.access.assertTenantAcceptsOrders(tenant, 'order anything');
      const base = { tenantId: tenant.id, idempotencyKey, requestedById: user.id, status: OrderStatus.Submitted, target: OrderTarget.Instance, attempt: 1 };
      const draft =
        action === OrderAction.Create
          ? await this.draftCreate(manager, tenant, args, base, requestHash)
          : action === OrderAction.Modify
            ? await this.draftModify(manager, tenant, args, base, requestHash)
            : await this.draftDelete(manager, tenant, args, base, requestHash);
      await this.place(manager, user, tenant, draft);
      return draft.order.id;
    });
  }

  private async draftCreate(manager: EntityManager, tenant: TenantEntity, args: SubmitOrderArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    if (!args.spaceId) throw AppException.badInput('spaceId', 'spaceId is required to create an instance: choose the space it runs in.');
    if (!args.offeringId) throw AppException.badInput('offeringId', 'offeringId is required to create an instance: choose an offering from the catalogue.');
    if (!args.planKey?.trim()) throw AppException.badInput('planKey', 'planKey is required to create an instance: choose one of the offering\'s plans.');
    if (args.instanceId) throw AppException.badInput('instanceId', 'instanceId is only for MODIFY and DELETE; a new instance gets its id from the order.');
    const space = isUuid(args.spaceId) ? await manager.getRepository(SpaceEntity).findOneBy({ id: args.spaceId, tenantId: tenant.id }) : null;
    if (!space) throw AppException.notFound('Space', args.spaceId);
    if (space.status !== SpaceStatus.Active) {
      throw AppException.badInput('spaceId', `Space ${space.name} is ${space.status}; instances can be ordered into ACTIVE spaces only.`);
    }
    const prepared = await this.offerings.prepareOrder({ offeringId: args.offeringId, tenant, planKey: args.planKey.trim(), parameters: args.parameters ?? {} }, manager);
    if (prepared.offering.kind === OfferingKind.Iaas) {
      throw AppException.badInput('offeringId', `"${prepared.offering.name}" makes a space, not an instance; order it with createSpace.`);
    }
    const nameTaken = (candidate: string) => manager.getRepository(InstanceEntity).existsBy({ spaceId: space.id, slug: candidate, status: In(LIVE_INSTANCE_STATUSES) });
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
    return { order, delta, reserved: delta, region: space.region, ...approval(prepared) };
  }

  private async draftModify(manager: EntityManager, tenant: TenantEntity, args: SubmitOrderArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    const instance = await this.changeableInstance(manager, tenant, args, 'change');
    if (![InstanceStatus.Active, InstanceStatus.Degraded].includes(instance.status)) {
      throw AppException.badInput('instanceId', `Instance ${instance.name} is ${instance.status}; only ACTIVE or DEGRADED instances can be changed.`);
    }
    if (args.spaceId && args.spaceId !== instance.spaceId) throw AppException.badInput('spaceId', 'An instance cannot move to another space; leave spaceId out.');
    if (args.name && args.name !== instance.slug) throw AppException.badInput('name', 'An instance cannot be renamed; leave name out.');
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
    const space = await manager.getRepository(SpaceEntity).findOneByOrFail({ id: instance.spaceId });
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
    const decision = approval(prepared);
    return { order, delta, reserved, region: space.region, ...(isZeroQuota(reserved) ? { approvalRequired: false, approvalWhy: '' } : decision) };
  }

  private async draftDelete(manager: EntityManager, tenant: TenantEntity, args: SubmitOrderArgs, base: Partial<OrderEntity>, requestHash: string): Promise<Draft> {
    for (const field of ['offeringId', 'planKey', 'parameters', 'spaceId', 'name', 'leaseEndsAt'] as const) {
      if (args[field] !== undefined && args[field] !== null) throw AppException.badInput(field, `${field} is not used to delete an instance; leave it out.`);
    }
    const instance = await this.changeableInstance(manager, tenant, args, 'delete');
    if (![InstanceStatus.Active, InstanceStatus.Degraded, InstanceStatus.Failed].includes(instance.status)) {
      throw AppException.badInput('instanceId', `Instance ${instance.name} is ${instance.status}; it cannot be decommissioned now.`);
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
    return { order, delta, reserved: quotaOf({}), region: space.region, approvalRequired: false, approvalWhy: '' };
  }

  /** The tenant's instance (locked), with no other order under way for it. */
  private async changeableInstance(manager: EntityManager, tenant: TenantEntity, args: SubmitOrderArgs, verb: string): Promise<InstanceEntity> {
    if (!args.instanceId) throw AppException.badInput('instanceId', `instanceId is required to ${verb} an instance.`);
    const instance = isUuid(args.instanceId)
      ? await manager.getRepository(InstanceEntity).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id AND i.tenant_id = :tenantId', { id: args.instanceId, tenantId: tenant.id }).getOne()
      : null;
    if (!instance) throw AppException.notFound('Instance', args.instanceId);
    if (args.offeringId && args.offeringId !== instance.offeringId) throw AppException.badInput('offeringId', 'An instance keeps its offering; leave offeringId out.');
    const open = await manager.getRepository(OrderEntity).findOne({ where: { instanceId: instance.id, status: In([...OPEN_ORDER_STATUSES]) } });
    if (open) {
      throw AppException.conflict(`Order ${open.id} for instance ${instance.name} is ${open.status}; wait until it is done (or cancel it) before ordering another change.`, { orderId: open.id, field: 'instanceId' });
    }
    return instance;
  }

  /** Stores the order, reserves the growing part of its change, and approves it or leaves it for an operator. */
  private async place(manager: EntityManager, user: AuthUser, tenant: TenantEntity, draft: Draft): Promise<void> {
    const order = await manager.getRepository(OrderEntity).save(draft.order);
    if (!isZeroQuota(draft.reserved) && !(await reserveForOrder(manager, { orderId: order.id, tenantId: tenant.id, region: draft.region, delta: draft.reserved }))) {
      const allocation = await findAllocation(manager, tenant.id, draft.region);
      if (!allocation) throw AppException.badInput('tenantId', `${tenant.name} has no allocation in ${draft.region}; ask a platform operator to allocate capacity first.`);
      const shortfalls = quotaShortfalls(allocationLimits(allocation), allocationInUse(allocation), draft.reserved);
      throw AppException.quotaExceeded(shortfalls[0]?.resource === 'instances' || !shortfalls[0] ? 'tenantId' : 'planKey', `${tenant.name}: ${formatQuotaShortfalls(shortfalls)}`, shortfalls);
    }
    await recordOrderCreated(manager, order, { kind: OrderEventActor.User, id: user.id });
    const system = { kind: OrderEventActor.System };
    if (draft.approvalRequired) {
      await transitionOrder(manager, order, OrderStatus.PendingApproval, system, draft.approvalWhy);
      return;
    }
    await transitionOrder(manager, order, OrderStatus.Approved, system, 'Fits within the allocation: approved automatically.');
    await enqueueOrder(manager, order);
  }
}

/** Instance statuses that hold a name in their space (a deleted instance frees it). */
const LIVE_INSTANCE_STATUSES = [InstanceStatus.Provisioning, InstanceStatus.Active, InstanceStatus.Degraded, InstanceStatus.Decommissioning, InstanceStatus.Failed];

function approval(prepared: PreparedOffering): { approvalRequired: boolean; approvalWhy: string } {
  if (!prepared.approvalRequired) return { approvalRequired: false, approvalWhy: '' };
  return { approvalRequired: true, approvalWhy: `"${prepared.offering.name}" needs a platform operator's approval for this size (${prepared.offering.approvalPolicy}).` };
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
