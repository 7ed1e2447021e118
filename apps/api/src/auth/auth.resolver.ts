import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { AllowWithoutTotp } from './allow-without-totp.decorator';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';
import { CurrentUser } from './current-user.decorator';
import type { GraphqlContext } from './graphql-context';
import { AuthPayloadModel } from './models/auth-payload.model';
import { MeModel } from './models/me.model';
import { TotpEnrolmentModel } from './models/totp-enrolment.model';
import { Public } from './public.decorator';
import { TotpService } from './totp.service';

@Resolver()
export class AuthResolver {
  constructor(
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(TotpService) private readonly totp: TotpService,
  ) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Sign in with an email or a 12-digit registry number and a password, plus the TOTP code when two-factor sign-in is on.' })
  login(
    @Context() context: GraphqlContext,
    @Args('login') login: string,
    @Args('password') password: string,
    @Args('otp', { type: () => String, nullable: true, description: 'The 6-digit code from the authenticator app, when two-factor sign-in is on.' }) otp?: string | null,
  ): Promise<AuthPayloadModel> {
    return this.auth.login(login, password, otp, { address: context.req.ip });
  }

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Exchange a refresh token for a new pair; each refresh token works once.' })
  refreshToken(@Args('refreshToken') refreshToken: string): Promise<AuthPayloadModel> {
    return this.auth.refresh(refreshToken);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Sign out: ends the session of this refresh token (or of the access token sent), so neither works again.' })
  logout(
    @Context() context: GraphqlContext,
    @Args('refreshToken', { type: () => String, nullable: true }) refreshToken?: string | null,
  ): Promise<boolean> {
    return this.auth.logout(refreshToken, context.user);
  }

  @AllowWithoutTotp()
  @Query(() => MeModel)
  me(@CurrentUser() user: AuthUser): Promise<MeModel> {
    return this.auth.describe(user);
  }

  @AllowWithoutTotp()
  @Mutation(() => TotpEnrolmentModel, { description: 'Start turning on two-factor sign-in: returns a new secret; nothing changes until confirmTotp.' })
  enrollTotp(@CurrentUser() user: AuthUser): Promise<TotpEnrolmentModel> {
    return this.totp.enroll(user);
  }

  @AllowWithoutTotp()
  @Mutation(() => MeModel, { description: 'Finish turning on two-factor sign-in with a code from the authenticator app.' })
  async confirmTotp(@CurrentUser() user: AuthUser, @Args('code') code: string): Promise<MeModel> {
    await this.totp.confirm(user, code);
    return this.auth.me(user.id);
  }

  @Mutation(() => MeModel, { description: 'Turn off two-factor sign-in; needs a current code.' })
  async disableTotp(@CurrentUser() user: AuthUser, @Args('code') code: string): Promise<MeModel> {
    await this.totp.disable(user, code);
    return this.auth.me(user.id);
  }
}
