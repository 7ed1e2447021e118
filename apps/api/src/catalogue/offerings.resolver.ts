import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { CreateOfferingArgs } from './dto/create-offering.args';
import { OfferingListArgs } from './dto/offering-list.args';
import { UpdateOfferingArgs } from './dto/update-offering.args';
import { OfferingModel, OfferingVersionModel } from './models/offering.model';
import { OfferingsService } from './offerings.service';

@Resolver(() => OfferingModel)
export class OfferingsResolver {
  constructor(@Inject(OfferingsService) private readonly offerings: OfferingsService) {}

  @Query(() => OfferingModel, { name: 'Offering', nullable: true })
  offering(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<OfferingModel> {
    return this.offerings.get(user, id);
  }

  @Query(() => [OfferingModel], { name: 'allOfferings', description: 'Offerings the caller may order (operators and auditors: all).' })
  allOfferings(@CurrentUser() user: AuthUser, @Args() args: OfferingListArgs): Promise<OfferingModel[]> {
    return this.offerings.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allOfferingsMeta' })
  async allOfferingsMeta(@CurrentUser() user: AuthUser, @Args() args: OfferingListArgs): Promise<ListMetadata> {
    return { count: await this.offerings.count(user, args) };
  }

  @Mutation(() => OfferingModel, { description: 'Add an offering to the catalogue (operators only).' })
  createOffering(@CurrentUser() user: AuthUser, @Args() args: CreateOfferingArgs): Promise<OfferingModel> {
    return this.offerings.create(user, args);
  }

  @Mutation(() => OfferingModel, { description: 'Edit an offering (operators only); new template, plans or schema make a new version for new orders.' })
  updateOffering(@CurrentUser() user: AuthUser, @Args() args: UpdateOfferingArgs): Promise<OfferingModel> {
    return this.offerings.update(user, args);
  }

  @Mutation(() => OfferingModel, { description: 'Stop new orders of an offering (operators only); running instances keep running.' })
  retireOffering(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<OfferingModel> {
    return this.offerings.retire(user, id);
  }

  @ResolveField(() => [OfferingVersionModel], { description: 'Every version, newest first.' })
  versions(@Parent() offering: OfferingModel): Promise<OfferingVersionModel[]> {
    return this.offerings.versions(offering.id);
  }
}
