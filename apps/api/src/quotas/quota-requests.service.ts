import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QuotaRequestEntity, TenantEntity } from '@nprod/database';
import {
  QuotaRequestStatus,
  type QuotaAmounts,
  addQuota,
  decideGrant,
  quotaRequestTransitionProblem,
  validateDecisionReason,
  validateJustification,
  validateQuotaAmounts,
  validateRaisedLimits,
} from '@nprod/domain';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { isUuid } from '../common/sql-filters';
import { AllocationsService, throwIfInvalid, validateRegion } from './allocations.service';
import type { ApproveQuotaRequestArgs, RejectQuotaRequestArgs } from './dto/decide-quota-request.args';
import type { QuotaRequestFilter, QuotaRequestListArgs } from './dto/quota-request-list.args';
import type { RequestQuotaArgs } from './dto/request-quota.args';
import { QuotaRequestModel } from './models/quota-request.model';

const SORTABLE: Record<string, string> = { createdAt: 'r.createdAt', decidedAt: 'r.decidedAt', status: 'r.status', region: 'r.region', tenantId: 'r.tenantId', id: 'r.id' };

function requestedAmounts(request: QuotaRequestEntity): QuotaAmounts {
  return {
    cpuMillicores: request.requestedCpuMillicores,
    memoryMiB: request.requestedMemoryMiB,
    storageGiB: request.requestedStorageGiB,
    spaces: request.requestedSpaces,
    instances: request.requestedInstances,
  };
}

/** Tenants ask for more capacity; operators approve (fully or partly, applied to the allocation in the same transaction) or reject, once. */
@Injectable()
export class QuotaRequestsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(AllocationsService) private readonly allocations: AllocationsService,
  ) {}

  async list(user: AuthUser, args: QuotaRequestListArgs): Promise<QuotaRequestModel[]> {
    const window = listWindow(args, SORTABLE, 'createdAt');
    return (await applyWindow(await this.scopedQuery(user, args.filter), window).getMany()).map(QuotaRequestModel.from);
  }

  async count(user: AuthUser, args: QuotaRequestListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<QuotaRequestModel> {
    const request = isUuid(id) ? await this.db.getRepository(QuotaRequestEntity).findOneBy({ id }) : null;
    if (!request) throw AppException.notFound('QuotaRequest', id);
    await this.access.assertCanRead(user, request.tenantId).catch(() => {
      throw AppException.notFound('QuotaRequest', id);
    });
    return QuotaRequestModel.from(request);
  }

  async request(user: AuthUser, args: RequestQuotaArgs): Promise<QuotaRequestModel> {
    const region = validateRegion(args.region);
    const amounts: QuotaAmounts = {
      cpuMillicores: args.cpuMillicores ?? 0,
      memoryMiB: args.memoryMiB ?? 0,
      storageGiB: args.storageGiB ?? 0,
      spaces: args.maxSpaces ?? 0,
      instances: args.maxInstances ?? 0,
    };
    throwIfInvalid(validateQuotaAmounts(amounts, { atLeastOne: true }));
    throwIfInvalid(validateJustification(args.justification));
    if (!isUuid(args.tenantId)) throw AppException.notFound('Tenant', args.tenantId);
    await this.access.assertCanManage(user, args.tenantId, 'ask for more quota for this tenant');
    const tenant = await this.db.getRepository(TenantEntity).findOneBy({ id: args.tenantId });
    if (!tenant) throw AppException.notFound('Tenant', args.tenantId);
    const saved = await this.db.getRepository(QuotaRequestEntity).save(
      this.db.getRepository(QuotaRequestEntity).create({
        tenantId: tenant.id,
        region,
        requestedCpuMillicores: amounts.cpuMillicores,
        requestedMemoryMiB: amounts.memoryMiB,
        requestedStorageGiB: amounts.storageGiB,
        requestedSpaces: amounts.spaces,
        requestedInstances: amounts.instances,
        justification: args.justification.trim(),
        status: QuotaRequestStatus.Pending,
        requestedById: user.id,
      }),
    );
    return QuotaRequestModel.from(saved);
  }

  /** Grants what was asked, or less (partial); adds it to the allocation in the same transaction as the decision. */
  async approve(user: AuthUser, args: ApproveQuotaRequestArgs): Promise<QuotaRequestModel> {
    this.access.assertOperator(user, 'approve quota requests');
    const note = args.reason?.trim() || null;
    if (note) throwIfInvalid(validateDecisionReason(note));
    const decided = await this.db.transaction(async (manager) => {
      const request = await this.lockPending(manager, args.id, QuotaRequestStatus.Approved);
      const requested = requestedAmounts(request);
      const decision = decideGrant(requested, {
        cpuMillicores: args.cpuMillicores ?? requested.cpuMillicores,
        memoryMiB: args.memoryMiB ?? requested.memoryMiB,
        storageGiB: args.storageGiB ?? requested.storageGiB,
        spaces: args.maxSpaces ?? requested.spaces,
        instances: args.maxInstances ?? requested.instances,
      });
      if (!decision.ok) throw AppException.badInput(decision.field, decision.message);
      const tenant = await manager.getRepository(TenantEntity).findOneByOrFail({ id: request.tenantId });
      await this.allocations.changeLimits(manager, tenant, request.region, 'operator', (current) => {
        throwIfInvalid(validateRaisedLimits(current, decision.granted));
        return addQuota(current, decision.granted);
      });
      return this.decide(manager, request, user, decision.status, decision.granted, note);
    });
    return QuotaRequestModel.from(decided);
  }

  async reject(user: AuthUser, args: RejectQuotaRequestArgs): Promise<QuotaRequestModel> {
    this.access.assertOperator(user, 'reject quota requests');
    throwIfInvalid(validateDecisionReason(args.reason));
    const decided = await this.db.transaction(async (manager) => {
      const request = await this.lockPending(manager, args.id, QuotaRequestStatus.Rejected);
      return this.decide(manager, request, user, QuotaRequestStatus.Rejected, null, args.reason.trim());
    });
    return QuotaRequestModel.from(decided);
  }

  /** Locks the request so two operators deciding at once decide one after the other; the second sees it decided. */
  private async lockPending(manager: EntityManager, id: string, to: QuotaRequestStatus): Promise<QuotaRequestEntity> {
    const request = isUuid(id) ? await manager.getRepository(QuotaRequestEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } }) : null;
    if (!request) throw AppException.notFound('QuotaRequest', id);
    const problem = quotaRequestTransitionProblem(request.status, to);
    if (problem) throw AppException.conflict(problem, { status: request.status });
    return request;
  }

  private async decide(
    manager: EntityManager,
    request: QuotaRequestEntity,
    user: AuthUser,
    status: QuotaRequestStatus,
    granted: QuotaAmounts | null,
    reason: string | null,
  ): Promise<QuotaRequestEntity> {
    await manager.getRepository(QuotaRequestEntity).update(
      { id: request.id },
      {
        status,
        grantedCpuMillicores: granted?.cpuMillicores ?? null,
        grantedMemoryMiB: granted?.memoryMiB ?? null,
        grantedStorageGiB: granted?.storageGiB ?? null,
        grantedSpaces: granted?.spaces ?? null,
        grantedInstances: granted?.instances ?? null,
        decidedById: user.id,
        decidedAt: new Date(),
        reason,
      },
    );
    return manager.getRepository(QuotaRequestEntity).findOneByOrFail({ id: request.id });
  }

  private async scopedQuery(user: AuthUser, filter: QuotaRequestFilter | undefined): Promise<SelectQueryBuilder<QuotaRequestEntity>> {
    const query = this.db.getRepository(QuotaRequestEntity).createQueryBuilder('r');
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('r.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('r.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) query.andWhere('r.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.status) query.andWhere('r.status = :status', { status: filter.status });
    if (filter?.region) query.andWhere('r.region = :region', { region: filter.region.trim() });
    return query;
  }
}
