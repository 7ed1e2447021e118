import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { OfferingKind } from '@nprod/domain';
import { ListArgs } from '../../common/list.args';
import { OfferingKindEnum } from '../../common/graphql-enums';

@InputType()
export class OfferingFilter {
  @Field(() => String, { nullable: true, description: 'Matches key, name or description.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => OfferingKindEnum, { nullable: true })
  kind?: OfferingKind;

  @Field(() => Boolean, { nullable: true, description: 'Also list retired offerings (default false).' })
  includeRetired?: boolean;
}

@ArgsType()
export class OfferingListArgs extends ListArgs {
  @Field(() => OfferingFilter, { nullable: true })
  filter?: OfferingFilter;
}
