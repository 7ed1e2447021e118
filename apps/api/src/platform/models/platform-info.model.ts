import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('PlatformInfo')
export class PlatformInfoModel {
  @Field({ description: 'True while spaces go to the built-in Kubernetes emulator instead of a real cluster.' })
  sandboxCluster: boolean;

  @Field()
  version: string;

  @Field({ description: 'True when single sign-on with an OpenID Connect provider is configured; the sign-in page then offers it (GET /auth/oidc/login).' })
  ssoEnabled: boolean;
}
