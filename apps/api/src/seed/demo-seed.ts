import { AllocationEntity, MembershipEntity, TenantEntity, UserEntity } from '@nprod/database';
import { PlatformRole, TenantKind, TenantRole, TenantStatus, registryNumberWithCheckDigit } from '@nprod/domain';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';

export const DEMO_OPERATOR_EMAIL = 'operator@nprod.local';
export const DEMO_AGENCY_ADMIN_EMAIL = 'admin@agency.nprod.local';
export const DEMO_AGENCY_SLUG = 'almaty-region';

/**
 * Demo data for the quick start: an operator, a regional agency with its admin and an
 * allocation. Idempotent: existing rows are left as they are (passwords included).
 */
export async function seedDemoData(db: DataSource, password: string): Promise<{ created: boolean }> {
  return db.transaction(async (manager) => {
    if (await manager.getRepository(UserEntity).existsBy({ email: DEMO_OPERATOR_EMAIL })) return { created: false };
    const passwordHash = await hashPassword(password);
    await manager.getRepository(UserEntity).insert({ email: DEMO_OPERATOR_EMAIL, displayName: 'Platform Operator', passwordHash, platformRole: PlatformRole.Operator });
    const agency = await manager.getRepository(TenantEntity).save(
      manager.getRepository(TenantEntity).create({
        name: 'Almaty Region Digital Agency',
        slug: DEMO_AGENCY_SLUG,
        kind: TenantKind.Agency,
        status: TenantStatus.Active,
        registryNumber: registryNumberWithCheckDigit('10054000123'),
        region: 'almaty',
      }),
    );
    await manager.getRepository(AllocationEntity).insert({ tenantId: agency.id, region: 'almaty', cpuMillicores: 64_000, memoryMiB: 131_072, storageGiB: 2_000, maxSpaces: 50, maxInstances: 100 });
    const admin = await manager.getRepository(UserEntity).save(
      manager.getRepository(UserEntity).create({ email: DEMO_AGENCY_ADMIN_EMAIL, displayName: 'Agency Administrator', passwordHash, platformRole: null }),
    );
    await manager.getRepository(MembershipEntity).insert({ userId: admin.id, tenantId: agency.id, role: TenantRole.Admin });
    return { created: true };
  });
}
