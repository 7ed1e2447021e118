import { SpaceStatus, type KubeObjectObservation, type ResourceAmounts } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { ClusterEntity } from './cluster.entity';
import { TenantEntity } from './tenant.entity';

/**
 * One namespace on one cluster, with a quota carved out of the tenant's allocation. Slug and
 * namespace are unique among spaces that are not DELETED, so a deleted space's name can be used again.
 */
@Entity('spaces')
@Index('uq_spaces_tenant_slug_live', ['tenantId', 'slug'], { unique: true, where: `status <> 'DELETED'` })
@Index('uq_spaces_namespace_live', ['namespace'], { unique: true, where: `status <> 'DELETED'` })
export class SpaceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  tenant?: TenantEntity;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  namespace: string;

  @Column({ type: 'text' })
  region: string;

  @Column({ type: 'uuid', nullable: true })
  clusterId: string | null;

  @ManyToOne(() => ClusterEntity, { onDelete: 'RESTRICT' })
  cluster?: ClusterEntity | null;

  @Index()
  @Column({ type: 'enum', enum: SpaceStatus, enumName: 'space_status', default: SpaceStatus.Provisioning })
  status: SpaceStatus;

  /** Why the space is not active, in words a person can act on. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'int' })
  cpuMillicores: number;

  @Column({ name: 'memory_mib', type: 'int' })
  memoryMiB: number;

  @Column({ name: 'storage_gib', type: 'int' })
  storageGiB: number;

  /**
   * The size a resize under way takes the space to, from when its cluster admitted the growth
   * until the resize completes or fails: the cluster counts the larger of the two meanwhile,
   * and the periodic reconcile leaves the quota to the resize.
   */
  @Column({ type: 'jsonb', nullable: true })
  resizingTo: ResourceAmounts | null;

  /** The compute-space offering and plan it was ordered with (null for spaces made before space orders named them). */
  @Column({ type: 'uuid', nullable: true })
  offeringId: string | null;

  @Column({ type: 'text', nullable: true })
  planKey: string | null;

  /** Its Kubernetes objects (Namespace, quota, defaults, policies, bindings) as the worker last observed them; rewritten only on a change. */
  @Column({ type: 'jsonb', default: [] })
  kubeObjects: KubeObjectObservation[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
