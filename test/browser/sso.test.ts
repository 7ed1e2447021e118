import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '@nprod/testing';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_SLUG } from '../../apps/api/src/seed/demo-seed';
import { startOidcProvider, TEST_OIDC_SCOPES, type OidcProviderHarness } from '../support/oidc-provider-harness';
import { startPlatform, type Platform } from '../support/platform-harness';

/**
 * Single sign-on as a person clicks through it: the console's button, a real OpenID Provider
 * (`oidc-provider`, which signs in the account the test chose), the API's callback, and the
 * console trading the one-time code for a session.
 */
const CONSOLE_INDEX = resolve('dist/console/index.html');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const UI = { timeout: 15_000 };

describe('single sign-on in the console', () => {
  let platform: Platform | undefined;
  let oidc: OidcProviderHarness | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    if (!existsSync(CONSOLE_INDEX)) throw new Error(`The console is not built: ${CONSOLE_INDEX} is missing. Run \`node scripts/build.mjs\` first.`);
    if (!existsSync(CHROMIUM_PATH)) throw new Error(`Chromium was not found at ${CHROMIUM_PATH}. Install Debian's chromium package or set CHROMIUM_PATH.`);
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
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await oidc?.stop();
  });

  async function openConsole({ task, onTestFinished }: TestContext): Promise<Page> {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB' });
    const page = await context.newPage();
    onTestFinished(async () => {
      if (task.result?.state === 'fail') {
        const path = join(tmpdir(), `nprod-browser-${task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${Date.now()}.png`);
        await page.screenshot({ path, fullPage: true }).then(() => console.error(`browser test failed at ${page.url()}; screenshot: ${path}`)).catch(() => undefined);
      }
      await context.close();
    });
    return page;
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
