import { Field, GraphQLISODateTime, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { SignUpDecision, type SignUpEntity } from '@nprod/database';

/** Keys spelled like the values: GraphQL shows the keys. */
export enum SignUpStatus {
  PENDING = 'PENDING',
  VERIFIED = 'VERIFIED',
  REJECTED = 'REJECTED',
}
registerEnumType(SignUpStatus, { name: 'SignUpStatus' });

@ObjectType('SignUp', { description: "A private customer's sign-up and the operator's decision on it." })
export class SignUpModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => SignUpStatus)
  status: SignUpStatus;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  reason: string | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime, { nullable: true })
  decidedAt: Date | null;

  static from(entity: SignUpEntity): SignUpModel {
    const status = entity.decision === SignUpDecision.Verified ? SignUpStatus.VERIFIED : entity.decision === SignUpDecision.Rejected ? SignUpStatus.REJECTED : SignUpStatus.PENDING;
    return { id: entity.id, tenantId: entity.tenantId, status, reason: entity.reason, createdAt: entity.createdAt, decidedAt: entity.decidedAt };
  }
}
