import { ArgsType, Field, ID } from '@nestjs/graphql';
import { ClusterCapacityArgs } from './cluster-capacity.args';

/** Only what is given changes; a capacity sent as null means no limit. New credentials replace the sealed ones. */
@ArgsType()
export class UpdateClusterArgs extends ClusterCapacityArgs {
  @Field(() => ID)
  id: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => [String], { nullable: true })
  regions?: string[] | null;

  @Field(() => String, { nullable: true, description: 'A new kubeconfig (rotated credentials).' })
  kubeconfig?: string | null;

  @Field(() => String, { nullable: true, description: 'With token: a new API server address.' })
  apiUrl?: string | null;

  @Field(() => String, { nullable: true, description: 'With apiUrl: a new service account token.' })
  token?: string | null;

  @Field(() => String, { nullable: true })
  caData?: string | null;
}
