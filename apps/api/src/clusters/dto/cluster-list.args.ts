import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { ClusterHealth } from '@nprod/domain';
import { ClusterHealthEnum } from '../../common/graphql-enums';
import { ListArgs } from '../../common/list.args';

@InputType()
export class ClusterFilter {
  @Field(() => String, { nullable: true, description: 'Matches the name or the API server address.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => String, { nullable: true, description: 'Clusters serving this region.' })
  region?: string;

  @Field(() => Boolean, { nullable: true })
  cordoned?: boolean;

  @Field(() => ClusterHealthEnum, { nullable: true })
  health?: ClusterHealth;
}

@ArgsType()
export class ClusterListArgs extends ListArgs {
  @Field(() => ClusterFilter, { nullable: true })
  filter?: ClusterFilter;
}
