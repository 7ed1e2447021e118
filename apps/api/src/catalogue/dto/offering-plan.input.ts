import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CustomPlanRatesInput {
  @Field(() => Int)
  cpuCoreHourTiyn: number;

  @Field(() => Int)
  memoryGiBHourTiyn: number;

  @Field(() => Int)
  storageGiBHourTiyn: number;
}

@InputType()
export class OfferingPlanInput {
  @Field({ description: 'Unique within the offering: 1-30 characters a-z, 0-9 and -.' })
  key: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => Int)
  cpuMillicores: number;

  @Field(() => Int)
  memoryMiB: number;

  @Field(() => Int)
  storageGiB: number;

  @Field(() => Int, { description: 'Tiyn (1/100 tenge) per hour.' })
  pricePerHourTiyn: number;

  @Field(() => CustomPlanRatesInput, { nullable: true, description: 'Makes the plan custom: the size comes from the parameters, up to the plan amounts.' })
  custom?: CustomPlanRatesInput | null;
}

@InputType()
export class ResourceThresholdInput {
  @Field(() => Int, { nullable: true })
  cpuMillicores?: number | null;

  @Field(() => Int, { nullable: true })
  memoryMiB?: number | null;

  @Field(() => Int, { nullable: true })
  storageGiB?: number | null;
}
