import { InstanceStatus, type KubeObjectObservation } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { OfferingVersionEntity } from './offering-version.entity';
import { OfferingEntity } from './offering.entity';
import { SpaceEntity } from './space.entity';
import { TenantEntity } from './tenant.entity';

/** One way to reach an instance: a Service inside the cluster, or its public HTTPS address. */
export interface InstanceEndpointRecord {
  /** `internal` (a ClusterIP Service) or `public` (the Ingress). */
  kind: 'internal' | 'public';
  /** The component (`postgres`, `app`) it reaches. */
  component: string;
  url: string;
}

/**
 * A catalogue offering (PaaS or SaaS) running in a space. Its columns are the desired state
 * the worker applies (and re-applies on every reconcile); a change goes through an order and
 * lands here only when the order completes.
 */
@Entity('instances')
// A deleted instance's objects are gone, so its name is free again.
@Index('uq_instances_space_slug_live', ['spaceId', 'slug'], { unique: true, where: `status <> 'DELETED'` })
export class InstanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  tenant?: TenantEntity;

  @Index()
  @Column({ type: 'uuid' })
  spaceId: string;

  @ManyToOne(() => SpaceEntity, { onDelete: 'RESTRICT' })
  space?: SpaceEntity;

  @Column({ type: 'uuid' })
  offeringId: string;

  @ManyToOne(() => OfferingEntity, { onDelete: 'RESTRICT' })
  offering?: OfferingEntity;

  /** The pinned version: editing the offering never changes what this instance is built from. */
  @Column({ type: 'uuid' })
  offeringVersionId: string;

  @ManyToOne(() => OfferingVersionEntity, { onDelete: 'RESTRICT' })
  offeringVersion?: OfferingVersionEntity;

  @Column({ type: 'text' })
  name: string;

  /** Prefix of every Kubernetes object of the instance; unique within the space. */
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'text' })
  planKey: string;

  /** Validated, with the schema's defaults. */
  @Column({ type: 'jsonb', default: {} })
  parameters: Record<string, unknown>;

  @Index()
  @Column({ type: 'enum', enum: InstanceStatus, enumName: 'instance_status', default: InstanceStatus.Provisioning })
  status: InstanceStatus;

  /** Why the instance is not active (or what is wrong with it), in words a person can act on. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  /** What it takes from the allocation now (the footprint of the applied plan). */
  @Column({ type: 'int' })
  cpuMillicores: number;

  @Column({ name: 'memory_mib', type: 'int' })
  memoryMiB: number;

  @Column({ name: 'storage_gib', type: 'int' })
  storageGiB: number;

  @Column({ type: 'jsonb', default: [] })
  endpoints: InstanceEndpointRecord[];

  /**
   * Its Kubernetes objects as the worker last observed them (after provisioning and each
   * reconcile). Rewritten only when a state or message changes, so a quiet reconcile writes nothing.
   */
  @Column({ type: 'jsonb', default: [] })
  kubeObjects: KubeObjectObservation[];

  /** Name of the Kubernetes Secret with the credentials; null when the offering has none. */
  @Column({ type: 'text', nullable: true })
  credentialsSecretName: string | null;

  /** The generated credentials, AES-256-GCM sealed for this instance id (SecretBox, purpose `instance-credentials`). */
  @Column({ type: 'text', nullable: true })
  credentialsSealed: string | null;

  /** When the credentials were shown (once, to the owner; see decision 0008); null while not yet shown. */
  @Column({ type: 'timestamptz', nullable: true })
  credentialsRevealedAt: Date | null;

  /** The user they were shown to. */
  @Column({ type: 'uuid', nullable: true })
  credentialsRevealedById: string | null;

  /** The order that created it; its quota reservation is what the instance holds. */
  @Column({ type: 'uuid' })
  createOrderId: string;

  /** Optional end of the lease: owners are told before, it is suspended at it and deleted after the grace period. */
  @Index()
  @Column({ type: 'timestamptz', nullable: true })
  leaseEndsAt: Date | null;

  /** When the owners were told the lease ends soon (once per lease end). */
  @Column({ type: 'timestamptz', nullable: true })
  leaseNoticeSentAt: Date | null;

  /** Set when the lease ended: the workloads run zero replicas until it is renewed. */
  @Column({ type: 'timestamptz', nullable: true })
  suspendedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
