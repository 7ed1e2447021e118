import { ArgsType, Field, ID, Int } from '@nestjs/graphql';
import { TenantKind } from '@nprod/domain';
import { TenantKindEnum } from '../../common/graphql-enums';

const DEFAULT_MAX_INSTANCES = 10;

/** Flat arguments, as ra-data-graphql-simple sends a create. */
@ArgsType()
export class CreateTenantArgs {
  @Field()
  name: string;

  @Field({ description: '3-30 characters: lowercase letters, digits and dashes, starting with a letter.' })
  slug: string;

  @Field(() => TenantKindEnum)
  kind: TenantKind;

  @Field(() => ID, { nullable: true, description: 'Parent tenant, e.g. the regional agency above a municipality.' })
  parentId?: string | null;

  @Field(() => String, { nullable: true, description: '12-digit BIN (organisations) or IIN (individuals).' })
  registryNumber?: string | null;

  @Field()
  region: string;

  @Field(() => Int, { description: 'Allocated CPU in millicores (1000 = 1 CPU).' })
  cpuMillicores: number;

  @Field(() => Int, { description: 'Allocated memory in MiB.' })
  memoryMiB: number;

  @Field(() => Int, { description: 'Allocated storage in GiB.' })
  storageGiB: number;

  @Field(() => Int)
  maxSpaces: number;

  // Left out by older callers; zero would leave a new tenant unable to order any app.
  @Field(() => Int, { defaultValue: DEFAULT_MAX_INSTANCES, description: `How many app instances the tenant may run; ${DEFAULT_MAX_INSTANCES} when left out.` })
  maxInstances: number;
}
