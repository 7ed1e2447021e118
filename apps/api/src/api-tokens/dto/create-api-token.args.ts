import { ArgsType, Field, GraphQLISODateTime, ID } from '@nestjs/graphql';
import { TenantRole } from '@nprod/domain';
import { TenantRoleEnum } from '../../common/graphql-enums';

@ArgsType()
export class CreateApiTokenArgs {
  @Field(() => ID)
  tenantId: string;

  @Field({ description: '1-100 characters, unique among the tenant\'s active tokens, e.g. "ci-deploy".' })
  name: string;

  @Field(() => TenantRoleEnum, { description: 'At most your own role in the tenant.' })
  role: TenantRole;

  @Field(() => GraphQLISODateTime, { description: 'Required; in the future and at most one year from now.' })
  expiresAt: Date;
}
