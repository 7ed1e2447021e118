import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { OidcProviderGateway } from './oidc-provider.gateway';
import { SsoController } from './sso.controller';
import { SsoResolver } from './sso.resolver';
import { SsoService } from './sso.service';

@Module({
  imports: [AuthModule],
  controllers: [SsoController],
  providers: [OidcProviderGateway, SsoService, SsoResolver],
})
export class SsoModule {}
