import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrderEntity } from './order.entity';

/**
 * What one order reserved from (or, when shrinking, gave back to) an allocation. One row
 * per order: reserving twice for the same order does nothing, and releasing sets
 * `releasedAt` once, so a failure handled twice never gives capacity back twice.
 * Amounts are signed: a resize down records a negative change.
 */
@Entity('quota_reservations')
export class QuotaReservationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index('uq_quota_reservations_order', { unique: true })
  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  order?: OrderEntity;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'int' })
  cpuMillicores: number;

  @Column({ name: 'memory_mib', type: 'int' })
  memoryMiB: number;

  @Column({ name: 'storage_gib', type: 'int' })
  storageGiB: number;

  @Column({ type: 'int' })
  spaces: number;

  @Column({ type: 'int' })
  instances: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt: Date | null;
}
