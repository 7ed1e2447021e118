import { Module } from '@nestjs/common';
import { SpacesResolver } from './spaces.resolver';
import { SpacesService } from './spaces.service';
import { TenantsModule } from '../tenants/tenants.module';

@Module({ imports: [TenantsModule], providers: [SpacesService, SpacesResolver] })
export class SpacesModule {}
