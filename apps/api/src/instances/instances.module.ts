import { Module } from '@nestjs/common';
import { OrdersModule } from '../orders/orders.module';
import { InstancesResolver } from './instances.resolver';
import { InstancesService } from './instances.service';

/** Instances: lists, resize and decommission (as orders), lease renewal, credentials reveal. */
@Module({ imports: [OrdersModule], providers: [InstancesService, InstancesResolver] })
export class InstancesModule {}
