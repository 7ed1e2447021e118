import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { freePort } from '@nprod/testing';
import Provider from 'oidc-provider';

/** The person the provider signs in next, with the claims it asserts about them. */
export interface TestAccount {
  sub: string;
  email: string;
  email_verified?: boolean;
  name?: string;
  groups?: string[];
  nprod_tenant?: string;
}

export interface OidcProviderHarness {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The account the login interaction signs in from now on. */
  signInAs(account: TestAccount): void;
  stop(): Promise<void>;
}

export const TEST_OIDC_SCOPES = 'openid email profile nprod';

/**
 * A real OpenID Provider (`oidc-provider`) on a free loopback port with one confidential
 * client that must use PKCE. Its login interaction has no form: it signs in whichever
 * account the test chose, as a person at a real provider would, and consent is implied
 * for our client (first-party), so a browserless test can follow the redirects.
 */
export async function startOidcProvider(redirectUri: string): Promise<OidcProviderHarness> {
  const port = await freePort();
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = 'nprod-console';
  const clientSecret = 'oidc-test-client-secret-0123456789';
  let current: TestAccount | undefined;
  const accounts = new Map<string, TestAccount>();

  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' }],
    pkce: { required: () => true },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], nprod: ['groups', 'nprod_tenant'] },
    scopes: ['openid', 'email', 'profile', 'nprod'],
    cookies: { keys: ['oidc-test-cookie-key-0123456789'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 600, IdToken: 600, Interaction: 600, Session: 600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, id: string) => {
      const account = accounts.get(id);
      return account ? { accountId: id, claims: async () => ({ ...account }) } : undefined;
    },
    // First-party client: every requested scope is granted without a consent screen.
    loadExistingGrant: async (ctx: { oidc: { client: { clientId: string }; session: { accountId: string }; params: { scope?: string } } }) => {
      const grant = new provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope(String(ctx.oidc.params.scope ?? 'openid'));
      await grant.save();
      return grant;
    },
  });
  provider.on('server_error', (_ctx, error) => console.error('oidc-provider error', error));

  const handle = provider.callback();
  const interaction = async (req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    if (details.prompt.name !== 'login') throw new Error(`unexpected prompt ${details.prompt.name}`);
    if (!current) throw new Error('call signInAs() before signing in');
    accounts.set(current.sub, current);
    await provider.interactionFinished(req, res, { login: { accountId: current.sub } }, { mergeWithLastSubmission: false });
  };
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
    } else handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    issuer,
    clientId,
    clientSecret,
    signInAs: (account) => {
      current = account;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Cookies per origin, as a browser keeps them (paths and expiry beyond deletion ignored: enough for one flow). */
export class CookieJar {
  private readonly byOrigin = new Map<string, Map<string, string>>();

  store(url: string, setCookies: string[]): void {
    const origin = new URL(url).origin;
    const cookies = this.byOrigin.get(origin) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const index = pair.indexOf('=');
      const name = pair.slice(0, index).trim();
      const expired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute)) || pair.slice(index + 1).trim() === '';
      if (expired) cookies.delete(name);
      else cookies.set(name, pair.slice(index + 1).trim());
    }
    this.byOrigin.set(origin, cookies);
  }

  header(url: string): string {
    return [...(this.byOrigin.get(new URL(url).origin) ?? new Map<string, string>()).entries()].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface BrowserFlowResult {
  /** Every URL the browser was sent to, in order. */
  visited: string[];
  /** The console URL the flow ended on (`…/#/sso?…`). */
  consoleUrl: string;
  /** The query of the console route: `code` and `returnTo`, or `error` and `message`. */
  params: URLSearchParams;
}

/** Follows redirects like a browser from `startUrl` until the console route is reached, or until `stopAt` says so. */
export async function followBrowserRedirects(startUrl: string, jar = new CookieJar(), stopAt: (url: string) => boolean = () => false, maxHops = 15): Promise<BrowserFlowResult> {
  const visited: string[] = [];
  let url = startUrl;
  for (let hop = 0; hop < maxHops; hop++) {
    visited.push(url);
    if (url.includes('#/sso') || stopAt(url)) return { visited, consoleUrl: url, params: new URLSearchParams(url.includes('#/sso?') ? url.slice(url.indexOf('#/sso?') + 6) : '') };
    const response = await fetch(url, { redirect: 'manual', headers: { cookie: jar.header(url) } });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      throw new Error(`expected a redirect from ${url}, got ${response.status}: ${(await response.text()).slice(0, 500)}`);
    }
    await response.arrayBuffer();
    url = new URL(location, url).href;
  }
  throw new Error(`more than ${maxHops} redirects: ${visited.join(' -> ')}`);
}
