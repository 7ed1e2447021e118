import { AllocationEntity } from './allocation.entity';
import { AuditEventEntity } from './audit-event.entity';
import { ClusterEntity } from './cluster.entity';
import { MembershipEntity } from './membership.entity';
import { OrderEventEntity } from './order-event.entity';
import { OrderEntity } from './order.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { RefreshTokenEntity } from './refresh-token.entity';
import { SpaceEntity } from './space.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export { AllocationEntity, AuditEventEntity, ClusterEntity, MembershipEntity, OrderEntity, OrderEventEntity, OutboxMessageEntity, RefreshTokenEntity, SpaceEntity, TenantEntity, UserEntity };
export { OrderEventActor } from './order-event.entity';
export { AuditOutcome } from './audit-event.entity';

export const entities = [
  TenantEntity,
  UserEntity,
  MembershipEntity,
  AllocationEntity,
  ClusterEntity,
  SpaceEntity,
  OrderEntity,
  OrderEventEntity,
  OutboxMessageEntity,
  RefreshTokenEntity,
  AuditEventEntity,
];
