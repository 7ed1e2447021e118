import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { AllocationEntity } from '@nprod/database';

@ObjectType('Allocation', {
  description:
    'Capacity granted to a tenant in one region, what its own spaces and instances reserved (used*), and what it handed down to child tenants (allocatedToChildren*). Free = limit - used - allocatedToChildren.',
})
export class AllocationModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field()
  region: string;

  @Field(() => Int, { description: 'CPU in millicores (1000 = 1 CPU).' })
  cpuMillicores: number;

  @Field(() => Int)
  memoryMiB: number;

  @Field(() => Int)
  storageGiB: number;

  @Field(() => Int)
  maxSpaces: number;

  @Field(() => Int)
  maxInstances: number;

  @Field(() => Int)
  usedCpuMillicores: number;

  @Field(() => Int)
  usedMemoryMiB: number;

  @Field(() => Int)
  usedStorageGiB: number;

  @Field(() => Int)
  usedSpaces: number;

  @Field(() => Int)
  usedInstances: number;

  @Field(() => Int)
  allocatedToChildrenCpuMillicores: number;

  @Field(() => Int)
  allocatedToChildrenMemoryMiB: number;

  @Field(() => Int)
  allocatedToChildrenStorageGiB: number;

  @Field(() => Int)
  allocatedToChildrenSpaces: number;

  @Field(() => Int)
  allocatedToChildrenInstances: number;

  @Field(() => ID, { nullable: true, description: "Set when this allocation is carved from the parent tenant's allocation in the same region." })
  parentAllocationId: string | null;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  static from(entity: AllocationEntity): AllocationModel {
    return {
      id: entity.id,
      tenantId: entity.tenantId,
      region: entity.region,
      cpuMillicores: entity.cpuMillicores,
      memoryMiB: entity.memoryMiB,
      storageGiB: entity.storageGiB,
      maxSpaces: entity.maxSpaces,
      maxInstances: entity.maxInstances,
      usedCpuMillicores: entity.usedCpuMillicores,
      usedMemoryMiB: entity.usedMemoryMiB,
      usedStorageGiB: entity.usedStorageGiB,
      usedSpaces: entity.usedSpaces,
      usedInstances: entity.usedInstances,
      allocatedToChildrenCpuMillicores: entity.allocatedToChildrenCpuMillicores,
      allocatedToChildrenMemoryMiB: entity.allocatedToChildrenMemoryMiB,
      allocatedToChildrenStorageGiB: entity.allocatedToChildrenStorageGiB,
      allocatedToChildrenSpaces: entity.allocatedToChildrenSpaces,
      allocatedToChildrenInstances: entity.allocatedToChildrenInstances,
      parentAllocationId: entity.parentAllocationId,
      updatedAt: entity.updatedAt,
    };
  }
}
