import { ApprovalPolicy } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OfferingApprovalThreshold } from './offering.entity';
import { OfferingEntity } from './offering.entity';
import { TenantEntity } from './tenant.entity';

/**
 * An operator's approval policy for one tenant: for one offering, or (offering null) for
 * all of the tenant's orders. The most specific one wins; without one the offering's applies.
 */
@Entity('approval_policy_overrides')
// One override per tenant and offering, and one for all offerings (NULL is never equal to NULL in a plain unique index).
@Index('uq_approval_policy_overrides_tenant_offering', ['tenantId', 'offeringId'], { unique: true, where: '"offering_id" IS NOT NULL' })
@Index('uq_approval_policy_overrides_tenant_all', ['tenantId'], { unique: true, where: '"offering_id" IS NULL' })
export class ApprovalPolicyOverrideEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  tenant?: TenantEntity;

  @Column({ type: 'uuid', nullable: true })
  offeringId: string | null;

  @ManyToOne(() => OfferingEntity, { onDelete: 'CASCADE' })
  offering?: OfferingEntity | null;

  @Column({ type: 'enum', enum: ApprovalPolicy, enumName: 'offering_approval_policy' })
  policy: ApprovalPolicy;

  /** For OPERATOR_ABOVE_THRESHOLD: orders above any of these amounts wait for an operator. */
  @Column({ type: 'jsonb', nullable: true })
  threshold: OfferingApprovalThreshold | null;

  @Column({ type: 'uuid', nullable: true })
  updatedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
