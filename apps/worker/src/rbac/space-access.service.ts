import type { V1RoleBinding } from '@kubernetes/client-node';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { OrderEntity, SpaceEntity, TenantEntity } from '@nprod/database';
import { FIELD_MANAGER, OrderTarget, SpaceStatus, TenantRole } from '@nprod/domain';
import { SPACE_ROLE_BINDINGS_SELECTOR, buildSpaceRoleBindings, roleBindingChanges, spaceRoleOf, spaceUsersByRole, type SpaceRole } from '@nprod/kube';
import { DataSource, type EntityManager } from 'typeorm';
import { ClusterRegistryService } from '../cluster/cluster-registry.service';

const ROLE_BINDING = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' };

/**
 * Kubernetes RBAC that follows membership (docs/decisions/0007): in every space of a tenant,
 * the tenant's members are bound as User subjects (their email) to admin/edit/view by role,
 * and the OWNERs and ADMINs of its ancestors to admin, because they manage the subtree.
 */
@Injectable()
export class SpaceAccessService {
  private readonly logger = new Logger(SpaceAccessService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(ClusterRegistryService) private readonly clusters: ClusterRegistryService,
  ) {}

  /** Kubernetes user names per ClusterRole for the spaces of `tenantId`, from the memberships as they are now. */
  async usersFor(manager: EntityManager, tenantId: string): Promise<Record<SpaceRole, string[]>> {
    const rows = await manager.query<Array<{ email: string; role: TenantRole }>>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, 0 AS depth FROM tenants WHERE id = $1::uuid
         UNION SELECT t.id, t.parent_id, up.depth + 1 FROM tenants t JOIN up ON t.id = up.parent_id WHERE up.depth < 100
       )
       SELECT u.email, m.role FROM up
       JOIN memberships m ON m.tenant_id = up.id
       JOIN users u ON u.id = m.user_id
       WHERE up.depth = 0 OR m.role IN ($2, $3)`,
      [tenantId, TenantRole.Owner, TenantRole.Admin],
    );
    return spaceUsersByRole(rows.map((row) => ({ username: row.email, role: spaceRoleOf(row.role) })));
  }

  /**
   * `tenant.rbac.sync`: brings the bindings of every ACTIVE space of the tenant and of its
   * subtree up to date. Each space costs one list request; only bindings that differ are written.
   */
  async syncTenant(tenantId: string): Promise<void> {
    const spaces = await this.db
      .getRepository(SpaceEntity)
      .createQueryBuilder('s')
      .where(
        `s.tenant_id IN (WITH RECURSIVE down AS (SELECT id FROM tenants WHERE id = :tenantId UNION SELECT t.id FROM tenants t JOIN down ON t.parent_id = down.id) SELECT id FROM down)`,
        { tenantId },
      )
      .andWhere('s.status = :active', { active: SpaceStatus.Active })
      .orderBy('s.namespace')
      .getMany();
    let changed = 0;
    for (const space of spaces) changed += await this.syncSpace(space);
    this.logger.log({ msg: 'tenant RBAC synced', tenantId, spaces: spaces.length, bindingsWritten: changed });
  }

  /**
   * Lists the space's RoleBindings (one request), applies those that are missing or differ and
   * deletes those left without subjects; returns how many it wrote. Comparing with the live
   * bindings rather than a record of what was applied keeps it right after someone edits or
   * deletes a binding by hand. An advisory lock per namespace serialises syncs of one space,
   * and the memberships are read after taking it, so the last sync always saw the newest ones.
   */
  async syncSpace(space: SpaceEntity): Promise<number> {
    const cluster = space.clusterId ? this.clusters.byId(space.clusterId) : undefined;
    if (!cluster) throw new Error(`Space ${space.namespace} is on a cluster this worker is not connected to; its RoleBindings wait for a worker that is.`);
    return this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`nprod-rbac:${space.namespace}`]);
      const tenant = await manager.getRepository(TenantEntity).findOneByOrFail({ id: space.tenantId });
      // Instance orders name the space too; the space's own objects carry the space's last order.
      const lastOrder = await manager.getRepository(OrderEntity).findOne({ where: { spaceId: space.id, target: OrderTarget.Space }, order: { createdAt: 'DESC' } });
      const bindings = buildSpaceRoleBindings({
        tenantSlug: tenant.slug,
        spaceSlug: space.slug,
        namespace: space.namespace,
        orderId: lastOrder?.id ?? space.id,
        users: await this.usersFor(manager, tenant.id),
      });
      const live = (await cluster.applier.list(space.namespace, ROLE_BINDING, SPACE_ROLE_BINDINGS_SELECTOR)) as V1RoleBinding[];
      const changes = roleBindingChanges(bindings, live);
      if (changes.apply.length > 0) await cluster.applier.apply(changes.apply, { fieldManager: FIELD_MANAGER });
      if (changes.remove.length > 0) await cluster.applier.delete(changes.remove);
      return changes.apply.length + changes.remove.length;
    });
  }
}
