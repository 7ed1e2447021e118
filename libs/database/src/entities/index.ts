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
import { OfferingEntity } from './offering.entity';
import { OfferingVersionEntity } from './offering-version.entity';
import { ApiTokenEntity } from './api-token.entity';
import { LoginAttemptEntity } from './login-attempt.entity';
import { UserTotpEntity } from './user-totp.entity';
import { InvitationEntity } from './invitation.entity';
import { SignUpEntity } from './sign-up.entity';
import { SsoExchangeCodeEntity } from './sso-exchange-code.entity';
import { SsoLoginStateEntity } from './sso-login-state.entity';
import { UserIdentityEntity } from './user-identity.entity';
import { QuotaRequestEntity } from './quota-request.entity';
import { QuotaReservationEntity } from './quota-reservation.entity';
import { InstanceEntity } from './instance.entity';
import { ApprovalPolicyOverrideEntity } from './approval-policy-override.entity';

export { AllocationEntity, AuditEventEntity, ClusterEntity, MembershipEntity, OrderEntity, OrderEventEntity, OutboxMessageEntity, RefreshTokenEntity, SpaceEntity, TenantEntity, UserEntity };
export { OrderEventActor } from './order-event.entity';
export { OfferingEntity, OfferingVersionEntity };
export type { OfferingApprovalThreshold } from './offering.entity';
export type { OfferingPlanRecord } from './offering-version.entity';
export { AuditOutcome } from './audit-event.entity';
export { ApiTokenEntity, LoginAttemptEntity, UserTotpEntity };
export { InvitationEntity, SignUpEntity, SsoExchangeCodeEntity, SsoLoginStateEntity, UserIdentityEntity };
export { SignUpDecision } from './sign-up.entity';
export { QuotaRequestEntity, QuotaReservationEntity };
export { InstanceEntity };
export { ApprovalPolicyOverrideEntity };
export type { InstanceEndpointRecord } from './instance.entity';

export const entities = [
  OfferingEntity,
  OfferingVersionEntity,
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
  ApiTokenEntity,
  LoginAttemptEntity,
  UserTotpEntity,
  UserIdentityEntity,
  SsoLoginStateEntity,
  SsoExchangeCodeEntity,
  InvitationEntity,
  SignUpEntity,
  QuotaReservationEntity,
  QuotaRequestEntity,
  InstanceEntity,
  ApprovalPolicyOverrideEntity,
];
