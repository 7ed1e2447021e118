import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import type { TestContext } from 'vitest';

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
