import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { openConsolePage, signInToConsole, startConsoleStack, type ConsoleStack } from '../support/browser-harness';

/**
 * The console as people use it: a real Chromium against the whole platform started in this
 * process (embedded PostgreSQL, the API serving the built console from dist/console, the worker
 * with the built-in Kubernetes emulator). Nothing here talks to an instance started elsewhere.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** How long the worker may take to provision a space on the emulator (it usually takes about a second). */
const PROVISIONING_TIMEOUT_MS = 60_000;
/** For what the page shows after a click or a round trip to the API. */
const UI = { timeout: 15_000 };

describe('the console in a browser', () => {
  const suffix = randomBytes(3).toString('hex');
  let stack: ConsoleStack;
  let agencyId: string;

  beforeAll(async () => {
    stack = await startConsoleStack();
    agencyId = (await stack.operator.data<{ allTenants: Array<{ id: string }> }>('query($q: String) { allTenants(filter: { q: $q }) { id } }', { q: DEMO_AGENCY_SLUG })).allTenants[0].id;
  });

  afterAll(() => stack?.stop());

  async function openConsole(context: TestContext): Promise<Page> {
    return openConsolePage(stack.browser, context, { viewport: { width: 1280, height: 800 } });
  }

  async function signInAsOperator(page: Page): Promise<void> {
    await signInToConsole(page, stack.platform.api.url, DEMO_OPERATOR_EMAIL);
  }

  async function openTenantForm(page: Page): Promise<void> {
    await page.getByRole('menuitem', { name: 'Tenants' }).click();
    await page.getByTestId('tenant-create-button').click();
    await page.locator('input[name=name]').waitFor();
  }

  /** The input's error (or helper) text, as shown under it. */
  const helperText = (page: Page, name: string) =>
    page.locator('.MuiFormControl-root', { has: page.locator(`input[name=${name}]`) }).locator('.MuiFormHelperText-root');

  const tenantCount = async () => (await stack.operator.data<{ _allTenantsMeta: { count: number } }>('{ _allTenantsMeta { count } }'))._allTenantsMeta.count;

  it('creates a municipality under the demo agency and a 2 CPU / 4 GiB / 20 GiB space that becomes ACTIVE', async (context) => {
    const page = await openConsole(context);
    const tenantName = `Talgar District Akimat ${suffix}`;
    const tenantSlug = `talgar-${suffix}`;

    await signInAsOperator(page);
    await expect.poll(() => page.getByTestId('sandbox-banner').textContent(), UI).toMatch(/sandbox cluster/i);

    await openTenantForm(page);
    await page.locator('input[name=name]').fill(tenantName);
    await page.locator('input[name=slug]').fill(tenantSlug);
    await page.getByRole('combobox', { name: 'Kind' }).click();
    await page.getByRole('option', { name: 'Municipality' }).click();
    await page.getByRole('combobox', { name: 'Parent tenant' }).fill('Almaty Region');
    await page.getByRole('option', { name: 'Almaty Region Digital Agency' }).click();
    // The region follows the parent agency's.
    await expect.poll(() => page.getByRole('combobox', { name: 'Region' }).textContent(), UI).toBe('Almaty');
    await page.locator('input[name=cpuCores]').fill('4');
    await page.locator('input[name=memoryGiB]').fill('8');
    await page.locator('input[name=storageGiB]').fill('50');
    await page.locator('input[name=maxSpaces]').fill('3');
    // Without instances the tenant could never order an app; the form offers a default.
    expect(await page.locator('input[name=maxInstances]').inputValue()).toBe('10');
    await page.locator('input[name=maxInstances]').fill('4');
    await page.getByTestId('tenant-save').click();

    await page.waitForURL(new RegExp(`#/tenants/${UUID}/show$`));
    await page.getByTestId('tenant-allocation').waitFor();
    expect(await page.getByTestId('tenant-kind').getAttribute('data-value')).toBe('MUNICIPALITY');
    const tenantId = new RegExp(`#/tenants/(${UUID})/show`).exec(page.url())![1];

    await page.getByTestId('tenant-create-space').click();
    await page.locator('input[name=name]').fill('Public Website');
    await page.locator('input[name=cpuCores]').fill('2');
    await page.locator('input[name=memoryGiB]').fill('4');
    await page.locator('input[name=storageGiB]').fill('20');
    await expect.poll(() => page.locator('input[name=slug]').inputValue(), UI).toBe('public-website');
    await page.getByTestId('space-save').click();

    await page.waitForURL(new RegExp(`#/spaces/${UUID}/show$`));
    const spaceId = new RegExp(`#/spaces/(${UUID})/show`).exec(page.url())![1];
    // The page polls while the worker provisions: no reload.
    await expect
      .poll(() => page.getByTestId('space-status').getAttribute('data-value'), { timeout: PROVISIONING_TIMEOUT_MS })
      .toBe('ACTIVE');
    await expect.poll(() => page.getByTestId('space-progress').count(), UI).toBe(0);

    const { Tenant: tenant } = await stack.operator.data<{ Tenant: Record<string, any> }>(
      'query($id: ID!) { Tenant(id: $id) { name slug kind parentId region allocation { cpuMillicores memoryMiB storageGiB maxSpaces maxInstances usedCpuMillicores usedSpaces } } }',
      { id: tenantId },
    );
    expect(tenant).toMatchObject({
      name: tenantName,
      slug: tenantSlug,
      kind: 'MUNICIPALITY',
      parentId: agencyId,
      region: 'almaty',
      allocation: { cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 50, maxSpaces: 3, maxInstances: 4, usedCpuMillicores: 2000, usedSpaces: 1 },
    });
    const { Space: space } = await stack.operator.data<{ Space: Record<string, any> }>(
      'query($id: ID!) { Space(id: $id) { tenantId name slug status cpuMillicores memoryMiB storageGiB } }',
      { id: spaceId },
    );
    expect(space).toEqual({ tenantId, name: 'Public Website', slug: 'public-website', status: 'ACTIVE', cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20 });
  });

  it('shows an invalid slug next to the field and creates nothing', async (context) => {
    const page = await openConsole(context);
    const mutations: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /\bcreateTenant\b/.test(request.postData() ?? '')) mutations.push(request.postData()!);
    });
    const before = await tenantCount();

    await signInAsOperator(page);
    await openTenantForm(page);
    await page.locator('input[name=name]').fill(`Bad Slug Agency ${suffix}`);
    await page.locator('input[name=slug]').fill('1-Bad_Slug');
    await page.getByTestId('tenant-save').click();

    await expect.poll(() => page.locator('input[name=slug]').getAttribute('aria-invalid'), UI).toBe('true');
    await expect.poll(() => helperText(page, 'slug').textContent(), UI).toMatch(/lowercase Latin letters/);
    expect(page.url()).toMatch(/#\/tenants\/create$/);
    expect(mutations).toEqual([]);
    expect(await tenantCount()).toBe(before);
    const { allTenants } = await stack.operator.data<{ allTenants: unknown[] }>('query($q: String) { allTenants(filter: { q: $q }) { id } }', { q: `Bad Slug Agency ${suffix}` });
    expect(allTenants).toEqual([]);
  });

  it('shows a slug the API reports as taken next to the field and creates nothing', async (context) => {
    const page = await openConsole(context);
    const before = await tenantCount();

    await signInAsOperator(page);
    await openTenantForm(page);
    await page.locator('input[name=name]').fill(`Second Almaty Agency ${suffix}`);
    await page.locator('input[name=slug]').fill(DEMO_AGENCY_SLUG);
    await page.getByTestId('tenant-save').click();

    await expect.poll(() => page.locator('input[name=slug]').getAttribute('aria-invalid'), UI).toBe('true');
    await expect.poll(() => helperText(page, 'slug').textContent(), UI).toMatch(/already taken/);
    expect(page.url()).toMatch(/#\/tenants\/create$/);
    expect(await tenantCount()).toBe(before);
  });

  it('offers in the tenant form the region of a newly registered cluster, cordoned too, by its code when the console has no name for it', async (context) => {
    const { registerCluster } = await stack.operator.data<{ registerCluster: { id: string } }>(
      'mutation($name: String!) { registerCluster(name: $name, regions: ["kostanay"], apiUrl: "https://k8s.kostanay.invalid:6443", token: "kostanay-service-account-token") { id } }',
      { name: `kostanay-${suffix}` },
    );
    await stack.operator.data('mutation($id: ID!) { cordonCluster(id: $id, reason: "Not open for spaces yet") { id } }', { id: registerCluster.id });
    const page = await openConsole(context);
    await signInAsOperator(page);
    await openTenantForm(page);
    await page.getByRole('combobox', { name: 'Region' }).click();
    await page.getByRole('option', { name: 'kostanay' }).waitFor(UI);
    expect(await page.getByRole('option').allTextContents()).toEqual(expect.arrayContaining(['Almaty', 'kostanay']));
  });
});
