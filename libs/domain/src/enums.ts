/** Kind of customer; decides which registry number applies and who onboards it. */
export enum TenantKind {
  Agency = 'AGENCY',
  Municipality = 'MUNICIPALITY',
  Business = 'BUSINESS',
  Individual = 'INDIVIDUAL',
}

export enum TenantStatus {
  Pending = 'PENDING',
  Active = 'ACTIVE',
  Suspended = 'SUSPENDED',
}

export enum BillingMode {
  Budget = 'BUDGET',
  Postpaid = 'POSTPAID',
  Prepaid = 'PREPAID',
}

export enum TenantRole {
  Owner = 'OWNER',
  Admin = 'ADMIN',
  Member = 'MEMBER',
  Viewer = 'VIEWER',
}

export enum PlatformRole {
  Operator = 'OPERATOR',
  Auditor = 'AUDITOR',
}

export enum SpaceStatus {
  Provisioning = 'PROVISIONING',
  Active = 'ACTIVE',
  Failed = 'FAILED',
  Decommissioning = 'DECOMMISSIONING',
  Deleted = 'DELETED',
}

export enum OrderStatus {
  Submitted = 'SUBMITTED',
  PendingApproval = 'PENDING_APPROVAL',
  Approved = 'APPROVED',
  Provisioning = 'PROVISIONING',
  Completed = 'COMPLETED',
  Rejected = 'REJECTED',
  Cancelled = 'CANCELLED',
  Failed = 'FAILED',
}

/** Lifecycle of a provisioned catalogue instance (a PaaS or SaaS offering in a space). */
export enum InstanceStatus {
  /** Ordered; the worker is creating (or about to create) its objects. */
  Provisioning = 'PROVISIONING',
  Active = 'ACTIVE',
  /** Running but not ready (a workload lost replicas, a volume is unbound), or a change to it failed. */
  Degraded = 'DEGRADED',
  /** A delete order is under way. */
  Decommissioning = 'DECOMMISSIONING',
  Deleted = 'DELETED',
  /** Creating it failed; the order says why and an operator may retry it. */
  Failed = 'FAILED',
}

/** What an order does to its target. */
export enum OrderAction {
  Create = 'CREATE',
  Modify = 'MODIFY',
  Delete = 'DELETE',
}

/** What an order acts on. */
export enum OrderTarget {
  Space = 'SPACE',
  Instance = 'INSTANCE',
}

export enum ClusterHealth {
  Unknown = 'UNKNOWN',
  Healthy = 'HEALTHY',
  Unreachable = 'UNREACHABLE',
}

/** What a catalogue offering sells: compute (a space), a managed platform service, or a hosted app. */
export enum OfferingKind {
  Iaas = 'IAAS',
  Paas = 'PAAS',
  Saas = 'SAAS',
}

/** Who may order an offering. */
export enum OfferingVisibility {
  /** Regional agencies and municipalities only. */
  PublicBodies = 'PUBLIC_BODIES',
  Everyone = 'EVERYONE',
  /** Only the tenants listed on the offering. */
  NamedTenants = 'NAMED_TENANTS',
}

/** When an order for an offering waits for an operator. */
export enum ApprovalPolicy {
  /** Approved automatically when it fits the tenant's allocation. */
  AutoWithinAllocation = 'AUTO_WITHIN_ALLOCATION',
  /** An operator approves orders larger than the offering's threshold. */
  OperatorAboveThreshold = 'OPERATOR_ABOVE_THRESHOLD',
  /** An operator approves every order. */
  AlwaysOperator = 'ALWAYS_OPERATOR',
}

/** An enum value for a sentence people read: `PENDING_APPROVAL` as `pending approval`, `ACTIVE` as `active`. */
export function describeEnumValue(value: string): string {
  return value.toLowerCase().replaceAll('_', ' ');
}
