import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipEntity, TenantEntity, UserEntity } from '@nprod/database';
import { TenantRole, describeEnumValue } from '@nprod/domain';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import { uniqueViolation } from '../common/unique-violation';
import { UsersService } from '../users/users.service';
import type { MembershipFilter, MembershipListArgs } from './dto/membership-list.args';
import type { CreateMembershipArgs, UpdateMembershipArgs } from './dto/membership-mutation.args';
import { MembershipModel, type MembershipRow } from './models/membership.model';

const SORTABLE: Record<string, string> = {
  role: 'm.role',
  createdAt: 'm.created_at',
  userEmail: 'u.email',
  userDisplayName: 'u.display_name',
  tenantName: 't.name',
  id: 'm.id',
};
const ROLES = Object.values(TenantRole);

/**
 * Who holds which role in which tenant. Every change locks the tenant row, so two demotions
 * cannot both pass the last-owner check. Kubernetes RoleBindings follow: a trigger on
 * `memberships` writes a `tenant.rbac.sync` outbox job in the same transaction (migration
 * AddMembershipRbacSync), whichever feature changes a membership.
 */
@Injectable()
export class MembershipsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(UsersService) private readonly users: UsersService,
  ) {}

  async list(user: AuthUser, args: MembershipListArgs): Promise<MembershipModel[]> {
    const window = listWindow(args, SORTABLE, 'createdAt');
    const query = (await this.scopedQuery(user, args.filter))
      .orderBy(window.sortColumn, window.sortDirection)
      .addOrderBy('m.id', 'ASC')
      .offset(window.skip)
      .limit(window.take);
    return (await query.getRawMany<MembershipRow>()).map(MembershipModel.from);
  }

  async count(user: AuthUser, args: MembershipListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  /** NOT_FOUND for a membership of a tenant the caller cannot see, exactly as for a missing one. */
  async get(user: AuthUser, id: string): Promise<MembershipModel> {
    const row = isUuid(id) ? await (await this.scopedQuery(user, { ids: [id] })).getRawOne<MembershipRow>() : undefined;
    if (!row) throw AppException.notFound('Membership', id);
    return MembershipModel.from(row);
  }

  async create(user: AuthUser, args: CreateMembershipArgs): Promise<MembershipModel> {
    if (!isUuid(args.tenantId)) throw AppException.notFound('Tenant', args.tenantId);
    checkRole(args.role);
    await this.access.assertCanManage(user, args.tenantId, 'manage the members of this tenant');
    await this.access.assertCanAssignRole(user, args.tenantId, args.role);
    // Only people the caller can already see; anyone else joins through an email invitation.
    const member = await this.users.get(user, args.userId);
    const id = await this.db.transaction(async (manager) => {
      const tenant = await lockTenant(manager, args.tenantId);
      const existing = await manager.getRepository(MembershipEntity).findOneBy({ tenantId: tenant.id, userId: member.id });
      if (existing) {
        throw AppException.conflict(`${member.email} already has the ${describeEnumValue(existing.role)} role in ${tenant.name}; change that membership's role instead.`, { field: 'userId', membershipId: existing.id });
      }
      try {
        const { identifiers } = await manager.getRepository(MembershipEntity).insert({ tenantId: tenant.id, userId: member.id, role: args.role });
        return String(identifiers[0].id);
      } catch (error) {
        // The tenant lock makes this rare: another path (an accepted invitation) inserted first.
        if (uniqueViolation(error)) throw AppException.conflict(`${member.email} is already a member of ${tenant.name}; change that membership's role instead.`, { field: 'userId' });
        throw error;
      }
    });
    return this.get(user, id);
  }

  async update(user: AuthUser, args: UpdateMembershipArgs): Promise<MembershipModel> {
    checkRole(args.role);
    const visible = await this.get(user, args.id);
    await this.access.assertCanManage(user, visible.tenantId, 'change roles in this tenant');
    await this.db.transaction(async (manager) => {
      const tenant = await lockTenant(manager, visible.tenantId);
      const membership = await manager.getRepository(MembershipEntity).findOneBy({ id: args.id });
      if (!membership) throw AppException.notFound('Membership', args.id);
      if (membership.role === args.role) return;
      await this.access.assertCanAssignRole(user, tenant.id, membership.role, args.role);
      if (membership.role === TenantRole.Owner) await assertAnotherOwner(manager, tenant, `${visible.userEmail} is the last OWNER of ${tenant.name}; make someone else OWNER first, then change this role.`);
      await manager.getRepository(MembershipEntity).update({ id: membership.id }, { role: args.role });
    });
    return this.get(user, args.id);
  }

  /** Returns the membership as it was, so the console (and the audit record) can still show it. */
  async delete(user: AuthUser, id: string): Promise<MembershipModel> {
    const visible = await this.get(user, id);
    await this.access.assertCanManage(user, visible.tenantId, 'remove members of this tenant');
    return this.db.transaction(async (manager) => {
      const tenant = await lockTenant(manager, visible.tenantId);
      const membership = await manager.getRepository(MembershipEntity).findOneBy({ id });
      if (!membership) throw AppException.notFound('Membership', id);
      await this.access.assertCanAssignRole(user, tenant.id, membership.role);
      if (membership.role === TenantRole.Owner) await assertAnotherOwner(manager, tenant, `${visible.userEmail} is the last OWNER of ${tenant.name}; make someone else OWNER first, then remove this membership.`);
      await manager.getRepository(MembershipEntity).delete({ id });
      return { ...visible, role: membership.role };
    });
  }

  private async scopedQuery(user: AuthUser, filter: MembershipFilter | undefined): Promise<SelectQueryBuilder<MembershipEntity>> {
    const query = this.db
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
      .innerJoin(TenantEntity, 't', 't.id = m.tenant_id')
      .select([
        'm.id AS "id"',
        'm.tenant_id AS "tenantId"',
        'm.user_id AS "userId"',
        'm.role AS "role"',
        'm.created_at AS "createdAt"',
        't.name AS "tenantName"',
        'u.email AS "userEmail"',
        'u.display_name AS "userDisplayName"',
      ]);
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('m.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('m.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) query.andWhere('m.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.userId) query.andWhere('m.user_id = :userId', { userId: isUuid(filter.userId) ? filter.userId : null });
    if (filter?.role) query.andWhere('m.role = :role', { role: filter.role });
    if (filter?.q?.trim()) query.andWhere('(u.email ILIKE :q OR u.display_name ILIKE :q OR t.name ILIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    return query;
  }
}

function checkRole(role: TenantRole): void {
  if (!ROLES.includes(role)) throw AppException.badInput('role', `role must be one of ${ROLES.join(', ')}.`);
}

async function lockTenant(manager: EntityManager, tenantId: string): Promise<TenantEntity> {
  const tenant = await manager.getRepository(TenantEntity).findOne({ where: { id: tenantId }, lock: { mode: 'pessimistic_write' } });
  if (!tenant) throw AppException.notFound('Tenant', tenantId);
  return tenant;
}

async function assertAnotherOwner(manager: EntityManager, tenant: TenantEntity, message: string): Promise<void> {
  const owners = await manager.getRepository(MembershipEntity).countBy({ tenantId: tenant.id, role: TenantRole.Owner });
  if (owners <= 1) throw AppException.conflict(message, { field: 'role', reason: 'LAST_OWNER' });
}
