import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { SpaceEntity } from '@nprod/database';
import { SpaceStatus, type ResourceAmounts } from '@nprod/domain';
import { SpaceStatusEnum } from '../../common/graphql-enums';
import { KubeObjectModel } from '../../common/kube-object.model';


@ObjectType('Space', { description: 'A namespace on a cluster with its own quota, carved from the tenant allocation.' })
export class SpaceModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field()
  name: string;

  @Field()
  slug: string;

  @Field({ description: 'Kubernetes namespace name.' })
  namespace: string;

  @Field()
  region: string;

  @Field(() => SpaceStatusEnum)
  status: SpaceStatus;

  @Field(() => String, { nullable: true, description: 'Why the space is not active, in words a person can act on.' })
  statusReason: string | null;

  @Field(() => Int)
  cpuMillicores: number;

  @Field(() => Int)
  memoryMiB: number;

  @Field(() => Int)
  storageGiB: number;

  @Field(() => Int, { description: "CPU its instances use of its size: their footprints plus the growth of their open resizes. An instance order must fit the rest." })
  usedByInstancesCpuMillicores: number;

  @Field(() => Int, { description: 'Memory its instances use of its size (as usedByInstancesCpuMillicores).' })
  usedByInstancesMemoryMiB: number;

  @Field(() => Int, { description: 'Storage its instances use of its size (as usedByInstancesCpuMillicores).' })
  usedByInstancesStorageGiB: number;

  @Field(() => String, { nullable: true })
  clusterName: string | null;

  @Field(() => ID, { nullable: true, description: 'The compute-space offering it was ordered with (null for spaces made before space orders named it).' })
  offeringId: string | null;

  @Field(() => String, { nullable: true, description: 'Its size plan (s, m, l or custom).' })
  planKey: string | null;

  @Field(() => [KubeObjectModel], { description: 'Its Namespace, ResourceQuota (used/hard), LimitRange, NetworkPolicies and RoleBindings, as observed after provisioning and each reconcile.' })
  kubeObjects: KubeObjectModel[];

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  /** `usedByInstances`: spaceInstancesUse of the space. */
  static from(entity: SpaceEntity, usedByInstances: ResourceAmounts): SpaceModel {
    const { id, tenantId, name, slug, namespace, region, status, statusReason, cpuMillicores, memoryMiB, storageGiB, offeringId, planKey, createdAt, updatedAt } = entity;
    return {
      id,
      tenantId,
      name,
      slug,
      namespace,
      region,
      status,
      statusReason,
      cpuMillicores,
      memoryMiB,
      storageGiB,
      usedByInstancesCpuMillicores: usedByInstances.cpuMillicores,
      usedByInstancesMemoryMiB: usedByInstances.memoryMiB,
      usedByInstancesStorageGiB: usedByInstances.storageGiB,
      offeringId,
      planKey,
      createdAt,
      updatedAt,
      clusterName: entity.cluster?.name ?? null,
      kubeObjects: entity.kubeObjects.map(KubeObjectModel.from),
    };
  }
}
