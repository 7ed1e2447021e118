import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { OfferingPlan } from '@nprod/catalogue';

@ObjectType('CustomPlanRates', { description: 'Prices of a custom size, in tiyn per hour.' })
export class CustomPlanRatesModel {
  @Field(() => Int, { description: 'Per CPU (1000 millicores) per hour.' })
  cpuCoreHourTiyn: number;

  @Field(() => Int, { description: 'Per GiB of memory per hour.' })
  memoryGiBHourTiyn: number;

  @Field(() => Int, { description: 'Per GiB of storage per hour.' })
  storageGiBHourTiyn: number;
}

@ObjectType('OfferingPlan', { description: 'One size of an offering; per replica for apps that scale out.' })
export class OfferingPlanModel {
  @Field()
  key: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true })
  description: string | null;

  @Field(() => Int)
  cpuMillicores: number;

  @Field(() => Int)
  memoryMiB: number;

  @Field(() => Int)
  storageGiB: number;

  @Field(() => Int, { description: 'Price in tiyn (1/100 tenge) per hour; for a custom plan, the base fee on top of the rates.' })
  pricePerHourTiyn: number;

  @Field(() => CustomPlanRatesModel, { nullable: true, description: 'Set on a custom plan: its amounts are maxima, the size comes from the parameters.' })
  custom: CustomPlanRatesModel | null;

  static from(plan: OfferingPlan): OfferingPlanModel {
    return { ...plan, description: plan.description ?? null, custom: plan.custom ?? null };
  }
}

@ObjectType('ResourceThreshold', { description: 'Orders whose footprint exceeds any amount set here wait for an operator.' })
export class ResourceThresholdModel {
  @Field(() => Int, { nullable: true })
  cpuMillicores?: number | null;

  @Field(() => Int, { nullable: true })
  memoryMiB?: number | null;

  @Field(() => Int, { nullable: true })
  storageGiB?: number | null;
}
