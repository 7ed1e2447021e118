import { registerEnumType } from '@nestjs/graphql';
import { AuditOutcome, OrderEventActor } from '@nprod/database';
import { ApprovalPolicy, ClusterHealth, InstanceStatus, KubeObjectState, OfferingKind, OfferingVisibility, OrderAction, OrderStatus, OrderTarget, PlatformRole, SpaceStatus, TenantKind, TenantRole, TenantStatus } from '@nprod/domain';

/**
 * GraphQL enum values are the stored values (AGENCY, PROVISIONING), not the TypeScript
 * member names (Agency, Provisioning), so clients and the database speak the same words.
 */
function graphqlEnum<E extends Record<string, string>>(source: E, name: string): Record<E[keyof E], E[keyof E]> {
  const values = Object.fromEntries(Object.values(source).map((value) => [value, value])) as Record<E[keyof E], E[keyof E]>;
  registerEnumType(values, { name });
  return values;
}

export const TenantKindEnum = graphqlEnum(TenantKind, 'TenantKind');
export const TenantStatusEnum = graphqlEnum(TenantStatus, 'TenantStatus');
export const SpaceStatusEnum = graphqlEnum(SpaceStatus, 'SpaceStatus');
export const PlatformRoleEnum = graphqlEnum(PlatformRole, 'PlatformRole');
export const TenantRoleEnum = graphqlEnum(TenantRole, 'TenantRole');
export const AuditOutcomeEnum = graphqlEnum(AuditOutcome, 'AuditOutcome');
export const OfferingKindEnum = graphqlEnum(OfferingKind, 'OfferingKind');
export const OfferingVisibilityEnum = graphqlEnum(OfferingVisibility, 'OfferingVisibility');
export const ApprovalPolicyEnum = graphqlEnum(ApprovalPolicy, 'ApprovalPolicy');
export const OrderStatusEnum = graphqlEnum(OrderStatus, 'OrderStatus');
export const OrderActionEnum = graphqlEnum(OrderAction, 'OrderAction');
export const OrderTargetEnum = graphqlEnum(OrderTarget, 'OrderTarget');
export const OrderEventActorEnum = graphqlEnum(OrderEventActor, 'OrderEventActor');
export const InstanceStatusEnum = graphqlEnum(InstanceStatus, 'InstanceStatus');
export const KubeObjectStateEnum = graphqlEnum(KubeObjectState, 'KubeObjectState');
export const ClusterHealthEnum = graphqlEnum(ClusterHealth, 'ClusterHealth');
