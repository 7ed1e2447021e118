import type { SsoConfig } from '@nprod/config';
import { describe, expect, it } from 'vitest';
import { SsoFailureReason, mapSsoClaims, readClaim } from './sso-claims';

const sso: SsoConfig = {
  issuerUrl: 'https://idp.example',
  clientId: 'nprod',
  clientSecret: null,
  redirectUrl: 'https://nprod.example/auth/oidc/callback',
  scopes: 'openid email profile',
  claims: { email: 'email', name: 'name', tenant: 'tenant', roles: 'realm_access.roles' },
  roleMap: { 'nprod-operators': 'OPERATOR', auditors: 'AUDITOR', 'agency-admins': 'ADMIN', staff: 'MEMBER' },
};

describe('mapSsoClaims', () => {
  it('maps e-mail, name, tenant and the highest mapped roles', () => {
    const result = mapSsoClaims({ sub: 's1', email: ' A@B.kz ', name: 'Aigerim', tenant: 'almaty-region', realm_access: { roles: ['staff', 'agency-admins', 'auditors', 'other'] } }, sso);
    expect(result).toEqual({ ok: true, identity: { subject: 's1', email: 'a@b.kz', displayName: 'Aigerim', tenantRef: 'almaty-region', platformRole: 'AUDITOR', tenantRole: 'ADMIN' } });
  });

  it('gives VIEWER in a named tenant without a mapped tenant role, and no platform role when the roles claim is empty', () => {
    const result = mapSsoClaims({ sub: 's1', email: 'a@b.kz', tenant: 100540001234 }, sso);
    expect(result).toMatchObject({ ok: true, identity: { tenantRef: '100540001234', tenantRole: 'VIEWER', platformRole: null, displayName: 'a@b.kz' } });
  });

  it('leaves the platform role alone when no roles claim is configured', () => {
    const result = mapSsoClaims({ sub: 's1', email: 'a@b.kz' }, { ...sso, claims: { ...sso.claims, roles: null, tenant: null } });
    expect(result).toMatchObject({ ok: true, identity: { platformRole: undefined, tenantRef: null, tenantRole: null } });
  });

  it('refuses a missing or unverified e-mail with a reason', () => {
    expect(mapSsoClaims({ sub: 's1' }, sso)).toMatchObject({ ok: false, reason: SsoFailureReason.MissingEmail });
    expect(mapSsoClaims({ sub: 's1', email: 'not-an-email' }, sso)).toMatchObject({ ok: false, reason: SsoFailureReason.MissingEmail });
    expect(mapSsoClaims({ sub: 's1', email: 'a@b.kz', email_verified: false }, sso)).toMatchObject({ ok: false, reason: SsoFailureReason.EmailNotVerified });
  });

  it('reads literal claim names before dotted paths', () => {
    expect(readClaim({ 'https://nprod/roles': ['x'] }, 'https://nprod/roles')).toEqual(['x']);
    expect(readClaim({ a: { b: 'c' } }, 'a.b')).toBe('c');
    expect(readClaim({ a: 'x' }, 'a.b')).toBeUndefined();
  });
});
