import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { InstanceEntity, OrderEntity, SecretBox, SpaceEntity, UserEntity } from '@nprod/database';
import { InstanceStatus, OrderAction, TenantRole, describeEnumValue } from '@nprod/domain';
import { writeOutboxJob } from '@nprod/jobs';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import { INSTANCE_CREDENTIALS_PURPOSE, OrderSubmissionService } from '../orders/order-submission.service';
import type { DecommissionInstanceArgs, RenewInstanceArgs, ResizeInstanceArgs } from './dto/instance-mutation.args';
import type { InstanceFilter, InstanceListArgs } from './dto/instance-list.args';
import { InstanceCredentialsModel, InstanceModel } from './models/instance.model';

const SORTABLE: Record<string, string> = {
  name: 'i.name',
  slug: 'i.slug',
  status: 'i.status',
  planKey: 'i.planKey',
  leaseEndsAt: 'i.leaseEndsAt',
  createdAt: 'i.createdAt',
  updatedAt: 'i.updatedAt',
  id: 'i.id',
};

@Injectable()
export class InstancesService {
  private readonly box: SecretBox | null;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(OrderSubmissionService) private readonly submission: OrderSubmissionService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.box = config.auth.dataEncryptionKey ? new SecretBox(config.auth.dataEncryptionKey, INSTANCE_CREDENTIALS_PURPOSE) : null;
  }

  async list(user: AuthUser, args: InstanceListArgs): Promise<InstanceModel[]> {
    const window = listWindow(args, SORTABLE, 'createdAt');
    return (await applyWindow(await this.scopedQuery(user, args.filter), window).getMany()).map(InstanceModel.from);
  }

  async count(user: AuthUser, args: InstanceListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<InstanceModel> {
    return InstanceModel.from(await this.readable(user, id));
  }

  /** A MODIFY order for the instance; returns the order id. */
  async resize(user: AuthUser, args: ResizeInstanceArgs): Promise<string> {
    const instance = await this.readable(user, args.id);
    if (!args.planKey && (args.parameters === undefined || args.parameters === null)) {
      throw AppException.badInput('planKey', 'Give a new planKey, or parameters with the new size.');
    }
    return this.submission.submit(user, {
      tenantId: instance.tenantId,
      action: OrderAction.Modify,
      instanceId: instance.id,
      planKey: args.planKey,
      parameters: args.parameters,
      idempotencyKey: args.idempotencyKey ?? `resize-${randomUUID()}`,
    });
  }

  /** A DELETE order for the instance; returns the order id. */
  async decommission(user: AuthUser, args: DecommissionInstanceArgs): Promise<string> {
    const instance = await this.readable(user, args.id);
    return this.submission.submit(user, {
      tenantId: instance.tenantId,
      action: OrderAction.Delete,
      instanceId: instance.id,
      idempotencyKey: args.idempotencyKey ?? `decommission-${randomUUID()}`,
    });
  }

  /** Moves (or removes) the lease end; a suspended instance is scaled back up by the worker. */
  async renew(user: AuthUser, args: RenewInstanceArgs): Promise<InstanceModel> {
    const instance = await this.readable(user, args.id);
    await this.access.assertCanManage(user, instance.tenantId, 'renew instances of this tenant');
    const leaseEndsAt = args.leaseEndsAt ? new Date(args.leaseEndsAt) : null;
    if (leaseEndsAt && !(leaseEndsAt.getTime() > Date.now())) throw AppException.badInput('leaseEndsAt', 'leaseEndsAt must be in the future (or null for no end).');
    if (![InstanceStatus.Active, InstanceStatus.Degraded, InstanceStatus.Provisioning].includes(instance.status)) {
      throw AppException.badInput('id', `Instance ${instance.name} is ${describeEnumValue(instance.status)}; only running instances can be renewed.`);
    }
    await this.db.transaction(async (manager) => {
      await manager.getRepository(InstanceEntity).update({ id: instance.id }, { leaseEndsAt, leaseNoticeSentAt: null, suspendedAt: null });
      if (instance.suspendedAt) {
        await writeOutboxJob(manager, { name: 'instance.reconcile', data: { instanceId: instance.id } }, `reconcile-${instance.id}-${Date.now()}`);
      }
    });
    return this.get(user, instance.id);
  }

  /**
   * The stored credentials, shown once to the instance's owner (decision 0008): the conditional
   * UPDATE lets exactly one of several concurrent reveals through. Later callers are told when and
   * to whom they were shown, and where the Secret is.
   */
  async revealCredentials(user: AuthUser, id: string): Promise<InstanceCredentialsModel> {
    const instance = await this.readable(user, id);
    if (!instance.credentialsSealed || !instance.credentialsSecretName) throw AppException.badInput('id', `Instance ${instance.name} has no generated credentials.`);
    await this.assertCredentialsOwner(user, instance);
    if (instance.credentialsRevealedAt) throw await this.alreadyRevealed(instance, instance.credentialsRevealedAt);
    if (!this.box) throw AppException.forbidden('Credentials cannot be opened: DATA_ENCRYPTION_KEY is not set on this API; ask a platform operator.');
    // Opened before they are marked as shown: a key that cannot open them must not use up the one reveal.
    const values = JSON.parse(this.box.open(instance.credentialsSealed, instance.id).toString('utf8')) as Record<string, string>;
    const marked = await this.db
      .createQueryBuilder()
      .update(InstanceEntity)
      .set({ credentialsRevealedAt: () => 'now()', credentialsRevealedById: user.id })
      .where('id = :id AND credentials_revealed_at IS NULL', { id: instance.id })
      .execute();
    if (marked.affected !== 1) {
      const winner = await this.db.getRepository(InstanceEntity).findOneByOrFail({ id: instance.id });
      throw await this.alreadyRevealed(winner, winner.credentialsRevealedAt ?? new Date());
    }
    return { id: instance.id, tenantId: instance.tenantId, secretName: instance.credentialsSecretName, values };
  }

  /** Whether the caller may still reveal the instance's credentials (the console offers the button only then). */
  async canRevealCredentials(user: AuthUser, instance: InstanceModel): Promise<boolean> {
    if (!instance.credentialsSecretName || instance.credentialsRevealedAt) return false;
    return this.isCredentialsOwner(user, instance);
  }

  /** Who the credentials were shown to, as the console names people; null while not shown. */
  async credentialsRevealedTo(instance: Pick<InstanceModel, 'credentialsRevealedById'>): Promise<string | null> {
    if (!instance.credentialsRevealedById) return null;
    const person = await this.db.getRepository(UserEntity).findOneBy({ id: instance.credentialsRevealedById });
    return person ? `${person.displayName} (${person.email})` : 'a person who has since been removed';
  }

  /**
   * The owner of an instance's credentials: a tenant OWNER, or the ADMIN who ordered it. Platform
   * staff never see a tenant's passwords, whatever role they act with elsewhere; nor does an API
   * token, which is no person they could be shown to.
   */
  private async isCredentialsOwner(user: AuthUser, instance: Pick<InstanceEntity, 'tenantId' | 'createOrderId'>): Promise<boolean> {
    if (user.platformRole || user.apiTokenId) return false;
    const role = await this.access.effectiveRole(user, instance.tenantId);
    if (role === TenantRole.Owner) return true;
    if (role !== TenantRole.Admin) return false;
    const order = await this.db.getRepository(OrderEntity).findOneBy({ id: instance.createOrderId });
    return order?.requestedById === user.id;
  }

  private async assertCredentialsOwner(user: AuthUser, instance: InstanceEntity): Promise<void> {
    if (await this.isCredentialsOwner(user, instance)) return;
    const who = user.platformRole
      ? 'Platform operators and auditors never see a tenant\'s credentials'
      : user.apiTokenId
        ? 'An API token cannot see them; sign in as a person'
        : 'Your role does not allow you to see them';
    throw AppException.forbidden(
      `${who}: the credentials of ${instance.name} are shown once, to its owner (a tenant owner, or the admin who ordered it). Tenant owners and admins can read the Kubernetes Secret ${instance.credentialsSecretName} with the tenant's own cluster access.`,
    );
  }

  private async alreadyRevealed(instance: InstanceEntity, at: Date): Promise<AppException> {
    const { namespace } = await this.db.getRepository(SpaceEntity).findOneByOrFail({ id: instance.spaceId });
    const when = `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    return AppException.conflict(
      `The credentials of ${instance.name} were already shown to ${await this.credentialsRevealedTo(instance)} on ${when}, and are shown only once. Read them from the Kubernetes Secret ${instance.credentialsSecretName} in namespace ${namespace} with your tenant's cluster access (owners and admins have it).`,
      { field: 'id', secretName: instance.credentialsSecretName, namespace },
    );
  }

  private async readable(user: AuthUser, id: string): Promise<InstanceEntity> {
    const instance = isUuid(id) ? await this.db.getRepository(InstanceEntity).findOneBy({ id }) : null;
    if (!instance) throw AppException.notFound('Instance', id);
    await this.access.assertCanRead(user, instance.tenantId).catch(() => {
      throw AppException.notFound('Instance', id);
    });
    return instance;
  }

  private async scopedQuery(user: AuthUser, filter: InstanceFilter | undefined): Promise<SelectQueryBuilder<InstanceEntity>> {
    const query = this.db.getRepository(InstanceEntity).createQueryBuilder('i');
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('i.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('i.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    for (const [column, value] of [
      ['tenant_id', filter?.tenantId],
      ['space_id', filter?.spaceId],
      ['offering_id', filter?.offeringId],
    ] as const) {
      if (value) query.andWhere(`i.${column} = :${column}`, { [column]: isUuid(value) ? value : null });
    }
    if (filter?.status) query.andWhere('i.status = :status', { status: filter.status });
    if (filter?.q?.trim()) query.andWhere('(i.name ILIKE :q OR i.slug ILIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    return query;
  }
}
