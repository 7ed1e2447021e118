import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { TestContext } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from './api-harness';
import type { GraphqlClient } from './graphql-client';
import { startPlatform, type Platform } from './platform-harness';

const CONSOLE_INDEX = resolve('dist/console/index.html');
const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Headless Debian Chromium, after checking that the console is built and the browser installed. */
export async function launchConsoleBrowser(): Promise<Browser> {
  if (!existsSync(CONSOLE_INDEX)) {
    throw new Error(`The console is not built: ${CONSOLE_INDEX} is missing. Run \`node scripts/build.mjs\` (or \`npm run build\`) before the browser tests.`);
  }
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium was not found at ${CHROMIUM_PATH}. Install Debian's chromium package (npm test does) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
}

/**
 * A page in a fresh context (no session, English unless told otherwise), closed after the test;
 * when the test fails the page is saved to os.tmpdir() first, and its path printed.
 */
export async function openConsolePage(browser: Browser, { task, onTestFinished }: TestContext, options: BrowserContextOptions = {}, name = 'page'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'en-GB', ...options });
  const page = await context.newPage();
  onTestFinished(async () => {
    if (task.result?.state === 'fail') {
      const path = join(tmpdir(), `nprod-browser-${task.name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${name}-${Date.now()}.png`);
      await page
        .screenshot({ path, fullPage: true })
        .then(() => console.error(`browser test failed at ${page.url()}; screenshot: ${path}`))
        .catch((error: unknown) => console.error(`browser test failed; no screenshot: ${String(error)}`));
    }
    await context.close();
  });
  return page;
}

/** The whole platform in this process, a browser for the console, and the demo agency's admin and the operator signed in over the API. */
export interface ConsoleStack {
  platform: Platform;
  browser: Browser;
  admin: GraphqlClient;
  operator: GraphqlClient;
  stop(): Promise<void>;
}

export async function startConsoleStack(env: Record<string, string> = {}): Promise<ConsoleStack> {
  const platform = await startPlatform(env);
  try {
    const admin = platform.api.client();
    await admin.login(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
    const operator = platform.api.client();
    await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
    const browser = await launchConsoleBrowser();
    return {
      platform,
      browser,
      admin,
      operator,
      stop: async () => {
        await browser.close();
        await platform.stop();
      },
    };
  } catch (error) {
    await platform.stop();
    throw error;
  }
}

/** Signs in on the console's login page at `baseUrl` and waits for the dashboard. */
export async function signInToConsole(page: Page, baseUrl: string, login: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByTestId('login-identifier').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('dashboard-welcome').waitFor({ timeout: 15_000 });
}
