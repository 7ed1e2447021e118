import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('PlatformInfo')
export class PlatformInfoModel {
  @Field({ description: 'True while a sandbox cluster (the built-in Kubernetes emulator) takes new spaces or still hosts spaces, cordoned or not: what runs there is not real.' })
  sandboxCluster: boolean;

  @Field()
  version: string;

  @Field({ description: 'True when single sign-on with an OpenID Connect provider is configured; the sign-in page then offers it (GET /auth/oidc/login).' })
  ssoEnabled: boolean;
}
