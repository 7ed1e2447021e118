import { ArgsType, Field, ID, Int } from '@nestjs/graphql';

@ArgsType()
export class CreateSpaceArgs {
  @Field(() => ID)
  tenantId: string;

  @Field()
  name: string;

  @Field({ description: '3-30 characters: lowercase letters, digits and dashes, starting with a letter. Part of the namespace name.' })
  slug: string;

  @Field(() => Int, { description: 'CPU in millicores (1000 = 1 CPU).' })
  cpuMillicores: number;

  @Field(() => Int, { description: 'Memory in MiB.' })
  memoryMiB: number;

  @Field(() => Int, { description: 'Storage in GiB.' })
  storageGiB: number;

  @Field(() => String, { nullable: true, description: 'Repeat a submit with the same key and the same space comes back instead of a second one.' })
  idempotencyKey?: string | null;
}
