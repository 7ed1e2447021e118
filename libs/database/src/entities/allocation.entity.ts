import { Check, Column, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';

/**
 * Capacity the operator grants a tenant in one region, and how much of it is reserved.
 * The `used_*` and `allocated_to_children_*` columns change only through conditional
 * UPDATEs, so concurrent reservations can never overshoot (see allocation.repository.ts).
 * An allocation with `parentAllocationId` is carved from its parent tenant's allocation in
 * the same region: the parent counts it in `allocated_to_children_*` (docs/decisions/0006).
 */
@Entity('allocations')
@Unique('uq_allocations_tenant_region', ['tenantId', 'region'])
@Check('ck_allocations_used_not_negative', 'used_cpu_millicores >= 0 AND used_memory_mib >= 0 AND used_storage_gib >= 0 AND used_spaces >= 0 AND used_instances >= 0')
@Check(
  'ck_allocations_children_not_negative',
  'allocated_to_children_cpu_millicores >= 0 AND allocated_to_children_memory_mib >= 0 AND allocated_to_children_storage_gib >= 0 AND allocated_to_children_spaces >= 0 AND allocated_to_children_instances >= 0',
)
@Check('ck_allocations_limits_not_negative', 'cpu_millicores >= 0 AND memory_mib >= 0 AND storage_gib >= 0 AND max_spaces >= 0 AND max_instances >= 0')
export class AllocationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'int' })
  cpuMillicores: number;

  @Column({ name: 'memory_mib', type: 'int' })
  memoryMiB: number;

  @Column({ name: 'storage_gib', type: 'int' })
  storageGiB: number;

  @Column({ type: 'int' })
  maxSpaces: number;

  @Column({ type: 'int', default: 0 })
  maxInstances: number;

  @Column({ type: 'int', default: 0 })
  usedCpuMillicores: number;

  @Column({ name: 'used_memory_mib', type: 'int', default: 0 })
  usedMemoryMiB: number;

  @Column({ name: 'used_storage_gib', type: 'int', default: 0 })
  usedStorageGiB: number;

  @Column({ type: 'int', default: 0 })
  usedSpaces: number;

  @Column({ type: 'int', default: 0 })
  usedInstances: number;

  /** Set when this allocation is carved from the parent tenant's allocation in the same region. */
  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentAllocationId: string | null;

  @ManyToOne(() => AllocationEntity, { onDelete: 'RESTRICT' })
  parentAllocation?: AllocationEntity | null;

  @Column({ type: 'int', default: 0 })
  allocatedToChildrenCpuMillicores: number;

  @Column({ name: 'allocated_to_children_memory_mib', type: 'int', default: 0 })
  allocatedToChildrenMemoryMiB: number;

  @Column({ name: 'allocated_to_children_storage_gib', type: 'int', default: 0 })
  allocatedToChildrenStorageGiB: number;

  @Column({ type: 'int', default: 0 })
  allocatedToChildrenSpaces: number;

  @Column({ type: 'int', default: 0 })
  allocatedToChildrenInstances: number;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
