import { Field, GraphQLISODateTime, ID, ObjectType } from '@nestjs/graphql';
import type { AuditEventEntity, AuditOutcome } from '@nprod/database';
import GraphQLJSON from 'graphql-type-json';
import { AuditOutcomeEnum } from '../../common/graphql-enums';

@ObjectType('AuditEvent', { description: 'One append-only, hash-chained record of who did what.' })
export class AuditEventModel {
  @Field(() => ID)
  id: string;

  @Field(() => GraphQLISODateTime)
  occurredAt: Date;

  @Field(() => ID, { nullable: true })
  actorId: string | null;

  @Field()
  actorLabel: string;

  @Field(() => ID, { nullable: true })
  tenantId: string | null;

  @Field()
  action: string;

  @Field(() => String, { nullable: true })
  targetType: string | null;

  @Field(() => String, { nullable: true })
  targetId: string | null;

  @Field(() => AuditOutcomeEnum)
  outcome: AuditOutcome;

  @Field(() => String, { nullable: true })
  sourceAddress: string | null;

  @Field(() => String, { nullable: true })
  requestId: string | null;

  @Field(() => GraphQLJSON)
  details: Record<string, unknown>;

  @Field({ description: 'Hash of the event before this one.' })
  prevHash: string;

  @Field({ description: 'SHA-256 over this event and prevHash.' })
  hash: string;

  static from(entity: AuditEventEntity): AuditEventModel {
    return { ...entity };
  }
}
