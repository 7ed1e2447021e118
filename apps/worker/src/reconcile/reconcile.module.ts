import { Module } from '@nestjs/common';
import { ProvisionModule } from '../provision/provision.module';
import { ReconcileService } from './reconcile.service';

@Module({ imports: [ProvisionModule], providers: [ReconcileService], exports: [ReconcileService] })
export class ReconcileModule {}
