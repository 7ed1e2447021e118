import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import GraphQLJSON from 'graphql-type-json';

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

@ArgsType()
export class ResizeSpaceArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'The new size plan (s, m, l); leave out for a custom size given in parameters.' })
  planKey?: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The custom size (cpuMillicores, memoryMiB, storageGiB), merged over the current size.' })
  parameters?: unknown;

  @Field(() => String, { nullable: true, description: 'As for submitOrder; a new one per call when left out.' })
  idempotencyKey?: string | null;
}

@ArgsType()
export class DeleteSpaceArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true, description: 'As for submitOrder; a new one per call when left out.' })
  idempotencyKey?: string | null;
}
