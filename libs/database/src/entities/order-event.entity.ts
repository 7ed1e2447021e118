import { OrderStatus } from '@nprod/domain';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { OrderEntity } from './order.entity';

export enum OrderEventActor {
  User = 'USER',
  Worker = 'WORKER',
  System = 'SYSTEM',
}

/** One state transition of an order: who, when, from, to and why. Append-only. */
@Entity('order_events')
export class OrderEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Index()
  @Column({ type: 'uuid' })
  orderId: string;

  @ManyToOne(() => OrderEntity, { onDelete: 'CASCADE' })
  order?: OrderEntity;

  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status', nullable: true })
  fromStatus: OrderStatus | null;

  @Column({ type: 'enum', enum: OrderStatus, enumName: 'order_status' })
  toStatus: OrderStatus;

  @Column({ type: 'enum', enum: OrderEventActor, enumName: 'order_event_actor' })
  actorKind: OrderEventActor;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
