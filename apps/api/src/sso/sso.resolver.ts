import { Inject } from '@nestjs/common';
import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import type { GraphqlContext } from '../auth/graphql-context';
import { AuthPayloadModel } from '../auth/models/auth-payload.model';
import { Public } from '../auth/public.decorator';
import { SsoService } from './sso.service';

@Resolver()
export class SsoResolver {
  constructor(@Inject(SsoService) private readonly sso: SsoService) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Trade the one-time code from the single sign-on redirect (/#/sso?code=…) for tokens; each code works once, within 60 seconds.' })
  exchangeSsoCode(@Args('code') code: string, @Context() context: GraphqlContext): Promise<AuthPayloadModel> {
    return this.sso.exchange(code, { address: context.req.ip });
  }
}
