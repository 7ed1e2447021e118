import { Module } from '@nestjs/common';
import { CatalogueModule } from '../catalogue/catalogue.module';
import { OrderSubmissionService } from './order-submission.service';
import { OrdersResolver } from './orders.resolver';
import { OrdersService } from './orders.service';

/** Orders for instances (submit, approve, reject, cancel, retry) and the list of every order. */
@Module({ imports: [CatalogueModule], providers: [OrdersService, OrderSubmissionService, OrdersResolver], exports: [OrdersService, OrderSubmissionService] })
export class OrdersModule {}
