import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { COMPUTE_SPACE_OFFERING_KEY } from '@nprod/catalogue';
import { OfferingEntity, OrderEntity, SpaceEntity, spaceInstancesUse } from '@nprod/database';
import { OrderAction } from '@nprod/domain';
import { DataSource, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import { OrderSubmissionService } from '../orders/order-submission.service';
import type { CreateSpaceArgs, DeleteSpaceArgs, ResizeSpaceArgs } from './dto/create-space.args';
import type { SpaceFilter, SpaceListArgs } from './dto/space-list.args';
import { SpaceModel } from './models/space.model';

const SORTABLE: Record<string, string> = {
  name: 's.name',
  slug: 's.slug',
  namespace: 's.namespace',
  status: 's.status',
  cpuMillicores: 's.cpuMillicores',
  memoryMiB: 's.memoryMiB',
  storageGiB: 's.storageGiB',
  createdAt: 's.createdAt',
  updatedAt: 's.updatedAt',
  id: 's.id',
};

@Injectable()
export class SpacesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(OrderSubmissionService) private readonly submission: OrderSubmissionService,
  ) {}

  async list(user: AuthUser, args: SpaceListArgs): Promise<SpaceModel[]> {
    const window = listWindow(args, SORTABLE, 'createdAt');
    const spaces = await applyWindow((await this.scopedQuery(user, args.filter)).leftJoinAndSelect('s.cluster', 'c'), window).getMany();
    const used = await spaceInstancesUse(this.db.manager, spaces.map((space) => space.id));
    return spaces.map((space) => SpaceModel.from(space, used.get(space.id)!));
  }

  async count(user: AuthUser, args: SpaceListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<SpaceModel> {
    const space = isUuid(id) ? await this.db.getRepository(SpaceEntity).findOne({ where: { id }, relations: { cluster: true } }) : null;
    if (!space) throw AppException.notFound('Space', id);
    await this.access.assertCanRead(user, space.tenantId).catch(() => {
      throw AppException.notFound('Space', id);
    });
    return SpaceModel.from(space, (await spaceInstancesUse(this.db.manager, [space.id])).get(space.id)!);
  }

  /**
   * `createSpace`: a CREATE order of the compute-space offering with the size as its custom
   * plan, through the same submission as `submitOrder`. Errors name this mutation's
   * arguments (`cpuMillicores`, not `parameters.cpuMillicores`).
   */
  async create(user: AuthUser, args: CreateSpaceArgs): Promise<SpaceModel> {
    const offering = await this.db.getRepository(OfferingEntity).findOneBy({ key: COMPUTE_SPACE_OFFERING_KEY });
    if (!offering) throw AppException.notFound('Offering', COMPUTE_SPACE_OFFERING_KEY);
    const orderId = await withShorthandFields(() =>
      this.submission.submit(user, {
        tenantId: args.tenantId,
        action: OrderAction.Create,
        offeringId: offering.id,
        planKey: CUSTOM_SIZE_PLAN,
        parameters: { cpuMillicores: args.cpuMillicores, memoryMiB: args.memoryMiB, storageGiB: args.storageGiB },
        name: args.name,
        slug: args.slug,
        idempotencyKey: args.idempotencyKey?.trim() || `create-space-${randomUUID()}`,
      }),
    );
    // A CREATE order of a space offering always names its space.
    const { spaceId } = await this.db.getRepository(OrderEntity).findOneOrFail({ where: { id: orderId }, select: { id: true, spaceId: true } });
    return this.get(user, spaceId!);
  }

  /** `resizeSpace`: a MODIFY order for the space; returns the order id. */
  async resize(user: AuthUser, args: ResizeSpaceArgs): Promise<string> {
    const space = await this.get(user, args.id);
    return this.submission.submit(user, {
      tenantId: space.tenantId,
      action: OrderAction.Modify,
      spaceId: space.id,
      planKey: args.planKey,
      parameters: args.parameters,
      idempotencyKey: args.idempotencyKey ?? `resize-space-${randomUUID()}`,
    });
  }

  /** `deleteSpace`: a DELETE order for the space; returns the order id. */
  async delete(user: AuthUser, args: DeleteSpaceArgs): Promise<string> {
    const space = await this.get(user, args.id);
    return this.submission.submit(user, {
      tenantId: space.tenantId,
      action: OrderAction.Delete,
      spaceId: space.id,
      idempotencyKey: args.idempotencyKey ?? `delete-space-${randomUUID()}`,
    });
  }

  private async scopedQuery(user: AuthUser, filter: SpaceFilter | undefined): Promise<SelectQueryBuilder<SpaceEntity>> {
    const query = this.db.getRepository(SpaceEntity).createQueryBuilder('s');
    const scope = await this.access.readableTenants(user);
    if (scope !== 'all') query.andWhere('s.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('s.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) query.andWhere('s.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.status) query.andWhere('s.status = :status', { status: filter.status });
    if (filter?.q?.trim()) query.andWhere('(s.name ILIKE :q OR s.slug ILIKE :q OR s.namespace ILIKE :q)', { q: `%${escapeLike(filter.q.trim())}%` });
    return query;
  }
}

/** The compute-space plan whose size comes from the parameters. */
const CUSTOM_SIZE_PLAN = 'custom';

/** Runs a submit for createSpace, renaming `parameters.x` in its errors to createSpace's own argument `x`. */
async function withShorthandFields<T>(submit: () => Promise<T>): Promise<T> {
  try {
    return await submit();
  } catch (error) {
    const field = error instanceof AppException ? error.details.field : undefined;
    if (typeof field !== 'string' || !field.startsWith('parameters.')) throw error;
    throw new AppException((error as AppException).code, (error as AppException).message, { ...(error as AppException).details, field: field.slice('parameters.'.length) });
  }
}
