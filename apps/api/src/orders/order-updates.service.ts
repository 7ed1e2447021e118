import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TenantEntity, type OrderUpdatedNotice } from '@nprod/database';
import { DataSource } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AppException } from '../common/app-exception';
import { isUuid } from '../common/sql-filters';
import type { OrderUpdatedArgs } from './dto/order-updated.args';
import { OrdersService } from './orders.service';

/** Who may follow which orders' changes: checked when subscribing, and again for every change. */
@Injectable()
export class OrderUpdatesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(OrdersService) private readonly orders: OrdersService,
  ) {}

  /** NOT_FOUND for an order or tenant the caller cannot read, exactly as for one that does not exist. */
  async assertSubscribable(user: AuthUser, args: OrderUpdatedArgs): Promise<void> {
    if (args.orderId) await this.orders.readable(user, args.orderId);
    if (args.tenantId) {
      const exists = isUuid(args.tenantId) && (await this.db.getRepository(TenantEntity).existsBy({ id: args.tenantId }));
      if (!exists) throw AppException.notFound('Tenant', args.tenantId);
      await this.access.assertCanRead(user, args.tenantId);
    }
  }

  /** Whether the change is to an order the subscriber asked for and may read now. */
  async concerns(user: AuthUser, notice: OrderUpdatedNotice, args: OrderUpdatedArgs): Promise<boolean> {
    if (args.orderId && notice.orderId !== args.orderId) return false;
    if (args.tenantId && notice.tenantId !== args.tenantId) return false;
    return this.access.assertCanRead(user, notice.tenantId).then(
      () => true,
      () => false,
    );
  }
}
