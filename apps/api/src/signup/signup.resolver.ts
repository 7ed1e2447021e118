import { Inject } from '@nestjs/common';
import { Args, Context, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import type { GraphqlContext } from '../auth/graphql-context';
import { AuthPayloadModel } from '../auth/models/auth-payload.model';
import { Public } from '../auth/public.decorator';
import { TenantModel } from '../tenants/models/tenant.model';
import { RejectSignUpArgs } from './dto/reject-sign-up.args';
import { SignUpArgs } from './dto/sign-up.args';
import { VerifyTenantArgs } from './dto/verify-tenant.args';
import { SignUpModel } from './models/sign-up.model';
import { SignUpService } from './signup.service';

@Resolver()
export class SignUpResolver {
  constructor(@Inject(SignUpService) private readonly signUps: SignUpService) {}

  @Public()
  @Mutation(() => AuthPayloadModel, { description: 'A business or individual signs up: a PENDING tenant with you as OWNER. You can sign in and look around at once; ordering starts when an operator verifies you.' })
  signUp(@Args() args: SignUpArgs, @Context() context: GraphqlContext): Promise<AuthPayloadModel> {
    return this.signUps.signUp(args, { address: context.req.ip });
  }

  @Public()
  @Query(() => [String], { description: 'Home regions sign-up accepts: those of clusters that take new spaces (not cordoned) and of the configured cluster (KUBE_CLUSTER_REGIONS).' })
  signUpRegions(): Promise<string[]> {
    return this.signUps.regions();
  }

  @Mutation(() => TenantModel, { description: 'Operators: activate a pending tenant with an allocation in its home region (SELF_SERVICE_ALLOCATION_* for sizes not given).' })
  verifyTenant(@CurrentUser() user: AuthUser, @Args() args: VerifyTenantArgs): Promise<TenantModel> {
    return this.signUps.verify(user, args);
  }

  @Mutation(() => TenantModel, { description: 'Operators: refuse a pending sign-up with a reason; the tenant becomes SUSPENDED and its owner sees the reason.' })
  rejectSignUp(@CurrentUser() user: AuthUser, @Args() args: RejectSignUpArgs): Promise<TenantModel> {
    return this.signUps.reject(user, args);
  }

  @Query(() => SignUpModel, { description: "A self-service tenant's sign-up: pending, verified, or rejected with the reason." })
  signUpStatus(@CurrentUser() user: AuthUser, @Args('tenantId', { type: () => ID }) tenantId: string): Promise<SignUpModel> {
    return this.signUps.status(user, tenantId);
  }
}
