import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { ClusterEntity } from '@nprod/database';
import { ClusterHealth, type ClusterReservation } from '@nprod/domain';
import { ClusterHealthEnum } from '../../common/graphql-enums';

@ObjectType('Cluster', {
  description:
    'A Kubernetes cluster spaces are placed on: the regions it serves, its capacity (null: no limit) and what its live spaces reserve, health as the worker last probed it. Credentials are never returned.',
})
export class ClusterModel {
  @Field(() => ID)
  id: string;

  @Field()
  name: string;

  @Field(() => [String])
  regions: string[];

  @Field({ description: 'API server address.' })
  apiUrl: string;

  @Field({ description: 'SEALED (registered here, kubeconfig stored encrypted), or how the worker it was started with reaches it: KUBECONFIG_FILE, IN_CLUSTER, EMULATOR.' })
  credentialsSource: string;

  @Field({ description: 'The built-in emulator rather than a real cluster.' })
  sandbox: boolean;

  @Field()
  cordoned: boolean;

  @Field(() => String, { nullable: true })
  cordonReason: string | null;

  @Field(() => ClusterHealthEnum)
  health: ClusterHealth;

  @Field(() => String, { nullable: true, description: 'What the last failed probe saw.' })
  healthReason: string | null;

  @Field(() => String, { nullable: true, description: 'healthReason as a code the console translates (TIMEOUT, CONNECTION_REFUSED, HOST_NOT_FOUND, CONNECTION_FAILED, TLS_CERTIFICATE_NOT_TRUSTED, TLS_CERTIFICATE_NAME_MISMATCH, TLS_CERTIFICATE_EXPIRED, CREDENTIALS_REJECTED, CREDENTIALS_UNUSABLE, OTHER); null when healthy.' })
  healthReasonCode: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the worker last reached the API server.' })
  lastSeenAt: Date | null;

  @Field(() => Int, { nullable: true, description: 'Requests per second the worker may send; null: the worker default.' })
  qps: number | null;

  @Field(() => Int, { nullable: true })
  capacityCpuMillicores: number | null;

  @Field(() => Int, { nullable: true })
  capacityMemoryMiB: number | null;

  @Field(() => Int, { nullable: true })
  capacityStorageGiB: number | null;

  @Field(() => Int, { nullable: true })
  capacityMaxSpaces: number | null;

  @Field(() => Int, { description: 'Live spaces placed here.' })
  spacesCount: number;

  @Field(() => Int, { description: 'CPU the live spaces reserve, in millicores.' })
  reservedCpuMillicores: number;

  @Field(() => Int)
  reservedMemoryMiB: number;

  @Field(() => Int)
  reservedStorageGiB: number;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  static from(entity: ClusterEntity, reserved: ClusterReservation): ClusterModel {
    return {
      id: entity.id,
      name: entity.name,
      regions: entity.regions,
      apiUrl: entity.apiUrl,
      credentialsSource: credentialsSource(entity.credentialsRef),
      sandbox: entity.sandbox,
      cordoned: entity.cordoned,
      cordonReason: entity.cordonReason,
      health: entity.health,
      healthReason: entity.healthReason,
      healthReasonCode: entity.healthReasonCode,
      lastSeenAt: entity.lastSeenAt,
      qps: entity.qps,
      capacityCpuMillicores: entity.capacityCpuMillicores,
      capacityMemoryMiB: entity.capacityMemoryMiB,
      capacityStorageGiB: entity.capacityStorageGiB,
      capacityMaxSpaces: entity.capacityMaxSpaces,
      spacesCount: reserved.spaces,
      reservedCpuMillicores: reserved.cpuMillicores,
      reservedMemoryMiB: reserved.memoryMiB,
      reservedStorageGiB: reserved.storageGiB,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}

/** The kind of reference only: a kubeconfig path on the worker's disk is not the API's to show. */
function credentialsSource(ref: string): string {
  if (ref === 'sealed') return 'SEALED';
  if (ref === 'in-cluster') return 'IN_CLUSTER';
  if (ref.startsWith('emulator:')) return 'EMULATOR';
  return 'KUBECONFIG_FILE';
}
