import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { AuditOutcome, InstanceEntity, OrderEntity, OrderEventActor, SpaceEntity, appendAuditEvent, recordOrderCreated, transitionOrder } from '@nprod/database';
import { InstanceStatus, OrderAction, OrderStatus, OrderTarget, SpaceStatus, quotaOf } from '@nprod/domain';
import { orderJobId, writeOutboxJob, type LeaseNoticeKind } from '@nprod/jobs';
import { DataSource, In, IsNull, LessThanOrEqual, MoreThan, Not, type EntityManager, type ObjectLiteral, type Repository } from 'typeorm';
import { InstanceProvisionerService } from '../provision/instance-provisioner.service';
import { SpaceProvisionerService } from '../provision/space-provisioner.service';

/** Rows read per query: the sweep walks the tables by id, so its memory stays flat and its cost linear. */
const PAGE = 200;
const DAY_MS = 24 * 3600 * 1000;

/**
 * The periodic reconcile (`platform.reconcile`, a BullMQ job scheduler): re-applies the
 * desired state of every ACTIVE space and every ACTIVE or DEGRADED instance, so drift is
 * repaired (a deleted NetworkPolicy comes back, a changed quota is set back), marks
 * instances DEGRADED or ACTIVE by readiness, and moves leases on. One pass over the
 * current rows: its cost grows with the number of objects, not with history.
 */
@Injectable()
export class ReconcileService {
  private readonly logger = new Logger(ReconcileService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SpaceProvisionerService) private readonly spaces: SpaceProvisionerService,
    @Inject(InstanceProvisionerService) private readonly instances: InstanceProvisionerService,
  ) {}

  async reconcileAll(): Promise<{ spaces: number; instances: number; failures: number }> {
    const started = Date.now();
    let failures = 0;
    await this.moveLeases();
    const spaces = await this.walk(this.db.getRepository(SpaceEntity), { status: SpaceStatus.Active }, async (space) => {
      await this.spaces.reconcile(space).catch((error: unknown) => {
        failures += 1;
        this.logger.warn({ msg: 'reconcile of a space failed; the next pass tries again', namespace: space.namespace, error: String(error) });
      });
    });
    const instances = await this.walk(this.db.getRepository(InstanceEntity), { status: In([InstanceStatus.Active, InstanceStatus.Degraded]) }, async (instance) => {
      await this.instances.reconcile(instance.id).catch((error: unknown) => {
        failures += 1;
        this.logger.warn({ msg: 'reconcile of an instance failed; the next pass tries again', instanceId: instance.id, error: String(error) });
      });
    });
    this.logger.log({ msg: 'reconciled', spaces, instances, failures, ms: Date.now() - started });
    return { spaces, instances, failures };
  }

  /**
   * Leases: owners are told LEASE_NOTICE_DAYS before the end, the instance is suspended (zero
   * replicas, data kept) at the end, and a DELETE order is placed LEASE_GRACE_DAYS after it
   * unless it was renewed. Each step is mailed to the owners through a `notify.lease` outbox
   * job written in the step's own transaction: a mail outage delays the mail, never the sweep,
   * and a step taken once (guarded by its column) is mailed once.
   */
  async moveLeases(now = new Date()): Promise<void> {
    const { leaseNoticeDays, leaseGraceDays } = this.config.instances;
    const repository = this.db.getRepository(InstanceEntity);
    const live = In([InstanceStatus.Active, InstanceStatus.Degraded]);
    const notice = await repository.find({ where: { status: live, leaseNoticeSentAt: IsNull(), suspendedAt: IsNull(), leaseEndsAt: LessThanOrEqual(new Date(now.getTime() + leaseNoticeDays * DAY_MS)) } });
    for (const instance of notice) {
      if (!instance.leaseEndsAt || instance.leaseEndsAt <= now) continue;
      const marked = await this.db.transaction(async (manager) => {
        // Another worker's sweep may have taken this step a moment ago.
        if ((await manager.getRepository(InstanceEntity).update({ id: instance.id, leaseNoticeSentAt: IsNull() }, { leaseNoticeSentAt: now })).affected !== 1) return false;
        await this.notify(manager, instance, 'ending');
        await appendAuditEvent(manager, {
          actorLabel: 'worker',
          tenantId: instance.tenantId,
          action: 'instanceLeaseEndingSoon',
          targetType: 'Instance',
          targetId: instance.id,
          outcome: AuditOutcome.Success,
          details: { leaseEndsAt: instance.leaseEndsAt?.toISOString(), message: `The lease of ${instance.name} ends on ${instance.leaseEndsAt?.toISOString()}; renew it to keep the instance running.` },
        });
        return true;
      });
      if (marked) this.logger.log({ msg: 'lease ends soon; owners are being mailed', instanceId: instance.id, leaseEndsAt: instance.leaseEndsAt });
    }

    const ended = await repository.find({ where: { status: live, suspendedAt: IsNull(), leaseEndsAt: LessThanOrEqual(now) } });
    for (const instance of ended) {
      const deleteAfter = new Date(instance.leaseEndsAt!.getTime() + leaseGraceDays * DAY_MS);
      await this.db.transaction(async (manager) => {
        const suspended = await manager.getRepository(InstanceEntity).update(
          { id: instance.id, suspendedAt: IsNull() },
          { suspendedAt: now, statusReason: `The lease ended on ${instance.leaseEndsAt!.toISOString()}: suspended (scaled to zero, data kept). Renew it before ${deleteAfter.toISOString()}, or it is deleted.` },
        );
        if (suspended.affected === 1) await this.notify(manager, instance, 'suspended');
      });
      await this.instances.reconcile(instance.id).catch((error: unknown) => this.logger.warn({ msg: 'could not scale a suspended instance to zero yet', instanceId: instance.id, error: String(error) }));
    }

    const expired = await repository.find({ where: { status: live, suspendedAt: Not(IsNull()), leaseEndsAt: LessThanOrEqual(new Date(now.getTime() - leaseGraceDays * DAY_MS)) } });
    for (const instance of expired) await this.orderDeletion(instance);
  }

  /** A DELETE order placed by the platform (the lease and its grace period are over), approved at once. */
  private async orderDeletion(instance: InstanceEntity): Promise<void> {
    await this.db.transaction(async (manager) => {
      const locked = await manager.getRepository(InstanceEntity).createQueryBuilder('i').setLock('pessimistic_write').where('i.id = :id', { id: instance.id }).getOne();
      if (!locked || ![InstanceStatus.Active, InstanceStatus.Degraded].includes(locked.status)) return;
      if (await manager.getRepository(OrderEntity).existsBy({ instanceId: instance.id, status: In([OrderStatus.Submitted, OrderStatus.PendingApproval, OrderStatus.Approved, OrderStatus.Provisioning]) })) return;
      const order = await manager.getRepository(OrderEntity).save(
        manager.getRepository(OrderEntity).create({
          tenantId: locked.tenantId,
          action: OrderAction.Delete,
          target: OrderTarget.Instance,
          spaceId: locked.spaceId,
          instanceId: locked.id,
          offeringId: locked.offeringId,
          status: OrderStatus.Submitted,
          idempotencyKey: `lease-expired-${locked.id}-${locked.leaseEndsAt?.getTime()}`,
          request: {
            name: locked.name,
            slug: locked.slug,
            planKey: locked.planKey,
            delta: quotaOf({ cpuMillicores: -locked.cpuMillicores, memoryMiB: -locked.memoryMiB, storageGiB: -locked.storageGiB, instances: -1 }),
            reserved: quotaOf({}),
            previousStatus: locked.status,
          },
          requestedById: null,
          attempt: 1,
        }),
      );
      const system = { kind: OrderEventActor.System };
      await recordOrderCreated(manager, order, system, 'The lease and its grace period are over.');
      await transitionOrder(manager, order, OrderStatus.Approved, system, 'Deleting an instance whose lease ended is approved automatically.');
      await manager.getRepository(InstanceEntity).update({ id: locked.id }, { status: InstanceStatus.Decommissioning, statusReason: 'The lease ended and was not renewed: deleting.' });
      await writeOutboxJob(manager, { name: 'instance.delete', data: { orderId: order.id } }, orderJobId(order.id, 1));
      await this.notify(manager, locked, 'deleting');
    });
  }

  /** The owners' mail about this step of the lease, sent by the notify queue; its job id makes a relayed duplicate a no-op. */
  private async notify(manager: EntityManager, instance: InstanceEntity, notice: LeaseNoticeKind): Promise<void> {
    const leaseEndsAt = instance.leaseEndsAt!;
    await writeOutboxJob(manager, { name: 'notify.lease', data: { instanceId: instance.id, notice, leaseEndsAt: leaseEndsAt.toISOString() } }, `lease-${instance.id}-${notice}-${leaseEndsAt.getTime()}`);
  }

  /** Calls `visit` for every row matching `where`, a page at a time in id order; returns how many. */
  private async walk<T extends ObjectLiteral & { id: string }>(repository: Repository<T>, where: Record<string, unknown>, visit: (row: T) => Promise<void>): Promise<number> {
    let after = '00000000-0000-0000-0000-000000000000';
    let count = 0;
    for (;;) {
      const page = await repository.find({ where: { ...where, id: MoreThan(after) } as never, order: { id: 'ASC' } as never, take: PAGE });
      for (const row of page) await visit(row);
      count += page.length;
      if (page.length < PAGE) return count;
      after = page[page.length - 1].id;
    }
  }
}
