import { Module } from '@nestjs/common';
import { ApiTokenAuthenticator } from './api-token-authenticator';
import { ApiTokensResolver } from './api-tokens.resolver';
import { ApiTokensService } from './api-tokens.service';

@Module({
  providers: [ApiTokensService, ApiTokensResolver, ApiTokenAuthenticator],
  exports: [ApiTokenAuthenticator],
})
export class ApiTokensModule {}
