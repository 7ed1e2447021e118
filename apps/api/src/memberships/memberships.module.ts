import { Module } from '@nestjs/common';
import { TenantsModule } from '../tenants/tenants.module';
import { UsersModule } from '../users/users.module';
import { MembershipsResolver, UserMembershipsResolver } from './memberships.resolver';
import { MembershipsService } from './memberships.service';

@Module({ imports: [TenantsModule, UsersModule], providers: [MembershipsService, MembershipsResolver, UserMembershipsResolver] })
export class MembershipsModule {}
