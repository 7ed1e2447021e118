import { ArgsType, Field, ID, Int } from '@nestjs/graphql';

/** The amounts are increases on top of the current allocation; leave out what you do not need more of. */
@ArgsType()
export class RequestQuotaArgs {
  @Field(() => ID)
  tenantId: string;

  @Field({ description: 'Region code, e.g. "almaty".' })
  region: string;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'More CPU, in millicores (1000 = 1 CPU).' })
  cpuMillicores: number;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'More memory, in MiB.' })
  memoryMiB: number;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'More storage, in GiB.' })
  storageGiB: number;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'More spaces.' })
  maxSpaces: number;

  @Field(() => Int, { nullable: true, defaultValue: 0, description: 'More instances.' })
  maxInstances: number;

  @Field({ description: 'Why the tenant needs it: at least 10 characters.' })
  justification: string;
}
