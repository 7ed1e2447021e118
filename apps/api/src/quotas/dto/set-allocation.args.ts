import { ArgsType, Field, ID, Int } from '@nestjs/graphql';

/** Flat arguments, as ra-data-graphql-simple sends them. The amounts are the new limits, not increases. */
@ArgsType()
export class SetAllocationArgs {
  @Field(() => ID)
  tenantId: string;

  @Field({ description: 'Region code, e.g. "almaty".' })
  region: string;

  @Field(() => Int, { description: 'CPU limit in millicores (1000 = 1 CPU).' })
  cpuMillicores: number;

  @Field(() => Int, { description: 'Memory limit in MiB.' })
  memoryMiB: number;

  @Field(() => Int, { description: 'Storage limit in GiB.' })
  storageGiB: number;

  @Field(() => Int)
  maxSpaces: number;

  @Field(() => Int)
  maxInstances: number;
}
