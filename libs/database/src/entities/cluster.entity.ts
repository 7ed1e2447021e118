import { ClusterHealth, type ClusterHealthReasonCode } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A Kubernetes cluster the worker provisions into: the one the worker was started with
 * (credentials by reference), or one an operator registered (credentials sealed here).
 */
@Entity('clusters')
export class ClusterEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  name: string;

  /** Regions whose tenants this cluster may serve (data residency). */
  @Column({ type: 'text', array: true })
  regions: string[];

  @Column({ type: 'text' })
  apiUrl: string;

  /** Where the worker finds the credentials: kubeconfig path, in-cluster, emulator, or `sealed` (credentialsSealed). */
  @Column({ type: 'text' })
  credentialsRef: string;

  /**
   * A kubeconfig, AES-256-GCM sealed for this cluster id (SecretBox, purpose `cluster-credentials`,
   * DATA_ENCRYPTION_KEY). Only the worker opens it; null for the cluster the worker was started with.
   */
  @Column({ type: 'text', nullable: true })
  credentialsSealed: string | null;

  /** Kubernetes API requests per second the worker may send here; null: KUBE_QPS. */
  @Column({ type: 'int', nullable: true })
  qps: number | null;

  /** Capacity for placement; null on a dimension means no limit there. */
  @Column({ type: 'int', nullable: true })
  capacityCpuMillicores: number | null;

  @Column({ name: 'capacity_memory_mib', type: 'int', nullable: true })
  capacityMemoryMiB: number | null;

  @Column({ name: 'capacity_storage_gib', type: 'int', nullable: true })
  capacityStorageGiB: number | null;

  @Column({ type: 'int', nullable: true })
  capacityMaxSpaces: number | null;

  /** True when this is the built-in emulator rather than a real cluster. */
  @Column({ type: 'boolean', default: false })
  sandbox: boolean;

  /** A cordoned cluster gets no new spaces; the spaces on it keep being reconciled. */
  @Column({ type: 'boolean', default: false })
  cordoned: boolean;

  @Column({ type: 'text', nullable: true })
  cordonReason: string | null;

  @Column({ type: 'enum', enum: ClusterHealth, enumName: 'cluster_health', default: ClusterHealth.Unknown })
  health: ClusterHealth;

  /** What the last failed health probe saw (the worker writes it); null when healthy. */
  @Column({ type: 'text', nullable: true })
  healthReason: string | null;

  /** healthReason as a code the console translates; null when healthy or before codes existed. */
  @Column({ type: 'text', nullable: true })
  healthReasonCode: ClusterHealthReasonCode | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
