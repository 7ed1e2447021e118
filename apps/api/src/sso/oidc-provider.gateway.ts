import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type SsoConfig } from '@nprod/config';
import * as oidc from 'openid-client';

export interface AuthorizationRequest {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/** The only code that talks to the OpenID Provider: discovery, the authorization URL, the code exchange and userinfo. */
@Injectable()
export class OidcProviderGateway {
  private configuration?: Promise<oidc.Configuration>;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get sso(): SsoConfig | null {
    return this.config.sso;
  }

  /** Authorization code flow with PKCE (S256), state and nonce. */
  async authorizationRequest(): Promise<AuthorizationRequest> {
    const sso = this.requireSso();
    const configuration = await this.discover();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: sso.redirectUrl,
      scope: sso.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url: url.href, state, nonce, codeVerifier };
  }

  /**
   * Exchanges the code from the callback's query string and returns the ID token's claims
   * merged with userinfo (providers often put profile claims only there). Throws when the
   * provider's answer does not check out (state, nonce, PKCE, signature, issuer, audience).
   */
  async completeAuthorization(callbackQuery: string, checks: { state: string; nonce: string; codeVerifier: string }): Promise<Record<string, unknown>> {
    const sso = this.requireSso();
    const configuration = await this.discover();
    // The registered redirect URL, not the request's own host: behind a proxy they differ, and the provider compares them.
    const currentUrl = new URL(sso.redirectUrl);
    currentUrl.search = callbackQuery;
    const tokens = await oidc.authorizationCodeGrant(configuration, currentUrl, {
      pkceCodeVerifier: checks.codeVerifier,
      expectedState: checks.state,
      expectedNonce: checks.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims()! as Record<string, unknown>;
    const userinfo = configuration.serverMetadata().userinfo_endpoint
      ? ((await oidc.fetchUserInfo(configuration, tokens.access_token, String(idClaims.sub))) as Record<string, unknown>)
      : {};
    return { ...userinfo, ...idClaims };
  }

  /** Discovered once and cached; a failed discovery is retried on the next sign-in. */
  private discover(): Promise<oidc.Configuration> {
    this.configuration ??= this.load().catch((error: unknown) => {
      this.configuration = undefined;
      throw error;
    });
    return this.configuration;
  }

  private load(): Promise<oidc.Configuration> {
    const sso = this.requireSso();
    const issuer = new URL(sso.issuerUrl);
    return oidc.discovery(
      issuer,
      sso.clientId,
      undefined,
      sso.clientSecret ? oidc.ClientSecretBasic(sso.clientSecret) : oidc.None(),
      // Configuration validation allows plain http only for a provider on localhost.
      { execute: issuer.protocol === 'http:' ? [oidc.allowInsecureRequests] : [], timeout: 10 },
    );
  }

  private requireSso(): SsoConfig {
    if (!this.config.sso) throw new Error('single sign-on is not configured');
    return this.config.sso;
  }
}
