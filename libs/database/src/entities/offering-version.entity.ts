import { Column, CreateDateColumn, Entity, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { OfferingEntity } from './offering.entity';

/** One plan of an offering version, stored as JSON (see OfferingPlan in libs/catalogue). */
export interface OfferingPlanRecord {
  key: string;
  name: string;
  description?: string;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
  pricePerHourTiyn: number;
  custom?: { cpuCoreHourTiyn: number; memoryGiBHourTiyn: number; storageGiBHourTiyn: number } | null;
}

/** An immutable snapshot of what an order of the offering gets; orders pin one. */
@Entity('offering_versions')
@Unique('uq_offering_versions_offering_version', ['offeringId', 'version'])
export class OfferingVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  offeringId: string;

  @ManyToOne(() => OfferingEntity, { onDelete: 'RESTRICT' })
  offering?: OfferingEntity;

  /** 1, 2, 3 ... per offering. */
  @Column({ type: 'int' })
  version: number;

  /** The libs/catalogue template that renders instances of this version. */
  @Column({ type: 'text' })
  template: string;

  @Column({ type: 'jsonb' })
  plans: OfferingPlanRecord[];

  /** JSON Schema (draft-07) of the order parameters. */
  @Column({ type: 'jsonb' })
  parametersSchema: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
