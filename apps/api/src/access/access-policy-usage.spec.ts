import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * "One place decides, every resolver asks it; no resolver filters by tenant on its own",
 * checked on the source: a new resolver or service that skips the AccessPolicy fails here
 * with the file to fix. Exceptions are listed with the reason they are safe.
 */
const API_SRC = join(__dirname, '..');

/** Services that take the caller but need no tenant scope, and why. */
const SERVICES_WITHOUT_POLICY: Record<string, string> = {
  'auth/auth.service.ts': "reads and signs in the caller's own account only",
  'auth/totp.service.ts': "the caller's own second factor only",
  'audit/audit.service.ts': 'writes audit events; reading them goes through AuditQueryService',
  'sso/sso.service.ts': 'signs in through an identity provider; no tenant data is read for a caller',
};

/** Resolvers that read the database themselves, and why that needs no tenant scope. */
const RESOLVERS_WITH_QUERIES: Record<string, string> = {
  'platform/platform.resolver.ts': 'public platform facts (is there a sandbox cluster), no tenant data',
};

/** Files that may look at `user.memberships` themselves: the policy, and the code that builds the caller. */
const MEMBERSHIP_READERS = new Set(['access/access-policy.ts', 'auth/auth.service.ts', 'auth/auth.guard.ts']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') ? [path] : [];
  });
}

const files = sourceFiles(API_SRC).map((path) => ({ name: relative(API_SRC, path).split('\\').join('/'), text: readFileSync(path, 'utf8') }));
const takesCaller = (text: string) => /\(\s*(user|caller|actor)\s*:\s*AuthUser\b/.test(text);

describe('every resolver and service goes through the access policy', () => {
  it('finds the resolvers and services to check', () => {
    expect(files.filter((file) => file.name.endsWith('.resolver.ts')).length).toBeGreaterThan(5);
    expect(files.filter((file) => file.name.endsWith('.service.ts')).length).toBeGreaterThan(5);
  });

  it('resolvers never query the database: they call a service, which asks the policy', () => {
    const offenders = files
      .filter((file) => file.name.endsWith('.resolver.ts') && !(file.name in RESOLVERS_WITH_QUERIES))
      .filter((file) => /InjectDataSource|getRepository\(|createQueryBuilder\(|\.query\(|tenant_id|tenantId\s*[=:]\s*In\(/.test(file.text))
      .map((file) => file.name);
    expect(offenders, 'move these queries into the feature service and scope them with AccessPolicy').toEqual([]);
  });

  it('services that act for a caller inject AccessPolicy (or are listed with the reason they need no tenant scope)', () => {
    const offenders = files
      .filter((file) => file.name.endsWith('.service.ts') && takesCaller(file.text))
      .filter((file) => !/\bAccessPolicy\b/.test(file.text) && !(file.name in SERVICES_WITHOUT_POLICY))
      .map((file) => file.name);
    expect(offenders, 'inject AccessPolicy and ask it (readableTenants, assertCanRead, assertCanManage, …) instead of filtering by tenant yourself').toEqual([]);
  });

  it("nobody but the policy decides from the caller's memberships", () => {
    const offenders = files
      .filter((file) => !MEMBERSHIP_READERS.has(file.name))
      .filter((file) => /\b(user|caller|actor)\.memberships\b/.test(file.text))
      .map((file) => file.name);
    expect(offenders, "ask AccessPolicy instead of reading the caller's memberships").toEqual([]);
  });

  it('keeps the exception list honest: every listed file exists and still skips the policy', () => {
    for (const name of Object.keys(SERVICES_WITHOUT_POLICY)) {
      const file = files.find((candidate) => candidate.name === name);
      if (!file) continue; // a feature not written yet
      expect(/\bAccessPolicy\b/.test(file.text), `${name} uses AccessPolicy now: remove it from SERVICES_WITHOUT_POLICY`).toBe(false);
    }
  });
});
