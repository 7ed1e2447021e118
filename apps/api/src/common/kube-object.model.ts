import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import type { KubeObjectObservation, KubeObjectState } from '@nprod/domain';
import GraphQLJSON from 'graphql-type-json';
import { KubeObjectStateEnum } from './graphql-enums';

@ObjectType('KubeObject', { description: 'A Kubernetes object the platform manages, as the worker last observed it (the API never asks the cluster itself).' })
export class KubeObjectModel {
  @Field({ description: 'Deployment, StatefulSet, Service, Ingress, PersistentVolumeClaim, Secret, Namespace, ...' })
  kind: string;

  @Field()
  name: string;

  @Field(() => String, { nullable: true, description: 'Null for cluster-scoped objects such as the Namespace.' })
  namespace: string | null;

  @Field(() => KubeObjectStateEnum)
  state: KubeObjectState;

  @Field({ description: 'What was seen, e.g. "2/2 replicas available", "Bound, 10Gi", "host shop.apps.example.kz".' })
  message: string;

  @Field(() => String, { nullable: true, description: 'The message as a code (e.g. "volume_bound") the console translates with detailParams; null on observations stored before codes existed.' })
  detailCode: string | null;

  @Field(() => GraphQLJSON, { nullable: true, description: 'Values of detailCode, e.g. {"capacity":"50Gi"}; counts are "smart_count". Values from Kubernetes itself (a condition reason) are not translated.' })
  detailParams: Record<string, string | number> | null;

  @Field(() => GraphQLISODateTime, { description: 'When the worker first saw it in this state; a reconcile that sees the same does not move it.' })
  observedAt: Date;

  static from(record: KubeObjectObservation): KubeObjectModel {
    return { kind: record.kind, name: record.name, namespace: record.namespace, state: record.state, message: record.message, detailCode: record.detail?.code ?? null, detailParams: record.detail?.params ?? null, observedAt: new Date(record.observedAt) };
  }
}
