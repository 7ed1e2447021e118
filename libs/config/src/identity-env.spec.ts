import { describe, expect, it } from 'vitest';
import { parseConfig } from './app-config';

const valid = { DATABASE_URL: 'postgres://u:p@localhost:5432/nprod', JWT_SECRET: 'x'.repeat(32) };
const sso = { OIDC_ISSUER_URL: 'https://idp.example/realms/nprod', OIDC_CLIENT_ID: 'nprod', OIDC_REDIRECT_URL: 'https://nprod.example/auth/oidc/callback' };

describe('identity configuration', () => {
  it('turns single sign-on off without an issuer and applies the defaults', () => {
    const config = parseConfig(valid);
    expect(config.sso).toBeNull();
    expect(config.publicUrl).toBeNull();
    expect(config.mail).toEqual({ smtpUrl: null, from: 'NPROD <no-reply@nprod.local>' });
    expect(config.invitations.ttlHours).toBe(72);
    expect(config.selfServiceAllocation).toEqual({ cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20, maxSpaces: 2, maxInstances: 5 });
  });

  it('maps the OIDC variables, with default scopes and claims', () => {
    const config = parseConfig({ ...valid, ...sso, OIDC_CLAIM_ROLES: 'realm_access.roles', OIDC_ROLE_MAP: '{"ops":"OPERATOR","admins":"ADMIN"}', PUBLIC_URL: 'https://nprod.example/' });
    expect(config.sso).toEqual({
      issuerUrl: sso.OIDC_ISSUER_URL,
      clientId: 'nprod',
      clientSecret: null,
      redirectUrl: sso.OIDC_REDIRECT_URL,
      scopes: 'openid email profile',
      claims: { email: 'email', name: 'name', tenant: null, roles: 'realm_access.roles' },
      roleMap: { ops: 'OPERATOR', admins: 'ADMIN' },
    });
    expect(config.publicUrl).toBe('https://nprod.example');
  });

  it('names each wrong identity variable', () => {
    expect(() => parseConfig({ ...valid, OIDC_ISSUER_URL: sso.OIDC_ISSUER_URL })).toThrow(/OIDC_CLIENT_ID is required when OIDC_ISSUER_URL is set[\s\S]*OIDC_REDIRECT_URL is required/);
    expect(() => parseConfig({ ...valid, OIDC_CLIENT_ID: 'nprod' })).toThrow(/OIDC_CLIENT_ID is set but OIDC_ISSUER_URL is not/);
    expect(() => parseConfig({ ...valid, ...sso, OIDC_ISSUER_URL: 'http://idp.example' })).toThrow(/OIDC_ISSUER_URL must use https:\/\//);
    expect(parseConfig({ ...valid, ...sso, OIDC_ISSUER_URL: 'http://127.0.0.1:8080' }).sso?.issuerUrl).toBe('http://127.0.0.1:8080');
    expect(() => parseConfig({ ...valid, ...sso, OIDC_CLAIM_ROLES: 'groups', OIDC_ROLE_MAP: 'ops=OPERATOR' })).toThrow(/OIDC_ROLE_MAP must be a JSON object/);
    expect(() => parseConfig({ ...valid, ...sso, OIDC_CLAIM_ROLES: 'groups', OIDC_ROLE_MAP: '{"ops":"ROOT"}' })).toThrow(/OIDC_ROLE_MAP maps "ops" to "ROOT"; roles must be one of OPERATOR/);
    expect(() => parseConfig({ ...valid, ...sso, OIDC_ROLE_MAP: '{"ops":"OPERATOR"}' })).toThrow(/OIDC_CLAIM_ROLES is required when OIDC_ROLE_MAP is set/);
    expect(() => parseConfig({ ...valid, ...sso, OIDC_SCOPES: 'email profile' })).toThrow(/OIDC_SCOPES must include "openid"/);
    expect(() => parseConfig({ ...valid, ...sso, OIDC_REDIRECT_URL: 'https://nprod.example/callback' })).toThrow(/OIDC_REDIRECT_URL must point at our callback path/);
    expect(() => parseConfig({ ...valid, SMTP_URL: 'mail.example:25' })).toThrow(/SMTP_URL expected a URL starting with smtp:\/\//);
    expect(() => parseConfig({ ...valid, INVITATION_TTL_HOURS: '0' })).toThrow(/INVITATION_TTL_HOURS/);
  });
});
