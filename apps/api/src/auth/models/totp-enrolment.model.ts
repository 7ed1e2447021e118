import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType('TotpEnrolment', { description: 'A pending TOTP enrolment: add it to an authenticator app, then call confirmTotp with a code.' })
export class TotpEnrolmentModel {
  @Field({ description: 'The shared secret in base32, for typing into the app by hand.' })
  secret: string;

  @Field({ description: 'otpauth://totp/… URI to show as a QR code (SHA1, 6 digits, 30 seconds).' })
  otpauthUri: string;
}
