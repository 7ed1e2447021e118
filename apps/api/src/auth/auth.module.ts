import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiTokensModule } from '../api-tokens/api-tokens.module';
import { AuthGuard } from './auth.guard';
import { AuthResolver } from './auth.resolver';
import { AuthService } from './auth.service';
import { LoginLockout } from './login-lockout';
import { TotpService } from './totp.service';

@Module({
  imports: [ApiTokensModule],
  providers: [AuthService, AuthResolver, LoginLockout, TotpService, { provide: APP_GUARD, useClass: AuthGuard }],
  exports: [AuthService],
})
export class AuthModule {}
