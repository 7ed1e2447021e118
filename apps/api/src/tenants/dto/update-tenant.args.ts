import { ArgsType, Field, ID } from '@nestjs/graphql';
import { TenantStatus } from '@nprod/domain';
import { TenantStatusEnum } from '../../common/graphql-enums';

/** Flat arguments, as ra-data-graphql-simple sends an update; a field left out or unchanged is not a change. */
@ArgsType()
export class UpdateTenantArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Owners and admins of the tenant (or an ancestor) and operators.' })
  name?: string | null;

  @Field(() => TenantStatusEnum, { nullable: true, description: 'ACTIVE or SUSPENDED; operators only. Suspending needs a statusReason.' })
  status?: TenantStatus | null;

  @Field(() => String, { nullable: true, description: 'Why the status changes; shown with every order the tenant is refused. Operators only.' })
  statusReason?: string | null;
}
