import { ArgsType, Field, ID, Int } from '@nestjs/graphql';

/** Each size is optional; unset ones take the SELF_SERVICE_ALLOCATION_* defaults. */
@ArgsType()
export class VerifyTenantArgs {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { nullable: true, description: 'Allocated CPU in millicores (1000 = 1 CPU).' })
  cpuMillicores?: number | null;

  @Field(() => Int, { nullable: true, description: 'Allocated memory in MiB.' })
  memoryMiB?: number | null;

  @Field(() => Int, { nullable: true, description: 'Allocated storage in GiB.' })
  storageGiB?: number | null;

  @Field(() => Int, { nullable: true })
  maxSpaces?: number | null;

  @Field(() => Int, { nullable: true, description: 'App instances it may run (SELF_SERVICE_ALLOCATION_MAX_INSTANCES when left out).' })
  maxInstances?: number | null;
}
