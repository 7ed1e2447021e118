import type { PlatformRole, TenantRole } from './enums';

/** `me { memberships }`: the short form (MeMembership). */
export interface Membership {
  tenantId: string;
  tenantName: string;
  role: TenantRole;
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  platformRole: PlatformRole | null;
  memberships: Membership[];
  /** Absent in sessions stored before two-factor sign-in existed; read as false. */
  totpEnabled?: boolean;
  totpRequired?: boolean;
}

export interface AuthPayload {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  user: Me;
}

export interface PlatformInfo {
  sandboxCluster: boolean;
  version: string;
  ssoEnabled: boolean;
}

/** Capacity in one region: limits, own use (used*) and what was handed down to child tenants. */
export interface Allocation {
  id: string;
  tenantId: string;
  region: string;
  parentAllocationId?: string | null;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
  maxSpaces: number;
  maxInstances: number;
  usedCpuMillicores: number;
  usedMemoryMiB: number;
  usedStorageGiB: number;
  usedSpaces: number;
  usedInstances: number;
  allocatedToChildrenCpuMillicores: number;
  allocatedToChildrenMemoryMiB: number;
  allocatedToChildrenStorageGiB: number;
  allocatedToChildrenSpaces: number;
  allocatedToChildrenInstances: number;
  updatedAt?: string;
}

export interface TenantRecord {
  id: string;
  name: string;
  slug: string;
  kind: string;
  status: string;
  statusReason?: string | null;
  region: string;
  registryNumber?: string | null;
  parentId?: string | null;
  childrenCount?: number;
  spacesCount?: number;
  /** ra-data-graphql-simple keeps linked resources as `{ id }` and adds `ancestorsIds`. */
  ancestors?: Array<{ id: string }>;
  ancestorsIds?: string[];
  allocation?: { id: string } | null;
  createdAt?: string;
}

export interface QuotaRequestRecord {
  id: string;
  tenantId: string;
  region: string;
  status: string;
  justification: string;
  reason?: string | null;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
  maxSpaces: number;
  maxInstances: number;
  grantedCpuMillicores?: number | null;
  grantedMemoryMiB?: number | null;
  grantedStorageGiB?: number | null;
  grantedMaxSpaces?: number | null;
  grantedMaxInstances?: number | null;
  createdAt: string;
  decidedAt?: string | null;
  requestedById?: string | null;
  decidedById?: string | null;
}
