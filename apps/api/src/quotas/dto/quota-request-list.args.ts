import { ArgsType, Field, ID, InputType } from '@nestjs/graphql';
import { QuotaRequestStatus } from '@nprod/domain';
import { ListArgs } from '../../common/list.args';
import { QuotaRequestStatusEnum } from '../models/quota-request.model';

@InputType()
export class QuotaRequestFilter {
  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => QuotaRequestStatusEnum, { nullable: true })
  status?: QuotaRequestStatus;

  @Field(() => String, { nullable: true })
  region?: string;
}

@ArgsType()
export class QuotaRequestListArgs extends ListArgs {
  @Field(() => QuotaRequestFilter, { nullable: true })
  filter?: QuotaRequestFilter;
}
