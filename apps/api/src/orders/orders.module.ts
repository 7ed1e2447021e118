import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { OrderSubmissionService } from './order-submission.service';
import { OrderUpdatesListener } from './order-updates.listener';
import { OrderUpdatesResolver } from './order-updates.resolver';
import { OrderUpdatesService } from './order-updates.service';
import { OrdersResolver } from './orders.resolver';
import { OrdersService } from './orders.service';

/** Orders for instances (submit, approve, reject, cancel, retry), the list of every order, and their live updates. */
@Module({ imports: [AuthModule, CatalogueModule], providers: [OrdersService, OrderSubmissionService, OrdersResolver, OrderUpdatesResolver, OrderUpdatesService, OrderUpdatesListener], exports: [OrdersService, OrderSubmissionService] })
export class OrdersModule {}
