import { Inject } from '@nestjs/common';
import { Query, Resolver } from '@nestjs/graphql';
import { RegionsService } from './regions.service';

@Resolver()
export class RegionsResolver {
  constructor(@Inject(RegionsService) private readonly service: RegionsService) {}

  @Query(() => [String], {
    description: 'Signed-in users: every region the platform serves, sorted: those of all registered clusters (cordoned ones too) and of the configured cluster (KUBE_CLUSTER_REGIONS). Region codes only.',
  })
  regions(): Promise<string[]> {
    return this.service.regions({ takingNewSpaces: false });
  }
}
