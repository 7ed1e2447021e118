import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import { ListMetadata } from '../common/list.args';
import { UpdateUserArgs } from './dto/update-user.args';
import { UserListArgs } from './dto/user-list.args';
import { UserModel } from './models/user.model';
import { UsersService } from './users.service';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(@Inject(UsersService) private readonly users: UsersService) {}

  @Query(() => UserModel, { name: 'User', nullable: true })
  user(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string): Promise<UserModel> {
    return this.users.get(user, id);
  }

  @Query(() => [UserModel], { name: 'allUsers' })
  allUsers(@CurrentUser() user: AuthUser, @Args() args: UserListArgs): Promise<UserModel[]> {
    return this.users.list(user, args);
  }

  @Query(() => ListMetadata, { name: '_allUsersMeta' })
  async allUsersMeta(@CurrentUser() user: AuthUser, @Args() args: UserListArgs): Promise<ListMetadata> {
    return { count: await this.users.count(user, args) };
  }

  @Mutation(() => UserModel, { description: 'Change a display name (your own; operators anyone\'s) or a platform role (operators, never their own).' })
  updateUser(@CurrentUser() user: AuthUser, @Args() args: UpdateUserArgs): Promise<UserModel> {
    return this.users.update(user, args);
  }
}
