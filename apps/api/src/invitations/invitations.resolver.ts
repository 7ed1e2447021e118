import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import type { GraphqlContext } from '../auth/graphql-context';
import { AuthPayloadModel } from '../auth/models/auth-payload.model';
import { Public } from '../auth/public.decorator';
import { ListMetadata } from '../common/list.args';
import { AcceptInvitationArgs } from './dto/accept-invitation.args';
import { InvitationListArgs } from './dto/invitation-list.args';
import { InviteUserArgs } from './dto/invite-user.args';
import { InvitationsService } from './invitations.service';
import { InvitationModel } from './models/invitation.model';

@Resolver(() => InvitationModel)
export class InvitationsResolver {
  constructor(@Inject(InvitationsService) private readonly invitations: InvitationsService) {}

  @Query(() => InvitationModel, { name: 'Invitation', nullable: true })
  invitation(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<InvitationModel> {
    return this.invitations.get(user, id);
  }

  @Query(() => [InvitationModel], { name: 'allInvitations' })
  allInvitations(@CurrentUser() user: AuthUser, @Args() args: InvitationListArgs): Promise<InvitationModel[]> {
    return this.invitations.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allInvitationsMeta' })
  async allInvitationsMeta(@CurrentUser() user: AuthUser, @Args() args: InvitationListArgs): Promise<ListMetadata> {
    return { count: await this.invitations.count(user, args) };
  }

  @Mutation(() => InvitationModel, { description: 'E-mail someone a link to join the tenant with a role (no higher than yours; operators any). The link expires after INVITATION_TTL_HOURS.' })
  inviteUser(@CurrentUser() user: AuthUser, @Args() args: InviteUserArgs, @Context() context: GraphqlContext): Promise<InvitationModel> {
    return this.invitations.invite(user, args, { sourceAddress: context.req.ip, requestId: String(context.req.id) });
  }

  @Mutation(() => InvitationModel, { description: 'Withdraw an invitation that was not accepted yet; its link stops working.' })
  revokeInvitation(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<InvitationModel> {
    return this.invitations.revoke(user, id);
  }

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'Accept an invitation with the token from its link: creates your account (or, for an existing account, checks its password), adds the membership and signs you in.' })
  acceptInvitation(@Args() args: AcceptInvitationArgs, @Context() context: GraphqlContext): Promise<AuthPayloadModel> {
    return this.invitations.accept(args, { address: context.req.ip });
  }
}
