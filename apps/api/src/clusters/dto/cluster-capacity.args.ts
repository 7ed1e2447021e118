import { ArgsType, Field, Int } from '@nestjs/graphql';

/** Capacity and rate limit, shared by registerCluster and updateCluster. Null means no limit (qps: KUBE_QPS). */
@ArgsType()
export class ClusterCapacityArgs {
  @Field(() => Int, { nullable: true, description: 'CPU the cluster may give spaces, in millicores (1000 = 1 CPU); null: no limit.' })
  capacityCpuMillicores?: number | null;

  @Field(() => Int, { nullable: true, description: 'Memory in MiB; null: no limit.' })
  capacityMemoryMiB?: number | null;

  @Field(() => Int, { nullable: true, description: 'Storage in GiB; null: no limit.' })
  capacityStorageGiB?: number | null;

  @Field(() => Int, { nullable: true, description: 'How many spaces it may hold; null: no limit.' })
  capacityMaxSpaces?: number | null;

  @Field(() => Int, { nullable: true, description: 'Kubernetes API requests per second the worker may send (1-1000); null: the worker default KUBE_QPS.' })
  qps?: number | null;
}
