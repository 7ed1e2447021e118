import { QuotaRequestStatus } from '@nprod/domain';
import { Check, Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';

/**
 * A tenant asks for more capacity in a region: the requested amounts are increases. An
 * operator decides once: the granted amounts (at most the requested ones) are added to
 * the allocation in the same transaction as the decision.
 */
@Entity('quota_requests')
@Index('ix_quota_requests_tenant_status', ['tenantId', 'status'])
@Check('ck_quota_requests_requested_not_negative', 'requested_cpu_millicores >= 0 AND requested_memory_mib >= 0 AND requested_storage_gib >= 0 AND requested_spaces >= 0 AND requested_instances >= 0')
@Check(
  'ck_quota_requests_granted_within_requested',
  'granted_cpu_millicores BETWEEN 0 AND requested_cpu_millicores AND granted_memory_mib BETWEEN 0 AND requested_memory_mib AND granted_storage_gib BETWEEN 0 AND requested_storage_gib AND granted_spaces BETWEEN 0 AND requested_spaces AND granted_instances BETWEEN 0 AND requested_instances',
)
export class QuotaRequestEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'int' })
  requestedCpuMillicores: number;

  @Column({ name: 'requested_memory_mib', type: 'int' })
  requestedMemoryMiB: number;

  @Column({ name: 'requested_storage_gib', type: 'int' })
  requestedStorageGiB: number;

  @Column({ type: 'int' })
  requestedSpaces: number;

  @Column({ type: 'int' })
  requestedInstances: number;

  @Column({ type: 'text' })
  justification: string;

  @Index()
  @Column({ type: 'enum', enum: QuotaRequestStatus, enumName: 'quota_request_status', default: QuotaRequestStatus.Pending })
  status: QuotaRequestStatus;

  @Column({ type: 'int', nullable: true })
  grantedCpuMillicores: number | null;

  @Column({ name: 'granted_memory_mib', type: 'int', nullable: true })
  grantedMemoryMiB: number | null;

  @Column({ name: 'granted_storage_gib', type: 'int', nullable: true })
  grantedStorageGiB: number | null;

  @Column({ type: 'int', nullable: true })
  grantedSpaces: number | null;

  @Column({ type: 'int', nullable: true })
  grantedInstances: number | null;

  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  /** The operator's reason: required on rejection, optional note on approval. */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
