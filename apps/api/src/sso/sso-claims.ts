import type { SsoConfig } from '@nprod/config';
import { PlatformRole, TenantRole } from '@nprod/domain';

/** Why a single sign-on attempt failed; recorded in the audit trail and shown to the console as `error`. */
export enum SsoFailureReason {
  Disabled = 'SSO_DISABLED',
  ProviderError = 'PROVIDER_ERROR',
  ProviderUnavailable = 'PROVIDER_UNAVAILABLE',
  UnknownState = 'UNKNOWN_STATE',
  ExpiredState = 'EXPIRED_STATE',
  BrowserMismatch = 'BROWSER_MISMATCH',
  TokenRejected = 'TOKEN_REJECTED',
  MissingEmail = 'MISSING_EMAIL',
  EmailNotVerified = 'EMAIL_NOT_VERIFIED',
  UnknownTenant = 'UNKNOWN_TENANT',
}

/** Who the provider says signed in, translated into NPROD terms. */
export interface SsoIdentity {
  subject: string;
  email: string;
  displayName: string;
  /** A tenant's slug or 12-digit registry number, from OIDC_CLAIM_TENANT. */
  tenantRef: string | null;
  /** Undefined when no roles claim is configured: the platform role is then left as it is. */
  platformRole: PlatformRole | null | undefined;
  /** Role in the tenant named by `tenantRef`; VIEWER when the tenant is named but no mapped role applies. */
  tenantRole: TenantRole | null;
}

export type SsoClaimMapping = { ok: true; identity: SsoIdentity } | { ok: false; reason: SsoFailureReason; message: string };

const PLATFORM_RANK: readonly PlatformRole[] = [PlatformRole.Operator, PlatformRole.Auditor];
const TENANT_RANK: readonly TenantRole[] = [TenantRole.Owner, TenantRole.Admin, TenantRole.Member, TenantRole.Viewer];
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A claim by name, or by dotted path into nested objects (`realm_access.roles`) when no claim has the literal name. */
export function readClaim(claims: Record<string, unknown>, path: string): unknown {
  if (path in claims) return claims[path];
  return path.split('.').reduce<unknown>((value, key) => (value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), claims);
}

function claimValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

/** Pure: the provider's claims (ID token and userinfo) to an identity, following the configured claim names and role map. */
export function mapSsoClaims(claims: Record<string, unknown>, sso: SsoConfig): SsoClaimMapping {
  const rawEmail = readClaim(claims, sso.claims.email);
  const email = typeof rawEmail === 'string' ? rawEmail.trim().toLowerCase() : '';
  if (!EMAIL.test(email)) {
    return { ok: false, reason: SsoFailureReason.MissingEmail, message: `The identity provider sent no valid e-mail address in claim "${sso.claims.email}".` };
  }
  if (claims.email_verified === false && sso.claims.email === 'email') {
    return { ok: false, reason: SsoFailureReason.EmailNotVerified, message: 'The identity provider says this e-mail address is not verified; verify it there first.' };
  }
  const rawName = readClaim(claims, sso.claims.name);
  const displayName = (typeof rawName === 'string' && rawName.trim()) || email;
  const rawTenant = sso.claims.tenant ? readClaim(claims, sso.claims.tenant) : undefined;
  const tenantRef = typeof rawTenant === 'string' || typeof rawTenant === 'number' ? String(rawTenant).trim() || null : null;
  const mapped = sso.claims.roles ? claimValues(readClaim(claims, sso.claims.roles)).map((value) => sso.roleMap[value]).filter(Boolean) : [];
  const platformRole = sso.claims.roles ? (PLATFORM_RANK.find((role) => mapped.includes(role)) ?? null) : undefined;
  const tenantRole = tenantRef ? (TENANT_RANK.find((role) => mapped.includes(role)) ?? TenantRole.Viewer) : null;
  return { ok: true, identity: { subject: String(claims.sub), email, displayName: displayName.slice(0, 200), tenantRef, platformRole, tenantRole } };
}
