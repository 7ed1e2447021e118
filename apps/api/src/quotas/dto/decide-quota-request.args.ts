import { ArgsType, Field, ID, Int } from '@nestjs/graphql';

/** Amounts left out are granted as asked; less than asked on any resource makes a partial approval. */
@ArgsType()
export class ApproveQuotaRequestArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true })
  cpuMillicores?: number | null;

  @Field(() => Int, { nullable: true })
  memoryMiB?: number | null;

  @Field(() => Int, { nullable: true })
  storageGiB?: number | null;

  @Field(() => Int, { nullable: true })
  maxSpaces?: number | null;

  @Field(() => Int, { nullable: true })
  maxInstances?: number | null;

  @Field(() => String, { nullable: true, description: 'A note for the tenant, e.g. why less was granted.' })
  reason?: string | null;
}

@ArgsType()
export class RejectQuotaRequestArgs {
  @Field(() => ID)
  id: string;

  @Field({ description: 'Why, in words the tenant can act on: required.' })
  reason: string;
}
