import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import { AuthPayloadModel } from './models/auth-payload.model';
import { MeModel } from './models/me.model';
import { Public } from './public.decorator';

@Resolver()
export class AuthResolver {
  constructor(@Inject(AuthService) private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Sign in with an email or a 12-digit registry number and a password.' })
  login(@Args('login') login: string, @Args('password') password: string): Promise<AuthPayloadModel> {
    return this.auth.login(login, password);
  }

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Exchange a refresh token for a new pair; each refresh token works once.' })
  refreshToken(@Args('refreshToken') refreshToken: string): Promise<AuthPayloadModel> {
    return this.auth.refresh(refreshToken);
  }

  @Query(() => MeModel)
  me(@CurrentUser() user: AuthUser): Promise<MeModel> {
    return this.auth.me(user.id);
  }
}
