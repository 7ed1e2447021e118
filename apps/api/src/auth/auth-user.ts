import type { PlatformRole, TenantRole } from '@nprod/domain';

/** Who is calling, as every resolver and the access policy see it. */
export interface AuthUser {
  id: string;
  email: string;
  platformRole: PlatformRole | null;
  memberships: ReadonlyArray<{ tenantId: string; role: TenantRole }>;
}
