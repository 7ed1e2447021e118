import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { AllocationEntity, MembershipEntity, SignUpDecision, SignUpEntity, TenantEntity, UserEntity } from '@nprod/database';
import { TenantKind, TenantRole, TenantStatus, describeEnumValue, slugify, validateRegistryNumber } from '@nprod/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import type { AuthUser } from '../auth/auth-user';
import { AuthService, type LoginSource } from '../auth/auth.service';
import type { AuthPayloadModel } from '../auth/models/auth-payload.model';
import { hashPassword } from '../auth/password-hasher';
import { AppException } from '../common/app-exception';
import { isUuid } from '../common/sql-filters';
import { uniqueViolation } from '../common/unique-violation';
import { RegionsService } from '../clusters/regions.service';
import { checkNewPassword, normaliseEmail } from '../mail/email-address';
import { TenantModel } from '../tenants/models/tenant.model';
import { TenantsService } from '../tenants/tenants.service';
import type { RejectSignUpArgs } from './dto/reject-sign-up.args';
import type { SignUpArgs } from './dto/sign-up.args';
import type { VerifyTenantArgs } from './dto/verify-tenant.args';
import { SignUpModel } from './models/sign-up.model';

const SELF_SERVICE_KINDS: readonly TenantKind[] = [TenantKind.Business, TenantKind.Individual];
const ALLOCATION_FIELDS = ['cpuMillicores', 'memoryMiB', 'storageGiB', 'maxSpaces', 'maxInstances'] as const;
const EMAIL_TAKEN = 'An account with this e-mail already exists; sign in instead, or use another address.';
const REGISTRY_TAKEN = 'This registry number is already registered; if it is yours, sign in, or contact the platform operator.';

/**
 * Self-service sign-up of private customers (PENDING until an operator verifies them) and
 * the operator's decision: verify with a small allocation, or reject with a reason.
 */
@Injectable()
export class SignUpService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(TenantsService) private readonly tenants: TenantsService,
    @Inject(RegionsService) private readonly platformRegions: RegionsService,
  ) {}

  /** Creates a PENDING tenant with its OWNER and signs the owner in: they can read at once, and order once verified. */
  async signUp(args: SignUpArgs, source: LoginSource): Promise<AuthPayloadModel> {
    // Throttled per address like login, before any lookup or hashing.
    this.auth.throttle(source, 'sign-up attempts');
    const input = this.validate(args);
    const regions = await this.regions();
    if (!regions.includes(input.region)) throw AppException.badInput('region', `region must be one of ${regions.join(', ')}, got "${args.region}".`);
    const passwordHash = await hashPassword(args.password);
    const user = await this.db.transaction(async (manager) => {
      const users = manager.getRepository(UserEntity);
      if (await users.existsBy({ email: input.email })) throw AppException.conflict(EMAIL_TAKEN, { field: 'email' });
      const registryTaken =
        (await manager.getRepository(TenantEntity).existsBy({ registryNumber: input.registryNumber })) ||
        (input.kind === TenantKind.Individual && (await users.existsBy({ registryNumber: input.registryNumber })));
      if (registryTaken) throw AppException.conflict(REGISTRY_TAKEN, { field: 'registryNumber' });
      try {
        const tenant = await manager.getRepository(TenantEntity).save(
          manager.getRepository(TenantEntity).create({ name: input.name, slug: uniqueSlug(input.name), kind: input.kind, status: TenantStatus.Pending, registryNumber: input.registryNumber, region: input.region, parentId: null }),
        );
        const owner = await users.save(
          users.create({
            email: input.email,
            displayName: input.displayName,
            passwordHash,
            platformRole: null,
            // An individual's IIN is also their own second login name.
            registryNumber: input.kind === TenantKind.Individual ? input.registryNumber : null,
          }),
        );
        await manager.getRepository(MembershipEntity).insert({ userId: owner.id, tenantId: tenant.id, role: TenantRole.Owner });
        await manager.getRepository(SignUpEntity).insert({ tenantId: tenant.id, userId: owner.id });
        return owner;
      } catch (error) {
        const constraint = uniqueViolation(error);
        if (!constraint) throw error;
        // Lost a race with an identical sign-up; the pre-checks above explain the common case.
        if (constraint === this.indexOf(UserEntity, 'email')) throw AppException.conflict(EMAIL_TAKEN, { field: 'email' });
        throw AppException.conflict(REGISTRY_TAKEN, { field: 'registryNumber' });
      }
    });
    return this.auth.startSession(user);
  }

  /** Home regions a customer may choose: only those where a cluster takes new spaces (not cordoned). */
  regions(): Promise<string[]> {
    return this.platformRegions.regions({ takingNewSpaces: true });
  }

  /** Operators: PENDING -> ACTIVE with an allocation in the home region (the self-service defaults unless given). */
  async verify(user: AuthUser, args: VerifyTenantArgs): Promise<TenantModel> {
    this.access.assertOperator(user, 'verify sign-ups');
    const defaults = this.config.selfServiceAllocation;
    const allocation = Object.fromEntries(
      ALLOCATION_FIELDS.map((field) => {
        const value = args[field] ?? defaults[field];
        if (!Number.isSafeInteger(value) || value < 0) throw AppException.badInput(field, `${field} must be zero or a positive whole number, got ${value}.`);
        return [field, value];
      }),
    ) as Record<(typeof ALLOCATION_FIELDS)[number], number>;
    await this.db.transaction(async (manager) => {
      const tenant = await this.pendingTenant(manager, args.id, 'verified');
      await manager.getRepository(TenantEntity).update({ id: tenant.id }, { status: TenantStatus.Active, statusReason: null });
      await manager.getRepository(AllocationEntity).upsert({ tenantId: tenant.id, region: tenant.region, ...allocation }, ['tenantId', 'region']);
      await manager.getRepository(SignUpEntity).update({ tenantId: tenant.id }, { decision: SignUpDecision.Verified, reason: null, decidedById: user.id, decidedAt: new Date() });
    });
    return this.tenants.get(user, args.id);
  }

  /** Operators: PENDING -> SUSPENDED with a reason the customer sees; the owner can still sign in and read why. */
  async reject(user: AuthUser, args: RejectSignUpArgs): Promise<TenantModel> {
    this.access.assertOperator(user, 'reject sign-ups');
    const reason = args.reason.trim();
    if (reason.length < 3 || reason.length > 1000) throw AppException.badInput('reason', 'reason must say why, in 3 to 1000 characters; the customer sees it.');
    await this.db.transaction(async (manager) => {
      const tenant = await this.pendingTenant(manager, args.id, 'rejected');
      // The tenant's status reason is what refused orders show; the sign-up keeps the decision itself.
      await manager.getRepository(TenantEntity).update({ id: tenant.id }, { status: TenantStatus.Suspended, statusReason: `Sign-up rejected: ${reason}` });
      const decided = { decision: SignUpDecision.Rejected, reason, decidedById: user.id, decidedAt: new Date() };
      const updated = await manager.getRepository(SignUpEntity).update({ tenantId: tenant.id }, decided);
      if (!updated.affected) await manager.getRepository(SignUpEntity).insert({ tenantId: tenant.id, userId: null, ...decided });
    });
    return this.tenants.get(user, args.id);
  }

  /** The sign-up behind a tenant, for its members and operators: pending, verified, or rejected and why. */
  async status(user: AuthUser, tenantId: string): Promise<SignUpModel> {
    if (!isUuid(tenantId)) throw AppException.notFound('Sign-up of tenant', tenantId);
    await this.access.assertCanRead(user, tenantId);
    const signUp = await this.db.getRepository(SignUpEntity).findOneBy({ tenantId });
    if (!signUp) throw AppException.notFound('Sign-up of tenant', tenantId);
    return SignUpModel.from(signUp);
  }

  /** Locks the row so a concurrent verify and reject cannot both win. */
  private async pendingTenant(manager: EntityManager, id: string, verb: string): Promise<TenantEntity> {
    if (!isUuid(id)) throw AppException.notFound('Tenant', id);
    const tenant = await manager.getRepository(TenantEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!tenant) throw AppException.notFound('Tenant', id);
    if (tenant.status !== TenantStatus.Pending) {
      throw AppException.conflict(`${tenant.name} is ${describeEnumValue(tenant.status)}, not pending; only pending sign-ups can be ${verb}.`, { field: 'id' });
    }
    return tenant;
  }

  private validate(args: SignUpArgs) {
    if (!SELF_SERVICE_KINDS.includes(args.kind)) {
      throw AppException.badInput('kind', 'Only businesses (BUSINESS) and individuals (INDIVIDUAL) sign up themselves; public bodies are onboarded by the platform operator.');
    }
    const name = args.name.trim();
    if (name.length < 2 || name.length > 200) throw AppException.badInput('name', 'name must be 2 to 200 characters long.');
    const displayName = args.displayName.trim();
    if (displayName.length < 2 || displayName.length > 200) throw AppException.badInput('displayName', 'displayName must be 2 to 200 characters long.');
    const email = normaliseEmail(args.email);
    checkNewPassword(args.password);
    const registryNumber = args.registryNumber.trim();
    const check = validateRegistryNumber(args.kind, registryNumber);
    if (!check.ok) throw AppException.badInput('registryNumber', check.message);
    return { kind: args.kind, name, displayName, email, registryNumber, region: args.region.trim() };
  }

  private indexOf(entity: typeof UserEntity, property: string): string | undefined {
    return this.db.getMetadata(entity).indices.find((index) => index.columns.some((column) => column.propertyName === property))?.name;
  }
}

/** A readable slug from the name plus a random suffix: customers do not choose slugs, and names repeat. */
function uniqueSlug(name: string): string {
  const base = (slugify(name) || 'customer').slice(0, 24).replace(/-+$/, '');
  const suffix = [...randomBytes(5)].map((byte) => 'abcdefghijkmnpqrstuvwxyz23456789'[byte % 32]).join('');
  return `${base}-${suffix}`;
}
