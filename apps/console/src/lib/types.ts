import type { PlatformRole, TenantRole } from './enums';

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
}

export interface Allocation {
  id: string;
  tenantId: string;
  region: string;
  cpuMillicores: number;
  memoryMiB: number;
  storageGiB: number;
  maxSpaces: number;
  usedCpuMillicores: number;
  usedMemoryMiB: number;
  usedStorageGiB: number;
  usedSpaces: number;
}
