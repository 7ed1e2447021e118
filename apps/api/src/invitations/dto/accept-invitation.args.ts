import { ArgsType, Field } from '@nestjs/graphql';

@ArgsType()
export class AcceptInvitationArgs {
  @Field({ description: 'The token from the invitation link.' })
  token: string;

  @Field(() => String, { nullable: true, description: 'Your name as others see it; required for a new account, ignored for an existing one.' })
  displayName?: string | null;

  @Field({ description: 'A new password (at least 12 characters), or the password of your existing account with the invited e-mail.' })
  password: string;
}
