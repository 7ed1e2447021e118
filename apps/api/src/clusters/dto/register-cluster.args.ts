import { ArgsType, Field } from '@nestjs/graphql';
import { ClusterCapacityArgs } from './cluster-capacity.args';

/** Credentials: a whole kubeconfig, or an API server address with a service account token (and the CA). */
@ArgsType()
export class RegisterClusterArgs extends ClusterCapacityArgs {
  @Field({ description: 'Unique name, lowercase letters, digits and dashes, e.g. "kz-almaty-1".' })
  name: string;

  @Field(() => [String], { description: 'Regions whose tenants it serves (data residency), e.g. ["almaty"].' })
  regions: string[];

  @Field(() => String, { nullable: true, description: 'A kubeconfig (YAML) whose current context the worker uses; stored sealed, never returned.' })
  kubeconfig?: string | null;

  @Field(() => String, { nullable: true, description: 'With token, instead of a kubeconfig: the https address of the API server.' })
  apiUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'With apiUrl: a service account bearer token; stored sealed, never returned.' })
  token?: string | null;

  @Field(() => String, { nullable: true, description: "With apiUrl: base64 of the cluster's PEM CA certificate (certificate-authority-data)." })
  caData?: string | null;
}
