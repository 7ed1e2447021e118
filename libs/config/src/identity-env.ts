import { z } from 'zod';

/** Roles an OIDC_ROLE_MAP value may name: platform roles and tenant roles. */
export const SSO_MAPPABLE_ROLES = ['OPERATOR', 'AUDITOR', 'OWNER', 'ADMIN', 'MEMBER', 'VIEWER'] as const;
export type SsoMappedRole = (typeof SSO_MAPPABLE_ROLES)[number];

const nonNegativeInt = z.coerce.number().int().min(0);
const positiveInt = z.coerce.number().int().positive();
const httpUrl = z.url({ protocol: /^https?$/, message: 'expected an http:// or https:// URL' });
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

const roleMap = z
  .string()
  .transform((value, ctx) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object such as {"nprod-operators":"OPERATOR","agency-admins":"ADMIN"}' });
      return z.NEVER;
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object mapping claim values to roles' });
      return z.NEVER;
    }
    const entries = Object.entries(parsed as Record<string, unknown>);
    const wrong = entries.filter(([, role]) => !SSO_MAPPABLE_ROLES.includes(role as SsoMappedRole));
    if (wrong.length > 0) {
      ctx.addIssue({ code: 'custom', message: `maps ${wrong.map(([claim, role]) => `"${claim}" to ${JSON.stringify(role)}`).join(', ')}; roles must be one of ${SSO_MAPPABLE_ROLES.join(', ')}` });
      return z.NEVER;
    }
    return Object.fromEntries(entries) as Record<string, SsoMappedRole>;
  });

/**
 * Variables of single sign-on, e-mail, sign-up and invitations. Part of `envSchema`; kept in
 * their own file so the identity features change them without touching the rest.
 */
export const identityEnvShape = {
  /** Public base URL of the console (links in e-mails, the redirect after single sign-on); defaults to http://HOST:PORT for links. */
  PUBLIC_URL: httpUrl.optional(),
  /** SMTP server for outgoing mail, e.g. smtp://user:pass@mail.example:587 or smtps://…; unset: mail is written to NPROD_DATA_DIR/mail. */
  SMTP_URL: z.string().regex(/^smtps?:\/\/[^/]+/, 'expected a URL starting with smtp:// or smtps://').optional(),
  /** Sender of outgoing mail. */
  MAIL_FROM: z.string().min(3).default('NPROD <no-reply@nprod.local>'),
  /** Hours an invitation link stays valid. */
  INVITATION_TTL_HOURS: positiveInt.max(24 * 90).default(72),
  /** CPU (millicores) a verified self-service customer gets unless the operator says otherwise. */
  SELF_SERVICE_ALLOCATION_CPU_MILLICORES: nonNegativeInt.default(2000),
  /** Memory (MiB) a verified self-service customer gets by default. */
  SELF_SERVICE_ALLOCATION_MEMORY_MIB: nonNegativeInt.default(4096),
  /** Storage (GiB) a verified self-service customer gets by default. */
  SELF_SERVICE_ALLOCATION_STORAGE_GIB: nonNegativeInt.default(20),
  /** Spaces a verified self-service customer may create by default. */
  SELF_SERVICE_ALLOCATION_MAX_SPACES: nonNegativeInt.default(2),
  /** App instances a verified self-service customer may run by default (without any, it could order no app). */
  SELF_SERVICE_ALLOCATION_MAX_INSTANCES: nonNegativeInt.default(5),
  /** OpenID Connect issuer (discovery at /.well-known/openid-configuration); unset turns single sign-on off. */
  OIDC_ISSUER_URL: httpUrl.optional(),
  /** Client id registered at the identity provider. */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Client secret; leave unset for a public client (PKCE only). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Our callback, registered at the provider: https://<api host>/auth/oidc/callback. */
  OIDC_REDIRECT_URL: httpUrl.optional(),
  /** Scopes to request, space-separated; must include openid. */
  OIDC_SCOPES: z
    .string()
    .default('openid email profile')
    .refine((value) => value.split(/\s+/).includes('openid'), 'must include "openid"'),
  /** Claim holding the e-mail address (dotted paths reach nested claims). */
  OIDC_CLAIM_EMAIL: z.string().min(1).default('email'),
  /** Claim holding the person's display name. */
  OIDC_CLAIM_NAME: z.string().min(1).default('name'),
  /** Claim holding the tenant's slug or 12-digit registry number; unset: SSO grants no tenant membership. */
  OIDC_CLAIM_TENANT: z.string().min(1).optional(),
  /** Claim holding roles or groups (a string or a list), e.g. groups or realm_access.roles. */
  OIDC_CLAIM_ROLES: z.string().min(1).optional(),
  /** JSON object mapping values of the roles claim to NPROD roles, e.g. {"nprod-operators":"OPERATOR","agency-admins":"ADMIN"}. */
  OIDC_ROLE_MAP: roleMap.optional(),
};

type IdentityEnv = z.output<z.ZodObject<typeof identityEnvShape>>;
type RefinementContext = { addIssue(issue: { code: 'custom'; path: string[]; message: string }): void };

/** Rules across identity variables; called from envSchema's superRefine. */
export function refineIdentityEnv(env: IdentityEnv, ctx: RefinementContext): void {
  const require = (variable: keyof IdentityEnv, why: string) => {
    if (!env[variable]) ctx.addIssue({ code: 'custom', path: [variable], message: `is required ${why}` });
  };
  if (env.OIDC_ISSUER_URL) {
    require('OIDC_CLIENT_ID', 'when OIDC_ISSUER_URL is set: the client id registered at the identity provider');
    require('OIDC_REDIRECT_URL', 'when OIDC_ISSUER_URL is set: our callback URL, e.g. https://nprod.example/auth/oidc/callback');
    const issuer = new URL(env.OIDC_ISSUER_URL);
    if (issuer.protocol !== 'https:' && !LOOPBACK_HOSTS.has(issuer.hostname)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_ISSUER_URL'], message: 'must use https:// (plain http is allowed only for localhost)' });
    }
  } else {
    for (const variable of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL', 'OIDC_CLAIM_TENANT', 'OIDC_CLAIM_ROLES', 'OIDC_ROLE_MAP'] as const) {
      if (env[variable] !== undefined) ctx.addIssue({ code: 'custom', path: [variable], message: 'is set but OIDC_ISSUER_URL is not; set OIDC_ISSUER_URL to turn single sign-on on, or remove this variable' });
    }
  }
  if (env.OIDC_ROLE_MAP && !env.OIDC_CLAIM_ROLES) require('OIDC_CLAIM_ROLES', 'when OIDC_ROLE_MAP is set: the claim whose values the map translates, e.g. groups');
  if (env.OIDC_REDIRECT_URL && !env.OIDC_REDIRECT_URL.replace(/\/+$/, '').endsWith('/auth/oidc/callback')) {
    ctx.addIssue({ code: 'custom', path: ['OIDC_REDIRECT_URL'], message: 'must point at our callback path /auth/oidc/callback' });
  }
}

/** Single sign-on settings; null when OIDC_ISSUER_URL is unset. */
export interface SsoConfig {
  issuerUrl: string;
  clientId: string;
  /** Null for a public client. */
  clientSecret: string | null;
  redirectUrl: string;
  scopes: string;
  claims: { email: string; name: string; tenant: string | null; roles: string | null };
  roleMap: Readonly<Record<string, SsoMappedRole>>;
}

export interface IdentityConfig {
  /** PUBLIC_URL without a trailing slash; null when unset (links then use http://HOST:PORT, redirects stay relative). */
  publicUrl: string | null;
  sso: SsoConfig | null;
  mail: { smtpUrl: string | null; from: string };
  invitations: { ttlHours: number };
  selfServiceAllocation: { cpuMillicores: number; memoryMiB: number; storageGiB: number; maxSpaces: number; maxInstances: number };
}

export function identityConfig(env: IdentityEnv): IdentityConfig {
  return {
    publicUrl: env.PUBLIC_URL?.replace(/\/+$/, '') ?? null,
    sso: env.OIDC_ISSUER_URL
      ? {
          issuerUrl: env.OIDC_ISSUER_URL,
          clientId: env.OIDC_CLIENT_ID!,
          clientSecret: env.OIDC_CLIENT_SECRET ?? null,
          redirectUrl: env.OIDC_REDIRECT_URL!,
          scopes: env.OIDC_SCOPES.trim().split(/\s+/).join(' '),
          claims: { email: env.OIDC_CLAIM_EMAIL, name: env.OIDC_CLAIM_NAME, tenant: env.OIDC_CLAIM_TENANT ?? null, roles: env.OIDC_CLAIM_ROLES ?? null },
          roleMap: env.OIDC_ROLE_MAP ?? {},
        }
      : null,
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
    invitations: { ttlHours: env.INVITATION_TTL_HOURS },
    selfServiceAllocation: {
      cpuMillicores: env.SELF_SERVICE_ALLOCATION_CPU_MILLICORES,
      memoryMiB: env.SELF_SERVICE_ALLOCATION_MEMORY_MIB,
      storageGiB: env.SELF_SERVICE_ALLOCATION_STORAGE_GIB,
      maxSpaces: env.SELF_SERVICE_ALLOCATION_MAX_SPACES,
      maxInstances: env.SELF_SERVICE_ALLOCATION_MAX_INSTANCES,
    },
  };
}
