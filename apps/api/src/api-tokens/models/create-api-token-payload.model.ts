import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ApiTokenModel } from './api-token.model';

@ObjectType('CreateApiTokenPayload')
export class CreateApiTokenPayloadModel {
  @Field(() => ID, { description: 'The new token id (the same as apiToken.id).' })
  id: string;

  @Field({ description: 'The token, nprod_<prefix>_<secret>. Shown only in this answer: store it now; only its hash is kept.' })
  token: string;

  @Field(() => ApiTokenModel)
  apiToken: ApiTokenModel;
}
