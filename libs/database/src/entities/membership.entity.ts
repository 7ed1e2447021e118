import { TenantRole } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

@Entity('memberships')
@Unique('uq_memberships_user_tenant', ['userId', 'tenantId'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: UserEntity;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'CASCADE' })
  tenant?: TenantEntity;

  @Column({ type: 'enum', enum: TenantRole, enumName: 'tenant_role' })
  role: TenantRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
