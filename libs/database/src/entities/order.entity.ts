import { OrderAction, OrderStatus, OrderTarget } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { InstanceEntity } from './instance.entity';
import { SpaceEntity } from './space.entity';
import { TenantEntity } from './tenant.entity';

/** A request to create, modify or delete a space or an instance; the worker carries it out. */
@Entity('orders')
@Unique('uq_orders_tenant_idempotency_key', ['tenantId', 'idempotencyKey'])
// The console lists orders newest first, for everyone (operators) or for one tenant.
@Index('ix_orders_created_at', ['createdAt', 'id'])
@Index('ix_orders_tenant_created_at', ['tenantId', 'createdAt'])
export class OrderEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: 'RESTRICT' })
  tenant?: TenantEntity;

  @Column({ type: 'enum', enum: OrderAction, enumName: 'order_action' })
  action: OrderAction;

  @Column({ type: 'enum', enum: OrderTarget, enumName: 'order_target' })
  target: OrderTarget;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  spaceId: string | null;

  @ManyToOne(() => SpaceEntity, { onDelete: 'SET NULL' })
  space?: SpaceEntity | null;

  @Index()
  @Column({ type: 'uuid', nullable: true })
  instanceId: string | null;

  @ManyToOne(() => InstanceEntity, { onDelete: 'SET NULL' })
  instance?: InstanceEntity | null;

  /** The offering the order is for (null for space orders placed before space orders named their offering). */
  @Column({ type: 'uuid', nullable: true })
  offeringId: string | null;

  /**
   * 1 for the first run; an operator's retry adds one. The worker's job id is the order id
   * for attempt 1 and `<orderId>-attempt-<n>` after, so a retry is a new BullMQ job.
   */
  @Column({ type: 'int', default: 1 })
  attempt: number;

  @Index()
  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status' })
  status: OrderStatus;

  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'text', nullable: true })
  idempotencyKey: string | null;

  /** What was asked for, as submitted; the worker derives desired state from it. */
  @Column({ type: 'jsonb', default: {} })
  request: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  requestedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
