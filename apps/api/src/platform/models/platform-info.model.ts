import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('PlatformInfo')
export class PlatformInfoModel {
  @Field({ description: 'True while spaces go to the built-in Kubernetes emulator instead of a real cluster.' })
  sandboxCluster: boolean;

  @Field()
  version: string;
}
