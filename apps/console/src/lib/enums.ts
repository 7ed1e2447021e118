/** Enum values of the GraphQL contract; labels come from `nprod.enums.<Enum>.<VALUE>` translations. */

export const TENANT_KINDS = ['AGENCY', 'MUNICIPALITY', 'BUSINESS', 'INDIVIDUAL'] as const;
export type TenantKind = (typeof TENANT_KINDS)[number];

export const TENANT_STATUSES = ['PENDING', 'ACTIVE', 'SUSPENDED'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const SPACE_STATUSES = ['PROVISIONING', 'ACTIVE', 'FAILED', 'DECOMMISSIONING', 'DELETED'] as const;
export type SpaceStatus = (typeof SPACE_STATUSES)[number];

export const PLATFORM_ROLES = ['OPERATOR', 'AUDITOR'] as const;
export type PlatformRole = (typeof PLATFORM_ROLES)[number];

export const TENANT_ROLES = ['OWNER', 'ADMIN', 'MEMBER', 'VIEWER'] as const;
export type TenantRole = (typeof TENANT_ROLES)[number];

export const INVITATION_STATUSES = ['PENDING', 'ACCEPTED', 'EXPIRED', 'REVOKED'] as const;
export const AUDIT_OUTCOMES = ['SUCCESS', 'DENIED', 'FAILURE'] as const;
export const QUOTA_REQUEST_STATUSES = ['PENDING', 'APPROVED', 'PARTIALLY_APPROVED', 'REJECTED'] as const;
export const SIGN_UP_STATUSES = ['PENDING', 'VERIFIED', 'REJECTED'] as const;
export const CLUSTER_HEALTHS = ['UNKNOWN', 'HEALTHY', 'UNREACHABLE'] as const;

export type EnumName =
  | 'TenantKind'
  | 'TenantStatus'
  | 'SpaceStatus'
  | 'PlatformRole'
  | 'TenantRole'
  | 'InvitationStatus'
  | 'AuditOutcome'
  | 'QuotaRequestStatus'
  | 'TokenState'
  | 'OfferingKind'
  | 'OrderStatus'
  | 'OrderAction'
  | 'OrderTarget'
  | 'OrderEventActor'
  | 'InstanceStatus'
  | 'KubeObjectState'
  | 'ClusterHealth';

export const enumLabelKey = (enumName: EnumName, value: string): string => `nprod.enums.${enumName}.${value}`;
export const regionLabelKey = (region: string): string => `nprod.regions.${region}`;

/** Choices for SelectInput; react-admin translates `name`. */
export const enumChoices = (enumName: EnumName, values: readonly string[]) =>
  values.map((value) => ({ id: value, name: enumLabelKey(enumName, value) }));

/** Statuses a space moves out of by itself, so its page keeps polling while in them. */
export const TRANSIENT_SPACE_STATUSES: readonly string[] = ['PROVISIONING', 'DECOMMISSIONING'];
