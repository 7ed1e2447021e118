import { ClusterHealth } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A Kubernetes cluster the worker provisions into. Credentials never live here, only a reference. */
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

  /** Where the worker finds the credentials (kubeconfig path, in-cluster, emulator). */
  @Column({ type: 'text' })
  credentialsRef: string;

  /** True when this is the built-in emulator rather than a real cluster. */
  @Column({ type: 'boolean', default: false })
  sandbox: boolean;

  @Column({ type: 'boolean', default: false })
  cordoned: boolean;

  @Column({ type: 'enum', enum: ClusterHealth, enumName: 'cluster_health', default: ClusterHealth.Unknown })
  health: ClusterHealth;

  @Column({ type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
