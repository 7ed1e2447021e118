import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { TenantKind, TenantStatus } from '@nprod/domain';
import { ListArgs } from '../../common/list.args';
import { TenantKindEnum, TenantStatusEnum } from '../../common/graphql-enums';

@InputType()
export class TenantFilter {
  @Field(() => String, { nullable: true, description: 'Matches name, slug or registry number.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => TenantKindEnum, { nullable: true })
  kind?: TenantKind;

  @Field(() => TenantStatusEnum, { nullable: true })
  status?: TenantStatus;

  @Field(() => ID, { nullable: true })
  parentId?: string;
}

@ArgsType()
export class TenantListArgs extends ListArgs {
  @Field(() => TenantFilter, { nullable: true })
  filter?: TenantFilter;
}
