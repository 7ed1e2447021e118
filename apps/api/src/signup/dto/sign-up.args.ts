import { ArgsType, Field } from '@nestjs/graphql';
import { TenantKind } from '@nprod/domain';
import { TenantKindEnum } from '../../common/graphql-enums';

@ArgsType()
export class SignUpArgs {
  @Field(() => TenantKindEnum, { description: 'BUSINESS or INDIVIDUAL; public bodies are onboarded by operators.' })
  kind: TenantKind;

  @Field({ description: 'Company name, or your full name for an individual.' })
  name: string;

  @Field({ description: 'E-mail address of the owner account; also the login.' })
  email: string;

  @Field({ description: 'At least 12 characters.' })
  password: string;

  @Field({ description: '12-digit BIN for a business, IIN for an individual.' })
  registryNumber: string;

  @Field({ description: 'Home region; data stays on clusters there.' })
  region: string;

  @Field({ description: 'How the owner is shown to others.' })
  displayName: string;
}
