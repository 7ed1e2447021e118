import { Logger, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { seedCatalogue } from './catalogue-seed';
import { OfferingsResolver } from './offerings.resolver';
import { OfferingsService } from './offerings.service';

/** The catalogue: offerings and their versions. Exports OfferingsService.prepareOrder for the orders feature. */
@Module({ providers: [OfferingsService, OfferingsResolver], exports: [OfferingsService] })
export class CatalogueModule implements OnApplicationBootstrap {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A fresh platform starts with the built-in catalogue; later starts add only new built-ins. */
  async onApplicationBootstrap(): Promise<void> {
    const { created } = await seedCatalogue(this.db);
    if (created.length > 0) new Logger('Catalogue').log({ msg: 'built-in offerings added', offerings: created });
  }
}
