import { freePort } from '@nprod/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_SLUG } from '../../apps/api/src/seed/demo-seed';
import { startOidcProvider, TEST_OIDC_SCOPES, type OidcProviderHarness } from '../support/oidc-provider-harness';
import { launchConsoleBrowser, openConsolePage } from '../support/browser-harness';
import { startPlatform, type Platform } from '../support/platform-harness';

/**
 * Single sign-on as a person clicks through it: the console's button, a real OpenID Provider
 * (`oidc-provider`, which signs in the account the test chose), the API's callback, and the
 * console trading the one-time code for a session.
 */
const UI = { timeout: 15_000 };

describe('single sign-on in the console', () => {
  let platform: Platform | undefined;
  let oidc: OidcProviderHarness | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    const port = await freePort();
    const callbackUrl = `http://127.0.0.1:${port}/auth/oidc/callback`;
    oidc = await startOidcProvider(callbackUrl);
    platform = await startPlatform({
      PORT: String(port),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      OIDC_ISSUER_URL: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
      OIDC_REDIRECT_URL: callbackUrl,
      OIDC_SCOPES: TEST_OIDC_SCOPES,
      OIDC_CLAIM_TENANT: 'nprod_tenant',
      OIDC_CLAIM_ROLES: 'groups',
      OIDC_ROLE_MAP: JSON.stringify({ 'agency-admins': 'ADMIN', staff: 'MEMBER' }),
    });
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await oidc?.stop();
  });

  async function openConsole(context: TestContext): Promise<Page> {
    return openConsolePage(browser!, context);
  }

  it('signs a person in through the identity provider and brings them back to the page they wanted', async (context) => {
    oidc!.signInAs({ sub: 'sso-aigerim', email: 'aigerim.sso@agency.kz', email_verified: true, name: 'Aigerim Sso', groups: ['staff'], nprod_tenant: DEMO_AGENCY_SLUG });
    const page = await openConsole(context);
    // Asking for a page while signed out leads to the sign-in page, which offers single sign-on.
    await page.goto(`${platform!.api.url}/#/spaces`);
    await page.getByTestId('login-sso').click();
    await page.waitForURL(/#\/spaces/, UI);
    await expect.poll(() => page.getByRole('button', { name: 'Profile' }).textContent(), UI).toContain('Aigerim Sso');
    await page.goto(`${platform!.api.url}/#/`);
    await expect.poll(() => page.getByTestId('dashboard-welcome').textContent(), UI).toMatch(/Member in Almaty Region Digital Agency/);
  });

  it('explains a refused sign-in in words people understand', async (context) => {
    oidc!.signInAs({ sub: 'sso-stranger', email: 'someone@elsewhere.kz', email_verified: true, name: 'Stranger', nprod_tenant: 'no-such-tenant' });
    const page = await openConsole(context);
    await page.goto(`${platform!.api.url}/#/login`);
    await page.getByTestId('login-sso').click();
    await expect.poll(() => page.getByTestId('sso-error').textContent(), UI).toMatch(/Your organisation is not on the platform yet/);
    expect(page.url()).toMatch(/#\/sso\?error=UNKNOWN_TENANT/);
    await page.getByRole('link', { name: 'Back to sign-in' }).click();
    await page.getByTestId('login-identifier').waitFor(UI);
  });
});
