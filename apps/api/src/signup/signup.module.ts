import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { ClustersModule } from '../clusters/clusters.module';
import { TenantsModule } from '../tenants/tenants.module';
import { SignUpResolver } from './signup.resolver';
import { SignUpService } from './signup.service';

@Module({ imports: [AuthModule, ClustersModule, TenantsModule], providers: [SignUpService, SignUpResolver] })
export class SignUpModule {}
