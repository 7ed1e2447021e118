import { ArgsType, Field, GraphQLISODateTime, ID, InputType } from '@nestjs/graphql';
import type { AuditOutcome } from '@nprod/database';
import { AuditOutcomeEnum } from '../../common/graphql-enums';
import { ListArgs } from '../../common/list.args';

@InputType()
export class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Matches actor, action or target id.' })
  q?: string;

  @Field(() => [ID], { nullable: true })
  ids?: string[];

  @Field(() => ID, { nullable: true })
  actorId?: string;

  @Field(() => ID, { nullable: true })
  tenantId?: string;

  @Field(() => String, { nullable: true })
  action?: string;

  @Field(() => AuditOutcomeEnum, { nullable: true })
  outcome?: AuditOutcome;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Events at or after this time.' })
  occurredAt_gte?: Date;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Events before this time.' })
  occurredAt_lt?: Date;
}

@ArgsType()
export class AuditEventListArgs extends ListArgs {
  @Field(() => AuditEventFilter, { nullable: true })
  filter?: AuditEventFilter;
}
