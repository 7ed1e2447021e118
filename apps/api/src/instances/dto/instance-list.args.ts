import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import type { InstanceStatus } from '@nprod/domain';
import { InstanceStatusEnum } from '../../common/graphql-enums';
import { ListArgs } from '../../common/list.args';

@InputType()
export class InstanceFilter {
  @Field(() => String, { nullable: true, description: 'Matches the name or slug.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => ID, { nullable: true })
  spaceId?: string;

  @Field(() => ID, { nullable: true })
  offeringId?: string;

  @Field(() => InstanceStatusEnum, { nullable: true })
  status?: InstanceStatus;
}

@ArgsType()
export class InstanceListArgs extends ListArgs {
  @Field(() => InstanceFilter, { nullable: true })
  filter?: InstanceFilter;
}
