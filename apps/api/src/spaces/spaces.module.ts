import { Module } from '@nestjs/common';
import { SpacesResolver } from './spaces.resolver';
import { SpacesService } from './spaces.service';
import { OrdersModule } from '../orders/orders.module';
import { TenantsModule } from '../tenants/tenants.module';

@Module({ imports: [TenantsModule, OrdersModule], providers: [SpacesService, SpacesResolver] })
export class SpacesModule {}
