import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { AuditOutcome, MembershipEntity, SsoExchangeCodeEntity, SsoLoginStateEntity, TenantEntity, UserEntity, UserIdentityEntity } from '@nprod/database';
import { PlatformRole } from '@nprod/domain';
import { DataSource, IsNull, LessThan, MoreThan, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthService, type LoginSource } from '../auth/auth.service';
import type { AuthPayloadModel } from '../auth/models/auth-payload.model';
import { AppException } from '../common/app-exception';
import { OidcProviderGateway } from './oidc-provider.gateway';
import { SsoFailureReason, mapSsoClaims, type SsoIdentity } from './sso-claims';

/** Minutes a browser has to come back from the identity provider. */
const LOGIN_STATE_TTL_MS = 10 * 60_000;
/** The console exchanges the code right after the redirect; a minute is plenty. */
const EXCHANGE_CODE_TTL_MS = 60_000;
export const SSO_COOKIE = 'nprod_sso';
const REGISTRY_NUMBER = /^\d{12}$/;
/** Console routes only: a path with no scheme or host, so returnTo cannot send anyone elsewhere. */
const SAFE_RETURN_TO = /^\/(?![/\\])[A-Za-z0-9\-._~/?=&%]*$/;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Where the request came from, for the audit trail. */
export interface RequestMeta {
  sourceAddress: string;
  requestId: string;
}

/** What the HTTP layer does next: a redirect, and the browser-binding cookie to set or clear. */
export interface SsoRedirect {
  location: string;
  cookie: { value: string; maxAgeSeconds: number } | null;
}

class SsoFailure extends Error {
  constructor(
    readonly reason: SsoFailureReason,
    message: string,
    readonly actorLabel = 'anonymous',
  ) {
    super(message);
  }
}

/**
 * Single sign-on with an OpenID Provider: start (redirect with PKCE, state, nonce), callback
 * (verify, map claims to user, tenant and roles, hand the console a one-time code), and the
 * exchange of that code for our own tokens. Every outcome of a callback is audited.
 */
@Injectable()
export class SsoService {
  private readonly logger = new Logger(SsoService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(OidcProviderGateway) private readonly provider: OidcProviderGateway,
    @Inject(AuthService) private readonly auth: AuthService,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  get enabled(): boolean {
    return this.config.sso !== null;
  }

  async begin(returnTo: string | undefined, meta: RequestMeta): Promise<SsoRedirect> {
    try {
      if (!this.enabled) throw new SsoFailure(SsoFailureReason.Disabled, 'Single sign-on is not configured on this platform.');
      const request = await this.provider.authorizationRequest().catch((error: unknown) => {
        this.logger.error({ msg: 'identity provider unavailable', error: String(error) });
        throw new SsoFailure(SsoFailureReason.ProviderUnavailable, 'The identity provider cannot be reached right now; try again in a minute.');
      });
      const binding = randomBytes(32).toString('base64url');
      const states = this.db.getRepository(SsoLoginStateEntity);
      await states.delete({ expiresAt: LessThan(new Date()) });
      await states.insert({
        state: request.state,
        browserBindingHash: sha256(binding),
        codeVerifier: request.codeVerifier,
        nonce: request.nonce,
        returnTo: returnTo && SAFE_RETURN_TO.test(returnTo) ? returnTo : null,
        expiresAt: new Date(Date.now() + LOGIN_STATE_TTL_MS),
      });
      return { location: request.url, cookie: { value: binding, maxAgeSeconds: LOGIN_STATE_TTL_MS / 1000 } };
    } catch (error) {
      return this.fail(error, meta);
    }
  }

  /** Handles the provider's redirect back to us. Never throws: failures redirect to the console with an error code. */
  async complete(callbackQuery: string, browserBinding: string | undefined, meta: RequestMeta): Promise<SsoRedirect> {
    try {
      if (!this.enabled) throw new SsoFailure(SsoFailureReason.Disabled, 'Single sign-on is not configured on this platform.');
      const params = new URLSearchParams(callbackQuery);
      const providerError = params.get('error');
      if (providerError) {
        await this.db.getRepository(SsoLoginStateEntity).delete({ state: params.get('state') ?? '' });
        throw new SsoFailure(SsoFailureReason.ProviderError, `The identity provider refused the sign-in: ${providerError}${params.get('error_description') ? ` (${params.get('error_description')})` : ''}.`);
      }
      const attempt = await this.takeLoginState(params.get('state'), browserBinding);
      const claims = await this.provider.completeAuthorization(callbackQuery, attempt).catch((error: unknown) => {
        throw new SsoFailure(SsoFailureReason.TokenRejected, `The identity provider's answer did not check out: ${error instanceof Error ? error.message : String(error)}`);
      });
      const mapped = mapSsoClaims(claims, this.config.sso!);
      if (!mapped.ok) throw new SsoFailure(mapped.reason, mapped.message, typeof claims.email === 'string' ? claims.email : String(claims.sub ?? 'anonymous'));
      const issuer = String(claims.iss ?? this.config.sso!.issuerUrl);
      const outcome = await this.db.transaction((manager) => this.signIn(manager, issuer, mapped.identity));
      await this.audit.record({
        action: 'ssoLogin',
        actorId: outcome.user.id,
        actorLabel: outcome.user.email,
        tenantId: outcome.tenantId,
        targetType: 'User',
        targetId: outcome.user.id,
        outcome: AuditOutcome.Success,
        sourceAddress: meta.sourceAddress,
        requestId: meta.requestId,
        details: { issuer, subject: mapped.identity.subject, account: outcome.account, tenantRole: outcome.tenantId ? mapped.identity.tenantRole : null, platformRole: outcome.user.platformRole },
      });
      const query = new URLSearchParams({ code: outcome.code });
      if (attempt.returnTo) query.set('returnTo', attempt.returnTo);
      return { location: this.consoleUrl(query), cookie: null };
    } catch (error) {
      return this.fail(error, meta);
    }
  }

  /** The console trades the one-time code from the redirect for tokens; each code works once, for 60 seconds. */
  async exchange(code: string, source: LoginSource): Promise<AuthPayloadModel> {
    // The code is a bearer secret: throttled per address like login, before it is looked up.
    this.auth.throttle(source, 'sign-in attempts');
    const invalid = 'This sign-in code is invalid, already used or expired; start single sign-on again.';
    if (!code) throw AppException.badInput('code', 'Pass the code from the sign-in redirect.');
    const codes = this.db.getRepository(SsoExchangeCodeEntity);
    const claimed = await codes
      .createQueryBuilder()
      .update()
      .set({ usedAt: () => 'now()' })
      .where({ codeHash: sha256(code), usedAt: IsNull(), expiresAt: MoreThan(new Date()) })
      .returning(['userId'])
      .execute();
    const userId = (claimed.raw as Array<{ user_id: string }>)[0]?.user_id;
    if (!userId) throw AppException.unauthenticated(invalid);
    const user = await this.db.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw AppException.unauthenticated(invalid);
    return this.auth.startSession(user);
  }

  /** One use per attempt: the row is deleted as it is read, and must belong to this browser and be fresh. */
  private async takeLoginState(state: string | null, browserBinding: string | undefined): Promise<Omit<SsoLoginStateEntity, 'id' | 'createdAt'>> {
    const restart = 'start single sign-on again from the sign-in page';
    if (!state) throw new SsoFailure(SsoFailureReason.UnknownState, `The sign-in response carries no state; ${restart}.`);
    // DELETE … RETURNING answers [rows, count].
    const [[attempt]] = await this.db.query<[Array<Omit<SsoLoginStateEntity, 'id' | 'createdAt'>>, number]>(
      'DELETE FROM sso_login_states WHERE state = $1 RETURNING browser_binding_hash AS "browserBindingHash", code_verifier AS "codeVerifier", nonce, state, return_to AS "returnTo", expires_at AS "expiresAt"',
      [state],
    );
    if (!attempt) throw new SsoFailure(SsoFailureReason.UnknownState, `This sign-in response is unknown or was already used; ${restart}.`);
    if (new Date(attempt.expiresAt).getTime() <= Date.now()) throw new SsoFailure(SsoFailureReason.ExpiredState, `The sign-in took longer than ${LOGIN_STATE_TTL_MS / 60_000} minutes; ${restart}.`);
    if (!browserBinding || sha256(browserBinding) !== attempt.browserBindingHash) {
      throw new SsoFailure(SsoFailureReason.BrowserMismatch, `This sign-in was started in another browser (or cookies are blocked); ${restart}.`);
    }
    return attempt;
  }

  /**
   * Finds the user by linked identity, else by e-mail (and links it), else creates one; then
   * applies the roles the provider asserts: the platform role when a roles claim is
   * configured, and the role in the tenant it names. Memberships in other tenants stay.
   */
  private async signIn(manager: EntityManager, issuer: string, identity: SsoIdentity) {
    const tenant = identity.tenantRef ? await this.findTenant(manager, identity.tenantRef) : null;
    if (identity.tenantRef && !tenant) {
      throw new SsoFailure(SsoFailureReason.UnknownTenant, `Your identity provider names tenant "${identity.tenantRef}", which this platform does not know; ask a platform operator to onboard it.`, identity.email);
    }
    const users = manager.getRepository(UserEntity);
    const identities = manager.getRepository(UserIdentityEntity);
    const linked = await identities.findOneBy({ issuer, subject: identity.subject });
    let user = linked ? await users.findOneBy({ id: linked.userId }) : null;
    let account: 'linked' | 'linked-by-email' | 'created' = 'linked';
    if (!user) {
      user = await users.findOneBy({ email: identity.email });
      account = user ? 'linked-by-email' : 'created';
      user ??= await users.save(users.create({ email: identity.email, displayName: identity.displayName, passwordHash: null, platformRole: null }));
    }
    if (linked) await identities.update({ id: linked.id }, { lastLoginAt: new Date() });
    else await identities.upsert({ userId: user.id, issuer, subject: identity.subject, lastLoginAt: new Date() }, ['issuer', 'subject']);
    if (identity.platformRole !== undefined && identity.platformRole !== user.platformRole) {
      await users.update({ id: user.id }, { platformRole: identity.platformRole as PlatformRole | null });
      user.platformRole = identity.platformRole;
    }
    if (tenant && identity.tenantRole) {
      await manager.getRepository(MembershipEntity).upsert({ userId: user.id, tenantId: tenant.id, role: identity.tenantRole }, ['userId', 'tenantId']);
    }
    const code = randomBytes(32).toString('base64url');
    await manager.getRepository(SsoExchangeCodeEntity).insert({ codeHash: sha256(code), userId: user.id, expiresAt: new Date(Date.now() + EXCHANGE_CODE_TTL_MS) });
    return { user, code, account, tenantId: tenant?.id ?? null };
  }

  private findTenant(manager: EntityManager, ref: string): Promise<TenantEntity | null> {
    const tenants = manager.getRepository(TenantEntity);
    return REGISTRY_NUMBER.test(ref) ? tenants.findOneBy({ registryNumber: ref }) : tenants.findOneBy({ slug: ref.toLowerCase() });
  }

  private async fail(error: unknown, meta: RequestMeta): Promise<SsoRedirect> {
    const failure =
      error instanceof SsoFailure ? error : new SsoFailure(SsoFailureReason.ProviderError, 'Single sign-on failed on our side; try again, and contact the operator if it persists.');
    if (!(error instanceof SsoFailure)) this.logger.error({ msg: 'single sign-on failed', error: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) });
    await this.audit.record({
      action: 'ssoLogin',
      actorLabel: failure.actorLabel,
      outcome: failure.reason === SsoFailureReason.UnknownTenant || failure.reason === SsoFailureReason.EmailNotVerified ? AuditOutcome.Denied : AuditOutcome.Failure,
      sourceAddress: meta.sourceAddress,
      requestId: meta.requestId,
      details: { reason: failure.reason, message: failure.message },
    });
    return { location: this.consoleUrl(new URLSearchParams({ error: failure.reason, message: failure.message })), cookie: null };
  }

  /** The console routes in the URL hash; relative to this server unless PUBLIC_URL says where the console lives. */
  private consoleUrl(query: URLSearchParams): string {
    return `${this.config.publicUrl ?? ''}/#/sso?${query.toString()}`;
  }
}
