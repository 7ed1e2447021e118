import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { UserEntity } from './user.entity';

/** Links a user to an account at an external identity provider (issuer + subject), so later sign-ins find them even if the e-mail changes. */
@Entity('user_identities')
@Unique('uq_user_identities_issuer_subject', ['issuer', 'subject'])
export class UserIdentityEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  user?: UserEntity;

  /** The provider's issuer URL (`iss`). */
  @Column({ type: 'text' })
  issuer: string;

  /** The provider's stable id of the person (`sub`). */
  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
