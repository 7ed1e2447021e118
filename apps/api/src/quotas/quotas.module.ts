import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { AllocationsResolver } from './allocations.resolver';
import { AllocationsService } from './allocations.service';
import { QuotaRequestsResolver } from './quota-requests.resolver';
import { QuotaRequestsService } from './quota-requests.service';

@Module({ imports: [TenantsModule], providers: [AllocationsService, AllocationsResolver, QuotaRequestsService, QuotaRequestsResolver], exports: [AllocationsService] })
export class QuotasModule {}
