import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AllocationEntity } from '@nprod/database';

@ObjectType('Allocation', { description: "Capacity granted to a tenant in one region, and how much of it is reserved." })
export class AllocationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field()
  region: string;

  @Field(() => Int)
  cpuMillicores: number;

  @Field(() => Int)
  memoryMiB: number;

  @Field(() => Int)
  storageGiB: number;

  @Field(() => Int)
  maxSpaces: number;

  @Field(() => Int)
  usedCpuMillicores: number;

  @Field(() => Int)
  usedMemoryMiB: number;

  @Field(() => Int)
  usedStorageGiB: number;

  @Field(() => Int)
  usedSpaces: number;

  static from(entity: AllocationEntity): AllocationModel {
    const { id, tenantId, region, cpuMillicores, memoryMiB, storageGiB, maxSpaces, usedCpuMillicores, usedMemoryMiB, usedStorageGiB, usedSpaces } = entity;
    return { id, tenantId, region, cpuMillicores, memoryMiB, storageGiB, maxSpaces, usedCpuMillicores, usedMemoryMiB, usedStorageGiB, usedSpaces };
  }
}
