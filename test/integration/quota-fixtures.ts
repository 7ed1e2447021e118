import { AllocationEntity, MembershipEntity, TenantEntity, UserEntity } from '@nprod/database';
import { TenantKind, TenantRole, TenantStatus } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../../apps/api/src/auth/password-hasher';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import type { GraphqlClient } from '../support/graphql-client';

/** Rows for the quota suites, inserted directly so each test states only what it needs. */
export class QuotaFixtures {
  private passwordHash?: string;
  private sequence = 0;

  constructor(
    private readonly db: DataSource,
    private readonly api: ApiHarness,
  ) {}

  async tenant(options: { kind?: TenantKind; parentId?: string | null; region?: string; allocation?: Partial<AllocationEntity> | null } = {}): Promise<TenantEntity> {
    const slug = `q-${process.pid}-${++this.sequence}`;
    const tenant = await this.db.getRepository(TenantEntity).save(
      this.db.getRepository(TenantEntity).create({
        name: `Tenant ${slug}`,
        slug,
        kind: options.kind ?? (options.parentId ? TenantKind.Municipality : TenantKind.Agency),
        status: TenantStatus.Active,
        region: options.region ?? 'almaty',
        parentId: options.parentId ?? null,
      }),
    );
    if (options.allocation !== null) {
      await this.db.getRepository(AllocationEntity).insert({
        tenantId: tenant.id,
        region: tenant.region,
        cpuMillicores: 0,
        memoryMiB: 0,
        storageGiB: 0,
        maxSpaces: 0,
        maxInstances: 0,
        ...options.allocation,
      });
    }
    return tenant;
  }

  /** A signed-in user with `role` in `tenantId`. */
  async member(tenantId: string, role: TenantRole): Promise<GraphqlClient> {
    this.passwordHash ??= await hashPassword(TEST_PASSWORD);
    const email = `user-${process.pid}-${++this.sequence}@quota.test`;
    const user = await this.db.getRepository(UserEntity).save(this.db.getRepository(UserEntity).create({ email, displayName: email, passwordHash: this.passwordHash, platformRole: null }));
    await this.db.getRepository(MembershipEntity).insert({ userId: user.id, tenantId, role });
    const client = this.api.client();
    await client.login(email, TEST_PASSWORD);
    return client;
  }

  allocation(tenantId: string, region = 'almaty'): Promise<AllocationEntity> {
    return this.db.getRepository(AllocationEntity).findOneByOrFail({ tenantId, region });
  }
}

export const SET_ALLOCATION = `mutation($tenantId: ID!, $region: String!, $cpu: Int!, $mem: Int!, $sto: Int!, $spaces: Int!, $instances: Int!) {
  setAllocation(tenantId: $tenantId, region: $region, cpuMillicores: $cpu, memoryMiB: $mem, storageGiB: $sto, maxSpaces: $spaces, maxInstances: $instances) {
    id tenantId region cpuMillicores memoryMiB storageGiB maxSpaces maxInstances usedCpuMillicores parentAllocationId
    allocatedToChildrenCpuMillicores allocatedToChildrenMemoryMiB allocatedToChildrenStorageGiB allocatedToChildrenSpaces allocatedToChildrenInstances
  }
}`;

export const limits = (tenantId: string, extra: Record<string, unknown> = {}) => ({ tenantId, region: 'almaty', cpu: 4000, mem: 8192, sto: 40, spaces: 4, instances: 4, ...extra });
