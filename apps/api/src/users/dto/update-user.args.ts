import { ArgsType, Field, ID } from '@nestjs/graphql';
import { PlatformRole } from '@nprod/domain';
import { PlatformRoleEnum } from '../../common/graphql-enums';

/** Flat arguments, as ra-data-graphql-simple sends an update; a value equal to the stored one is not a change. */
@ArgsType()
export class UpdateUserArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'Your own, or anyone\'s for operators.' })
  displayName?: string | null;

  @Field(() => PlatformRoleEnum, { nullable: true, description: 'OPERATOR, AUDITOR or null; operators only, and never their own.' })
  platformRole?: PlatformRole | null;
}
