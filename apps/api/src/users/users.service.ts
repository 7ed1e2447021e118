import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { UserEntity } from '@nprod/database';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import type { UpdateUserArgs } from './dto/update-user.args';
import type { UserFilter, UserListArgs } from './dto/user-list.args';
import { UserModel } from './models/user.model';

const SORTABLE: Record<string, string> = { email: 'u.email', displayName: 'u.displayName', platformRole: 'u.platformRole', createdAt: 'u.createdAt', id: 'u.id' };

/** People, as far as the access policy lets the caller see them (AccessPolicy.readableUsers). */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(user: AuthUser, args: UserListArgs): Promise<UserModel[]> {
    const window = listWindow(args, SORTABLE, 'email');
    return (await applyWindow(await this.scopedQuery(user, args.filter), window).getMany()).map(UserModel.from);
  }

  async count(user: AuthUser, args: UserListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  /** NOT_FOUND for a user the caller cannot see, exactly as for a missing one. */
  async get(user: AuthUser, id: string): Promise<UserModel> {
    const found = isUuid(id) ? await (await this.scopedQuery(user, { ids: [id] })).getOne() : null;
    if (!found) throw AppException.notFound('User', id);
    return UserModel.from(found);
  }

  /**
   * Everyone may change their own display name, operators anyone's. Platform roles change
   * only by an operator, and never the caller's own: so there is always an operator left.
   */
  async update(user: AuthUser, args: UpdateUserArgs): Promise<UserModel> {
    const target = await this.get(user, args.id);
    const changes: Partial<Pick<UserEntity, 'displayName' | 'platformRole'>> = {};
    if (args.displayName != null && args.displayName.trim() !== target.displayName) {
      if (target.id !== user.id) this.access.assertOperator(user, "change another person's display name");
      const displayName = args.displayName.trim();
      if (displayName.length < 1 || displayName.length > 200) throw AppException.badInput('displayName', 'displayName must be 1 to 200 characters long.');
      changes.displayName = displayName;
    }
    if (args.platformRole !== undefined && args.platformRole !== target.platformRole) {
      if (target.id === user.id) throw AppException.forbidden('You cannot change your own platform role; ask another platform operator.', { field: 'platformRole' });
      this.access.assertOperator(user, 'change platform roles');
      changes.platformRole = args.platformRole;
    }
    if (Object.keys(changes).length > 0) await this.db.getRepository(UserEntity).update({ id: target.id }, changes);
    return this.get(user, target.id);
  }

  private async scopedQuery(user: AuthUser, filter: UserFilter | undefined): Promise<SelectQueryBuilder<UserEntity>> {
    const query = this.db.getRepository(UserEntity).createQueryBuilder('u');
    const scope = await this.access.readableUsers(user);
    if (scope !== 'all') {
      query.andWhere('(u.id = :selfId OR EXISTS (SELECT 1 FROM memberships sm WHERE sm.user_id = u.id AND sm.tenant_id = ANY(:scope::uuid[])))', {
        selfId: scope.selfId,
        scope: scope.tenantIds,
      });
    }
    if (filter?.ids) query.andWhere('u.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) {
      query.andWhere('EXISTS (SELECT 1 FROM memberships fm WHERE fm.user_id = u.id AND fm.tenant_id = :tenantId)', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    }
    if (filter?.platformRole) query.andWhere('u.platform_role = :platformRole', { platformRole: filter.platformRole });
    if (filter?.q?.trim()) query.andWhere('(u.email ILIKE :q OR u.display_name ILIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    return query;
  }
}
