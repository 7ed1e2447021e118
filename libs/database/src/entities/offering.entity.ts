import { ApprovalPolicy, OfferingKind, OfferingVisibility } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Amounts above which an order waits for an operator; keys as in ResourceAmounts. */
export type OfferingApprovalThreshold = { cpuMillicores?: number; memoryMiB?: number; storageGiB?: number };

/**
 * A catalogue item. What orders depend on (template, plans, parameter schema) lives in
 * OfferingVersion rows, so editing it never changes what an existing order pinned; name,
 * description, who may order and approval apply from now on.
 */
@Entity('offerings')
export class OfferingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  key: string;

  @Column({ type: 'enum', enum: OfferingKind, enumName: 'offering_kind' })
  kind: OfferingKind;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'enum', enum: OfferingVisibility, enumName: 'offering_visibility' })
  visibility: OfferingVisibility;

  @Column({ type: 'enum', enum: ApprovalPolicy, enumName: 'offering_approval_policy' })
  approvalPolicy: ApprovalPolicy;

  @Column({ type: 'jsonb', nullable: true })
  approvalThreshold: OfferingApprovalThreshold | null;

  /** Tenants that may order it when visibility is NAMED_TENANTS. */
  @Column({ type: 'uuid', array: true, default: () => "'{}'" })
  allowedTenantIds: string[];

  /** The version new orders get. */
  @Column({ type: 'int' })
  currentVersion: number;

  /** Retired offerings take no new orders; running instances keep running. */
  @Column({ type: 'timestamptz', nullable: true })
  retiredAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
