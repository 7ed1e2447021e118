import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditEventEntity } from '@nprod/database';
import { PlatformRole } from '@nprod/domain';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import type { AuditEventFilter, AuditEventListArgs } from './dto/audit-event-list.args';
import { AuditEventModel } from './models/audit-event.model';

const SORTABLE: Record<string, string> = { id: 'a.id', occurredAt: 'a.id', action: 'a.action', outcome: 'a.outcome', actorLabel: 'a.actorLabel' };
const EXPORT_BATCH = 1_000;

/**
 * Reads the audit trail. Auditors and operators read all of it; tenant owners and admins
 * read the events of the tenants they manage; everyone else is refused.
 */
@Injectable()
export class AuditQueryService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(user: AuthUser, args: AuditEventListArgs): Promise<AuditEventModel[]> {
    const window = listWindow({ sortField: 'occurredAt', sortOrder: 'DESC', ...args }, SORTABLE, 'occurredAt');
    return (await applyWindow(await this.scopedQuery(user, args.filter), window).getMany()).map(AuditEventModel.from);
  }

  async count(user: AuthUser, args: AuditEventListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<AuditEventModel> {
    const event = /^\d{1,18}$/.test(id) ? await (await this.scopedQuery(user, { ids: [id] })).getOne() : null;
    if (!event) throw AppException.notFound('Audit event', id);
    return AuditEventModel.from(event);
  }

  /** Every event in [from, to) in chain order, as JSON Lines with the hashes, in batches. */
  async *exportRange(user: AuthUser, from: Date, to: Date): AsyncGenerator<string> {
    if (user.platformRole !== PlatformRole.Auditor && user.platformRole !== PlatformRole.Operator) {
      throw AppException.forbidden('Only auditors and platform operators can export the audit trail.');
    }
    let afterId = '0';
    for (;;) {
      const rows = await this.db
        .getRepository(AuditEventEntity)
        .createQueryBuilder('a')
        .where('a.id > :afterId AND a.occurredAt >= :from AND a.occurredAt < :to', { afterId, from, to })
        .orderBy('a.id', 'ASC')
        .take(EXPORT_BATCH)
        .getMany();
      for (const row of rows) yield `${JSON.stringify(row)}\n`;
      if (rows.length < EXPORT_BATCH) return;
      afterId = rows[rows.length - 1].id;
    }
  }

  private async scopedQuery(user: AuthUser, filter: AuditEventFilter | undefined): Promise<SelectQueryBuilder<AuditEventEntity>> {
    const query = this.db.getRepository(AuditEventEntity).createQueryBuilder('a');
    const scope = await this.access.manageableTenants(user);
    const readsAll = user.platformRole === PlatformRole.Auditor || scope === 'all';
    if (!readsAll) {
      if (scope.length === 0) throw AppException.forbidden('Only auditors, operators and tenant owners or admins can read the audit trail.');
      query.andWhere('a.tenant_id = ANY(:scope::uuid[])', { scope });
    }
    if (filter?.ids) query.andWhere('a.id = ANY(:ids::bigint[])', { ids: filter.ids.filter((id) => /^\d{1,18}$/.test(id)) });
    if (filter?.actorId) query.andWhere('a.actor_id = :actorId', { actorId: isUuid(filter.actorId) ? filter.actorId : null });
    if (filter?.tenantId) query.andWhere('a.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter?.outcome) query.andWhere('a.outcome = :outcome', { outcome: filter.outcome });
    if (filter?.occurredAt_gte) query.andWhere('a.occurred_at >= :from', { from: filter.occurredAt_gte });
    if (filter?.occurredAt_lt) query.andWhere('a.occurred_at < :to', { to: filter.occurredAt_lt });
    if (filter?.q?.trim()) {
      query.andWhere('(a.actor_label ILIKE :q OR a.action ILIKE :q OR a.target_id ILIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    }
    return query;
  }
}
