import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApprovalPolicyOverrideEntity, type OfferingApprovalThreshold, OfferingEntity, TenantEntity } from '@nprod/database';
import { describeApprovalPolicy } from '@nprod/catalogue';
import { ApprovalPolicy, MAX_QUOTA_AMOUNT, quotaResourceLabel, quotaUnitHint } from '@nprod/domain';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { isUuid } from '../common/sql-filters';
import type { ApprovalPolicyOverrideFilter, ApprovalPolicyOverrideListArgs } from './dto/approval-policy-list.args';
import type { ClearApprovalPolicyArgs, SetApprovalPolicyArgs } from './dto/set-approval-policy.args';
import { ApprovalPolicyOverrideModel } from './models/approval-policy-override.model';

const SORTABLE: Record<string, string> = {
  tenantId: 'p.tenantId',
  offeringId: 'p.offeringId',
  policy: 'p.policy',
  updatedAt: 'p.updatedAt',
  id: 'p.id',
};

const THRESHOLD_FIELDS = [
  ['thresholdCpuMillicores', 'cpuMillicores'],
  ['thresholdMemoryMiB', 'memoryMiB'],
  ['thresholdStorageGiB', 'storageGiB'],
] as const;

/**
 * Per-tenant approval policies: operators set and clear them; whoever can read a tenant
 * can read its policies (they decide whether the tenant's orders wait). Order submission
 * reads them through `effectiveApprovalRule` in libs/catalogue.
 */
@Injectable()
export class ApprovalPoliciesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
  ) {}

  async list(user: AuthUser, args: ApprovalPolicyOverrideListArgs): Promise<ApprovalPolicyOverrideModel[]> {
    const window = listWindow(args, SORTABLE, 'updatedAt');
    return (await applyWindow(await this.scopedQuery(user, args.filter), window).getMany()).map(ApprovalPolicyOverrideModel.from);
  }

  async count(user: AuthUser, args: ApprovalPolicyOverrideListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<ApprovalPolicyOverrideModel> {
    const override = isUuid(id) ? await this.db.getRepository(ApprovalPolicyOverrideEntity).findOneBy({ id }) : null;
    if (!override) throw AppException.notFound('ApprovalPolicyOverride', id);
    await this.access.assertCanRead(user, override.tenantId).catch(() => {
      throw AppException.notFound('ApprovalPolicyOverride', id);
    });
    return ApprovalPolicyOverrideModel.from(override);
  }

  /** Creates or replaces the tenant's override for the offering (or for all offerings). */
  async set(user: AuthUser, args: SetApprovalPolicyArgs): Promise<ApprovalPolicyOverrideModel> {
    this.access.assertOperator(user, 'set approval policies');
    const threshold = validateThreshold(args);
    const { tenantId, offeringId } = await this.target(args);
    // Two partial unique indexes (offering null or not), so the upsert names the one it hits.
    const conflict = offeringId ? '(tenant_id, offering_id) WHERE offering_id IS NOT NULL' : '(tenant_id) WHERE offering_id IS NULL';
    const [row] = await this.db.query<{ id: string }[]>(
      `INSERT INTO approval_policy_overrides (tenant_id, offering_id, policy, threshold, updated_by_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ${conflict} DO UPDATE SET policy = EXCLUDED.policy, threshold = EXCLUDED.threshold, updated_by_id = EXCLUDED.updated_by_id, updated_at = now()
       RETURNING id`,
      [tenantId, offeringId, args.policy, threshold ? JSON.stringify(threshold) : null, user.id],
    );
    return this.get(user, row.id);
  }

  /** Removes the override, so the tenant inherits again; false when there was none. */
  async clear(user: AuthUser, args: ClearApprovalPolicyArgs): Promise<boolean> {
    this.access.assertOperator(user, 'clear approval policies');
    const { tenantId, offeringId } = await this.target(args);
    const [, removed] = await this.db.query<[unknown[], number]>(
      `DELETE FROM approval_policy_overrides WHERE tenant_id = $1 AND offering_id IS NOT DISTINCT FROM $2::uuid`,
      [tenantId, offeringId],
    );
    return removed > 0;
  }

  private async target(args: { tenantId: string; offeringId?: string | null }): Promise<{ tenantId: string; offeringId: string | null }> {
    const tenantExists = isUuid(args.tenantId) && (await this.db.getRepository(TenantEntity).existsBy({ id: args.tenantId }));
    if (!tenantExists) throw AppException.notFound('Tenant', args.tenantId);
    const offeringId = args.offeringId || null;
    if (offeringId && !(isUuid(offeringId) && (await this.db.getRepository(OfferingEntity).existsBy({ id: offeringId })))) {
      throw AppException.notFound('Offering', offeringId);
    }
    return { tenantId: args.tenantId, offeringId };
  }

  private async scopedQuery(user: AuthUser, filter: ApprovalPolicyOverrideFilter | undefined): Promise<SelectQueryBuilder<ApprovalPolicyOverrideEntity>> {
    const query = this.db.getRepository(ApprovalPolicyOverrideEntity).createQueryBuilder('p');
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('p.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('p.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) query.andWhere('p.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.offeringId) query.andWhere('p.offering_id = :offeringId', { offeringId: isUuid(filter.offeringId) ? filter.offeringId : null });
    return query;
  }
}

/** A threshold for OPERATOR_ABOVE_THRESHOLD (at least one amount), none for the other policies; messages name policies and limits as the console does. */
function validateThreshold(args: SetApprovalPolicyArgs): OfferingApprovalThreshold | null {
  const given = THRESHOLD_FIELDS.filter(([field]) => args[field] !== undefined && args[field] !== null);
  if (args.policy !== ApprovalPolicy.OperatorAboveThreshold) {
    if (given.length > 0) {
      const [field, resource] = given[0];
      throw AppException.badInput(
        field,
        `A ${quotaResourceLabel(resource)} limit is only used with ${describeApprovalPolicy(ApprovalPolicy.OperatorAboveThreshold)}; leave it out for ${describeApprovalPolicy(args.policy)}.`,
      );
    }
    return null;
  }
  if (given.length === 0) {
    throw AppException.badInput('thresholdCpuMillicores', `${describeApprovalPolicy(ApprovalPolicy.OperatorAboveThreshold)} needs at least one limit: CPU, memory or storage.`);
  }
  const threshold: OfferingApprovalThreshold = {};
  for (const [field, resource] of given) {
    const amount = args[field]!;
    if (!Number.isInteger(amount) || amount < 0 || amount > MAX_QUOTA_AMOUNT) throw AppException.badInput(field, `The ${quotaResourceLabel(resource)} limit must be a whole number of ${quotaUnitHint(resource)} from 0 to ${MAX_QUOTA_AMOUNT}, got ${amount}.`);
    threshold[resource] = amount;
  }
  return threshold;
}
