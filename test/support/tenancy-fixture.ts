import { randomBytes } from 'node:crypto';
import { AllocationEntity, MembershipEntity, TenantEntity, UserEntity } from '@nprod/database';
import { PlatformRole, TenantKind, TenantRole, TenantStatus } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from './api-harness';
import type { GraphqlClient } from './graphql-client';

/** Every kind of caller the access tests run as. */
export type Persona = 'operator' | 'auditor' | 'owner' | 'admin' | 'member' | 'viewer' | 'anonymous';
export const PERSONAS: readonly Persona[] = ['operator', 'auditor', 'owner', 'admin', 'member', 'viewer', 'anonymous'];

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

/**
 * A small tenant tree, inserted straight into the database:
 *
 *   agency (demo agency, ADMIN: admin@agency.nprod.local = `agencyAdmin`)
 *   ├── own      (OWNER, ADMIN, MEMBER, VIEWER personas, one user each)
 *   └── sibling  (its own OWNER)
 *   other        (a BUSINESS outside the tree, its own OWNER)
 *
 * Personas of the `own` tenant are its members; `operator` and `auditor` hold platform roles.
 */
export interface Tenancy {
  agency: TenantRef;
  own: TenantRef;
  sibling: TenantRef;
  other: TenantRef;
  /** User ids by persona, plus the owners of the sibling and the other tenant and the agency admin. */
  userIds: Record<Exclude<Persona, 'anonymous'> | 'siblingOwner' | 'otherOwner' | 'agencyAdmin', string>;
  emails: Record<Exclude<Persona, 'anonymous'> | 'siblingOwner' | 'otherOwner' | 'agencyAdmin', string>;
  /** A signed-in client per persona (anonymous has no token). */
  clients: Record<Persona, GraphqlClient>;
}

const allocation = { region: 'almaty', cpuMillicores: 64_000, memoryMiB: 131_072, storageGiB: 1_000, maxSpaces: 40, maxInstances: 40 };

export async function createTenancy(db: DataSource, newClient: () => GraphqlClient, prefix = randomBytes(3).toString('hex')): Promise<Tenancy> {
  const passwordHash = await hashPassword(TEST_PASSWORD);
  const tenants = db.getRepository(TenantEntity);
  const agencyEntity = await tenants.findOneByOrFail({ slug: DEMO_AGENCY_SLUG });
  const tenant = async (slug: string, kind: TenantKind, parentId: string | null): Promise<TenantRef> => {
    const saved = await tenants.save(tenants.create({ name: `Tenant ${slug}`, slug, kind, parentId, region: 'almaty', status: TenantStatus.Active }));
    await db.getRepository(AllocationEntity).insert({ tenantId: saved.id, ...allocation });
    return { id: saved.id, slug: saved.slug, name: saved.name };
  };
  const own = await tenant(`own-${prefix}`, TenantKind.Municipality, agencyEntity.id);
  const sibling = await tenant(`sibling-${prefix}`, TenantKind.Municipality, agencyEntity.id);
  const other = await tenant(`other-${prefix}`, TenantKind.Business, null);

  const user = async (name: string, platformRole: PlatformRole | null = null) => {
    const email = `${name}-${prefix}@test.nprod.local`;
    const saved = await db.getRepository(UserEntity).save(db.getRepository(UserEntity).create({ email, displayName: `${name} ${prefix}`, passwordHash, platformRole }));
    return { id: saved.id, email };
  };
  const member = async (name: string, tenantId: string, role: TenantRole) => {
    const created = await user(name);
    await db.getRepository(MembershipEntity).insert({ userId: created.id, tenantId, role });
    return created;
  };
  const operatorEntity = await db.getRepository(UserEntity).findOneByOrFail({ email: DEMO_OPERATOR_EMAIL });
  const agencyAdminEntity = await db.getRepository(UserEntity).findOneByOrFail({ email: DEMO_AGENCY_ADMIN_EMAIL });
  const people = {
    operator: { id: operatorEntity.id, email: operatorEntity.email },
    auditor: await user('auditor', PlatformRole.Auditor),
    owner: await member('owner', own.id, TenantRole.Owner),
    admin: await member('admin', own.id, TenantRole.Admin),
    member: await member('member', own.id, TenantRole.Member),
    viewer: await member('viewer', own.id, TenantRole.Viewer),
    siblingOwner: await member('sibling-owner', sibling.id, TenantRole.Owner),
    otherOwner: await member('other-owner', other.id, TenantRole.Owner),
    agencyAdmin: { id: agencyAdminEntity.id, email: agencyAdminEntity.email },
  };
  const clients = {} as Record<Persona, GraphqlClient>;
  for (const persona of PERSONAS) {
    clients[persona] = newClient();
    if (persona !== 'anonymous') await clients[persona].login(people[persona].email, TEST_PASSWORD);
  }
  return {
    agency: { id: agencyEntity.id, slug: agencyEntity.slug, name: agencyEntity.name },
    own,
    sibling,
    other,
    userIds: Object.fromEntries(Object.entries(people).map(([key, value]) => [key, value.id])) as Tenancy['userIds'],
    emails: Object.fromEntries(Object.entries(people).map(([key, value]) => [key, value.email])) as Tenancy['emails'],
    clients,
  };
}
