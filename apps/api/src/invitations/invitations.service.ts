import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { AuditOutcome, InvitationEntity, MembershipEntity, TenantEntity, UserEntity } from '@nprod/database';
import { PlatformRole } from '@nprod/domain';
import { MailSender, consoleBaseUrl } from '@nprod/mail';
import { DataSource, IsNull, MoreThan, type SelectQueryBuilder } from 'typeorm';
import { AccessPolicy } from '../access/access-policy';
import { AuditService } from '../audit/audit.service';
import type { AuthUser } from '../auth/auth-user';
import { AuthService, type LoginSource } from '../auth/auth.service';
import type { AuthPayloadModel } from '../auth/models/auth-payload.model';
import { hashPassword, verifyPassword } from '../auth/password-hasher';
import { AppException, ErrorCode } from '../common/app-exception';
import { applyWindow, listWindow } from '../common/list.args';
import { escapeLike, isUuid } from '../common/sql-filters';
import { checkNewPassword, normaliseEmail } from '../mail/email-address';
import type { AcceptInvitationArgs } from './dto/accept-invitation.args';
import type { InvitationFilter, InvitationListArgs } from './dto/invitation-list.args';
import type { InviteUserArgs } from './dto/invite-user.args';
import { invitationMail, strongerRole } from './invitation-rules';
import { InvitationModel, InvitationStatus, invitationStatus } from './models/invitation.model';

const SORTABLE: Record<string, string> = { email: 'i.email', role: 'i.role', expiresAt: 'i.expiresAt', createdAt: 'i.createdAt', tenantId: 'i.tenantId', id: 'i.id' };
const STATUS_SQL: Record<InvitationStatus, string> = {
  [InvitationStatus.PENDING]: 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > now()',
  [InvitationStatus.ACCEPTED]: 'i.accepted_at IS NOT NULL',
  [InvitationStatus.REVOKED]: 'i.accepted_at IS NULL AND i.revoked_at IS NOT NULL',
  [InvitationStatus.EXPIRED]: 'i.accepted_at IS NULL AND i.revoked_at IS NULL AND i.expires_at <= now()',
};

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Request facts for audit records written outside the GraphQL interceptor. */
export interface RequestMeta {
  sourceAddress: string | null;
  requestId: string | null;
}

/**
 * Invitations by e-mail: operators invite a public body's first admin, owners and admins
 * invite people to their tenant (or subtree), never above their own role. The link's token
 * exists only in the e-mail; we keep its hash.
 */
@Injectable()
export class InvitationsService {
  private readonly logger = new Logger(InvitationsService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(AccessPolicy) private readonly access: AccessPolicy,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(MailSender) private readonly mail: MailSender,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser, args: InvitationListArgs): Promise<InvitationModel[]> {
    const window = listWindow(args, SORTABLE, 'createdAt');
    return (await applyWindow(await this.scopedQuery(user, args.filter), window).getMany()).map(InvitationModel.from);
  }

  async count(user: AuthUser, args: InvitationListArgs): Promise<number> {
    return (await this.scopedQuery(user, args.filter)).getCount();
  }

  async get(user: AuthUser, id: string): Promise<InvitationModel> {
    const invitation = isUuid(id) ? await (await this.scopedQuery(user, undefined)).andWhere('i.id = :id', { id }).getOne() : null;
    if (!invitation) throw AppException.notFound('Invitation', id);
    return InvitationModel.from(invitation);
  }

  async invite(user: AuthUser, args: InviteUserArgs, meta: RequestMeta): Promise<InvitationModel> {
    const email = normaliseEmail(args.email);
    if (!isUuid(args.tenantId)) throw AppException.notFound('Tenant', args.tenantId);
    await this.access.assertCanManage(user, args.tenantId, 'invite people to this tenant');
    await this.access.assertCanAssignRole(user, args.tenantId, args.role);
    // Operators pass assertCanManage for any id: a missing tenant is NOT_FOUND for them too, not an internal error.
    const tenant = await this.db.getRepository(TenantEntity).findOneBy({ id: args.tenantId });
    if (!tenant) throw AppException.notFound('Tenant', args.tenantId);
    const existing = await this.db
      .getRepository(MembershipEntity)
      .createQueryBuilder('m')
      .innerJoin(UserEntity, 'u', 'u.id = m.user_id')
      .where('m.tenant_id = :tenantId AND u.email = :email', { tenantId: tenant.id, email })
      .getExists();
    if (existing) throw AppException.conflict(`${email} is already a member of ${tenant.name}; change their role instead of inviting them.`, { field: 'email' });

    const token = randomBytes(32).toString('base64url');
    const invitation = await this.db.transaction(async (manager) => {
      const invitations = manager.getRepository(InvitationEntity);
      // A new invitation replaces a pending one to the same address: only the latest link works.
      await invitations.update({ tenantId: tenant.id, email, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
      return invitations.save(
        invitations.create({ tenantId: tenant.id, email, role: args.role, tokenHash: sha256(token), invitedById: user.id, expiresAt: new Date(Date.now() + this.config.invitations.ttlHours * 3_600_000) }),
      );
    });
    await this.sendInvitation(user, tenant, invitation, token, meta);
    return InvitationModel.from(invitation);
  }

  async revoke(user: AuthUser, id: string): Promise<InvitationModel> {
    const invitation = isUuid(id) ? await this.db.getRepository(InvitationEntity).findOneBy({ id }) : null;
    if (!invitation) throw AppException.notFound('Invitation', id);
    if (!(await this.canSeeInvitationsOf(user, invitation.tenantId))) throw AppException.notFound('Invitation', id);
    await this.access.assertCanManage(user, invitation.tenantId, 'revoke invitations of this tenant');
    const status = invitationStatus(invitation);
    if (status === InvitationStatus.ACCEPTED) throw AppException.conflict('This invitation was already accepted; remove the membership instead.', { field: 'id' });
    if (status === InvitationStatus.PENDING || status === InvitationStatus.EXPIRED) {
      await this.db.getRepository(InvitationEntity).update({ id, acceptedAt: IsNull(), revokedAt: IsNull() }, { revokedAt: new Date() });
    }
    return InvitationModel.from(await this.db.getRepository(InvitationEntity).findOneByOrFail({ id }));
  }

  /**
   * Public: a new account (display name and a new password), or an existing account with the
   * invited e-mail proven by its password, joins the tenant; the answer signs them in.
   */
  async accept(args: AcceptInvitationArgs, source: LoginSource): Promise<AuthPayloadModel> {
    // The token is a secret and a password may be hashed: throttled per address like login, first.
    this.auth.throttle(source, 'attempts to accept an invitation');
    const invitation = args.token ? await this.db.getRepository(InvitationEntity).findOneBy({ tokenHash: sha256(args.token) }) : null;
    if (!invitation) throw AppException.badInput('token', 'This invitation link is not valid; check that you opened the whole link, or ask for a new invitation.');
    this.assertAcceptable(invitation);
    const users = this.db.getRepository(UserEntity);
    const existing = await users.findOneBy({ email: invitation.email });
    let newAccount: { displayName: string; passwordHash: string } | null = null;
    if (existing) {
      if (!existing.passwordHash) {
        throw AppException.forbidden(`The account ${invitation.email} signs in through single sign-on; sign in that way and ask an admin of the tenant to add you.`);
      }
      if (!(await verifyPassword(existing.passwordHash, args.password))) {
        throw AppException.unauthenticated(`An account with ${invitation.email} already exists: enter its password to accept the invitation.`);
      }
    } else {
      const displayName = args.displayName?.trim() ?? '';
      if (displayName.length < 2 || displayName.length > 200) throw AppException.badInput('displayName', 'displayName must be 2 to 200 characters long.');
      checkNewPassword(args.password);
      newAccount = { displayName, passwordHash: await hashPassword(args.password) };
    }
    const user = await this.db.transaction(async (manager) => {
      const account =
        existing ?? (await manager.getRepository(UserEntity).save(manager.getRepository(UserEntity).create({ email: invitation.email, ...newAccount!, platformRole: null })));
      // One acceptance wins; a second use or a just-revoked link changes nothing and rolls the account back.
      const claimed = await manager
        .getRepository(InvitationEntity)
        .update({ id: invitation.id, acceptedAt: IsNull(), revokedAt: IsNull(), expiresAt: MoreThan(new Date()) }, { acceptedAt: new Date(), acceptedUserId: account.id });
      if (claimed.affected !== 1) this.assertAcceptable((await manager.getRepository(InvitationEntity).findOneByOrFail({ id: invitation.id })), true);
      const memberships = manager.getRepository(MembershipEntity);
      const membership = await memberships.findOneBy({ userId: account.id, tenantId: invitation.tenantId });
      if (!membership) await memberships.insert({ userId: account.id, tenantId: invitation.tenantId, role: invitation.role });
      else if (strongerRole(invitation.role, membership.role) !== membership.role) await memberships.update({ id: membership.id }, { role: invitation.role });
      return account;
    });
    return this.auth.startSession(user);
  }

  private assertAcceptable(invitation: InvitationEntity, lostRace = false): void {
    const status = invitationStatus(invitation);
    if (status === InvitationStatus.ACCEPTED) throw AppException.conflict('This invitation was already accepted; sign in with the invited e-mail and your password.', { field: 'token' });
    if (status === InvitationStatus.REVOKED) throw AppException.badInput('token', 'This invitation was withdrawn, or replaced by a newer one; use the latest e-mail or ask for a new invitation.');
    if (status === InvitationStatus.EXPIRED) {
      throw AppException.badInput('token', `This invitation expired on ${invitation.expiresAt.toISOString().slice(0, 16).replace('T', ' ')} UTC; ask the person who invited you to send a new one.`);
    }
    if (lostRace) throw AppException.conflict('This invitation was just used; sign in instead.', { field: 'token' });
  }

  private async sendInvitation(user: AuthUser, tenant: TenantEntity, invitation: InvitationEntity, token: string, meta: RequestMeta): Promise<void> {
    const base = consoleBaseUrl(this.config);
    const inviter = await this.db.getRepository(UserEntity).findOneBy({ id: user.id });
    const message = invitationMail({
      tenantName: tenant.name,
      inviterName: user.platformRole === PlatformRole.Operator ? 'The NPROD platform operator' : (inviter?.displayName ?? user.email),
      role: invitation.role,
      link: `${base}/#/invitations/accept?token=${encodeURIComponent(token)}`,
      expiresAt: invitation.expiresAt,
    });
    const record = { action: 'sendInvitationEmail', actorId: user.id, actorLabel: user.email, tenantId: tenant.id, targetType: 'Invitation', targetId: invitation.id, ...meta };
    try {
      await this.mail.send({ to: invitation.email, ...message });
    } catch (error) {
      this.logger.error({ msg: 'invitation e-mail not sent', invitationId: invitation.id, error: String(error) });
      await this.db.getRepository(InvitationEntity).update({ id: invitation.id }, { revokedAt: new Date() });
      await this.audit.record({ ...record, outcome: AuditOutcome.Failure, details: { to: invitation.email, error: String(error) } });
      throw new AppException(ErrorCode.Internal, 'The invitation e-mail could not be sent (the mail server did not accept it), so the invitation was withdrawn; try again later.');
    }
    await this.audit.record({ ...record, outcome: AuditOutcome.Success, details: { to: invitation.email, role: invitation.role, expiresAt: invitation.expiresAt.toISOString() } });
  }

  /** Invitations show e-mails of people not yet in the tenant: platform staff and the tenant's managers see them, members do not. */
  private async canSeeInvitationsOf(user: AuthUser, tenantId: string): Promise<boolean> {
    const scope = await this.invitationScope(user);
    return scope === 'all' || scope.includes(tenantId);
  }

  private async invitationScope(user: AuthUser) {
    return user.platformRole ? ('all' as const) : this.access.manageableTenants(user);
  }

  private async scopedQuery(user: AuthUser, filter: InvitationFilter | undefined): Promise<SelectQueryBuilder<InvitationEntity>> {
    const query = this.db.getRepository(InvitationEntity).createQueryBuilder('i');
    const scope = await this.invitationScope(user);
    if (scope !== 'all') query.andWhere('i.tenant_id = ANY(:scope::uuid[])', { scope });
    if (filter?.ids) query.andWhere('i.id = ANY(:ids::uuid[])', { ids: filter.ids.filter(isUuid) });
    if (filter?.tenantId) query.andWhere('i.tenant_id = :tenantId', { tenantId: isUuid(filter.tenantId) ? filter.tenantId : null });
    if (filter?.role) query.andWhere('i.role = :role', { role: filter.role });
    if (filter?.status) query.andWhere(STATUS_SQL[filter.status]);
    if (filter?.q?.trim()) query.andWhere('i.email ILIKE :q', { q: `%${escapeLike(filter.q.trim())}%` });
    return query;
  }
}
