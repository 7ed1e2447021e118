import { Field, Int, ObjectType } from '@nestjs/graphql';
import { MeModel } from './me.model';

@ObjectType('AuthPayload')
export class AuthPayloadModel {
  @Field({ description: 'Short-lived bearer token for the Authorization header.' })
  accessToken: string;

  @Field({ description: 'Single-use token that obtains the next pair; using one twice revokes the whole login.' })
  refreshToken: string;

  @Field(() => Int, { description: 'Seconds until the access token expires.' })
  expiresIn: number;

  @Field(() => MeModel)
  user: MeModel;
}
