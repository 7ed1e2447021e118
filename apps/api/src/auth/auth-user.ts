import type { PlatformRole, TenantRole } from '@nprod/domain';

/** Who is calling, as every resolver and the access policy see it. */
export interface AuthUser {
  /** The user id; for an API token, the token's id. */
  id: string;
  /** The user's email; for an API token, its prefix and name (this is what the audit trail shows). */
  email: string;
  platformRole: PlatformRole | null;
  memberships: ReadonlyArray<{ tenantId: string; role: TenantRole }>;
  /** Set when the caller is an API token rather than a person. */
  apiTokenId?: string;
  /** The sign-in session (refresh token family) the access token belongs to. */
  sessionId?: string;
  /** An operator who must turn on TOTP (REQUIRE_TOTP_FOR_OPERATORS) before doing anything else. */
  mustEnrolTotp?: boolean;
}
