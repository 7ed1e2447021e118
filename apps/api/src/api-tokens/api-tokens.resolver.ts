import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { ApiTokensService } from './api-tokens.service';
import { ApiTokenListArgs } from './dto/api-token-list.args';
import { CreateApiTokenArgs } from './dto/create-api-token.args';
import { ApiTokenModel } from './models/api-token.model';
import { CreateApiTokenPayloadModel } from './models/create-api-token-payload.model';

@Resolver(() => ApiTokenModel)
export class ApiTokensResolver {
  constructor(@Inject(ApiTokensService) private readonly apiTokens: ApiTokensService) {}

  @Query(() => ApiTokenModel, { name: 'ApiToken', nullable: true })
  apiToken(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<ApiTokenModel> {
    return this.apiTokens.get(user, id);
  }

  @Query(() => [ApiTokenModel], { name: 'allApiTokens' })
  allApiTokens(@CurrentUser() user: AuthUser, @Args() args: ApiTokenListArgs): Promise<ApiTokenModel[]> {
    return this.apiTokens.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allApiTokensMeta' })
  async allApiTokensMeta(@CurrentUser() user: AuthUser, @Args() args: ApiTokenListArgs): Promise<ListMetadata> {
    return { count: await this.apiTokens.count(user, args) };
  }

  @Mutation(() => CreateApiTokenPayloadModel, { description: 'Create a bearer token for automation in one tenant (owners, admins, operators). The token is in this answer only.' })
  createApiToken(@CurrentUser() user: AuthUser, @Args() args: CreateApiTokenArgs): Promise<CreateApiTokenPayloadModel> {
    return this.apiTokens.create(user, args);
  }

  @Mutation(() => ApiTokenModel, { description: 'Revoke an API token at once; requests with it are refused from then on.' })
  revokeApiToken(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<ApiTokenModel> {
    return this.apiTokens.revoke(user, id);
  }
}
