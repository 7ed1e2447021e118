import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export enum SignUpDecision {
  Verified = 'VERIFIED',
  Rejected = 'REJECTED',
}

/** A private customer's self-service sign-up and the operator's decision on it (with the reason for a rejection). */
@Entity('sign_ups')
export class SignUpEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index({ unique: true })
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  tenant?: TenantEntity;

  /** The owner who signed up. */
  @Column({ type: 'uuid', nullable: true })
  userId: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  user?: UserEntity | null;

  /** Null while waiting for an operator. */
  @Column({ type: 'enum', enum: SignUpDecision, enumName: 'sign_up_decision', nullable: true })
  decision: SignUpDecision | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'uuid', nullable: true })
  decidedById: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
