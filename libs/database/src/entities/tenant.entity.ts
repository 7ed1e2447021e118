import { BillingMode, TenantKind, TenantStatus } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('tenants')
export class TenantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  slug: string;

  @Column({ type: 'enum', enum: TenantKind, enumName: 'tenant_kind' })
  kind: TenantKind;

  @Column({ type: 'enum', enum: TenantStatus, enumName: 'tenant_status', default: TenantStatus.Pending })
  status: TenantStatus;

  /** Why an operator suspended (or re-activated) the tenant; shown with every refused order. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Index({ unique: true, where: 'registry_number IS NOT NULL' })
  @Column({ type: 'text', nullable: true })
  registryNumber: string | null;

  @Column({ type: 'text' })
  region: string;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  parent?: TenantEntity | null;

  @Column({ type: 'enum', enum: BillingMode, enumName: 'billing_mode', default: BillingMode.Budget })
  billingMode: BillingMode;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
