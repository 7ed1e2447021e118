import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';
import type { InstanceEntity } from '@nprod/database';
import type { InstanceStatus } from '@nprod/domain';
import GraphQLJSON from 'graphql-type-json';
import { InstanceStatusEnum } from '../../common/graphql-enums';
import { KubeObjectModel } from '../../common/kube-object.model';

@ObjectType('InstanceEndpoint', { description: 'One way to reach an instance.' })
export class InstanceEndpointModel {
  @Field({ description: '`internal` (a Service inside the cluster) or `public` (HTTPS through the ingress).' })
  kind: string;

  @Field({ description: 'The component it reaches, e.g. `postgres` or `app`.' })
  component: string;

  @Field()
  url: string;
}

@ObjectType('Instance', { description: 'A catalogue offering (PaaS or SaaS) running in a space.' })
export class InstanceModel {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => ID)
  spaceId: string;

  @Field(() => ID)
  offeringId: string;

  @Field(() => ID, { description: 'The offering version it is built from.' })
  offeringVersionId: string;

  @Field()
  name: string;

  @Field({ description: 'Prefix of its Kubernetes objects.' })
  slug: string;

  @Field()
  planKey: string;

  @Field(() => GraphQLJSON)
  parameters: Record<string, unknown>;

  @Field(() => InstanceStatusEnum)
  status: InstanceStatus;

  @Field(() => String, { nullable: true, description: 'Why it is not ACTIVE (or what is wrong), in words a person can act on.' })
  statusReason: string | null;

  @Field(() => Int, { description: 'What it takes from the allocation.' })
  cpuMillicores: number;

  @Field(() => Int)
  memoryMiB: number;

  @Field(() => Int)
  storageGiB: number;

  @Field(() => [InstanceEndpointModel])
  endpoints: InstanceEndpointModel[];

  @Field(() => [KubeObjectModel], { description: 'Its Kubernetes objects and their status, as observed after provisioning and each reconcile.' })
  kubeObjects: KubeObjectModel[];

  @Field(() => String, { nullable: true, description: 'The Kubernetes Secret with its credentials (revealInstanceCredentials shows them once, to the owner).' })
  credentialsSecretName: string | null;

  @Field(() => ID, { description: 'The order that created it.' })
  createOrderId: string;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When its credentials were shown (they are shown once, to the owner); null while not yet.' })
  credentialsRevealedAt: Date | null;

  @Field(() => ID, { nullable: true, description: 'The user its credentials were shown to.' })
  credentialsRevealedById: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'End of the lease; null: no end.' })
  leaseEndsAt: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Set while suspended because the lease ended; renew to resume.' })
  suspendedAt: Date | null;

  @Field(() => GraphQLISODateTime)
  createdAt: Date;

  @Field(() => GraphQLISODateTime)
  updatedAt: Date;

  static from(entity: InstanceEntity): InstanceModel {
    const { id, tenantId, spaceId, offeringId, offeringVersionId, name, slug, planKey, parameters, status, statusReason, cpuMillicores, memoryMiB, storageGiB, endpoints } = entity;
    return {
      id,
      tenantId,
      spaceId,
      offeringId,
      offeringVersionId,
      name,
      slug,
      planKey,
      parameters,
      status,
      statusReason,
      cpuMillicores,
      memoryMiB,
      storageGiB,
      endpoints: endpoints.map((endpoint) => ({ ...endpoint })),
      kubeObjects: entity.kubeObjects.map(KubeObjectModel.from),
      credentialsSecretName: entity.credentialsSecretName,
      createOrderId: entity.createOrderId,
      credentialsRevealedAt: entity.credentialsRevealedAt,
      credentialsRevealedById: entity.credentialsRevealedById,
      leaseEndsAt: entity.leaseEndsAt,
      suspendedAt: entity.suspendedAt,
      createdAt: entity.createdAt,
      updatedAt: entity.updatedAt,
    };
  }
}

@ObjectType('InstanceCredentials', { description: 'The generated credentials of an instance, shown once to its owner (a tenant owner, or the admin who ordered it); audited.' })
export class InstanceCredentialsModel {
  @Field(() => ID, { description: 'The instance id.' })
  id: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => String, { description: 'The Kubernetes Secret that holds the same values.' })
  secretName: string;

  @Field(() => GraphQLJSON, { description: 'Key to value, e.g. username, password, uri.' })
  values: Record<string, string>;
}
