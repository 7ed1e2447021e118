import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { openConsolePage, signInToConsole, startConsoleStack, type ConsoleStack } from '../support/browser-harness';
import { activeSpace, reviewedRedisOffering } from '../support/order-fixtures';

/**
 * Ordering from the catalogue as a tenant admin does it, in a real Chromium against the whole
 * platform in this process (API serving the built console, worker on the Kubernetes emulator):
 * a compute space through the order wizard, then a website into it, watched until the order is
 * COMPLETED and the instance ACTIVE without a reload.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** How long the worker may take on the emulator (usually a second or two). */
const PROVISIONING_TIMEOUT_MS = 90_000;
const UI = { timeout: 15_000 };

describe('ordering from the catalogue in a browser', () => {
  const suffix = randomBytes(3).toString('hex');
  let stack: ConsoleStack;

  beforeAll(async () => {
    stack = await startConsoleStack();
  });

  afterAll(() => stack?.stop());

  async function openConsole(context: TestContext): Promise<Page> {
    return openConsolePage(stack.browser, context, { viewport: { width: 1280, height: 900 } });
  }

  async function signIn(page: Page, email: string): Promise<void> {
    await signInToConsole(page, stack.platform.api.url, email);
  }

  async function openWizard(page: Page, offeringKey: string): Promise<void> {
    await page.getByRole('menuitem', { name: 'Catalogue' }).click();
    await page.getByTestId(`offering-card-${offeringKey}`).waitFor();
    await page.getByTestId(`order-${offeringKey}`).click();
    await page.getByTestId('order-wizard').waitFor();
  }

  const orderStatus = (page: Page) => page.getByTestId('order-show').getAttribute('data-status');

  it('orders a compute space and then a website into it; the order completes and the instance becomes ACTIVE', async (context) => {
    const page = await openConsole(context);
    const submits: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && /\b(createSpace|submitOrder)\b/.test(request.postData() ?? '')) submits.push(request.postData()!);
    });
    await signIn(page, DEMO_AGENCY_ADMIN_EMAIL);

    // A compute space: the agency admin manages one tenant, so it is chosen already.
    await openWizard(page, 'compute-space');
    await expect.poll(() => page.getByRole('combobox', { name: 'Tenant' }).inputValue(), UI).toBe('Almaty Region Digital Agency');
    await page.locator('input[name=spaceName]').fill(`Open Data ${suffix}`);
    await expect.poll(() => page.locator('input[name=spaceSlug]').inputValue(), UI).toBe(`open-data-${suffix}`);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('plan-s').click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('no-parameters').waitFor();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('order-review').waitFor();
    expect(await page.getByTestId('review-size').textContent()).toContain('2 vCPU · 4 GiB · 20 GiB');
    expect(await page.getByTestId('review-approval').getAttribute('data-value')).toBe('automatic');
    await expect.poll(() => page.getByTestId('impact-cpu').getAttribute('data-over'), UI).toBe('false');
    // One idempotency key per wizard: a double click orders once.
    await page.getByTestId('wizard-submit').dblclick();

    await page.waitForURL(new RegExp(`#/orders/${UUID}/show$`), UI);
    await expect.poll(() => orderStatus(page), { timeout: PROVISIONING_TIMEOUT_MS }).toBe('COMPLETED');
    await expect.poll(() => page.getByTestId('order-space').getByTestId('space-status').getAttribute('data-value'), UI).toBe('ACTIVE');
    expect(await page.getByTestId('order-event').evaluateAll((items) => items.map((item) => item.getAttribute('data-to')))).toEqual(['SUBMITTED', 'APPROVED', 'PROVISIONING', 'COMPLETED']);
    expect(new Set(submits.map((body) => (JSON.parse(body) as { variables: { idempotencyKey: string } }).variables.idempotencyKey)).size).toBe(1);
    const { allSpaces } = await stack.admin.data<{ allSpaces: Array<{ id: string; status: string }> }>('query($q: String) { allSpaces(filter: { q: $q }) { id status } }', { q: `open-data-${suffix}` });
    expect(allSpaces).toEqual([{ id: expect.any(String), status: 'ACTIVE' }]);

    // A website into that space, with its settings from the offering's JSON Schema.
    await openWizard(page, 'website-cms');
    await page.getByTestId('wizard-space').click();
    await page.getByRole('option', { name: new RegExp(`Open Data ${suffix}`) }).click();
    await page.locator('input[name=name]').fill(`site-${suffix}`);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('plan-standard').click();
    await page.getByTestId('wizard-next').click();
    await page.locator('input[name="parameters.siteName"]').fill('Open Data Portal');
    await page.locator('input[name="parameters.adminEmail"]').fill('not-an-email');
    await page.getByTestId('wizard-next').click();
    // Checked in the browser with the same schema: the error is next to the field, nothing is sent.
    await expect.poll(() => page.getByTestId('param-adminEmail').locator('.MuiFormHelperText-root').textContent(), UI).toMatch(/e-mail address/);
    expect(await page.getByTestId('order-wizard').getAttribute('data-step')).toBe('parameters');
    await page.locator('input[name="parameters.adminEmail"]').fill(`web-${suffix}@almaty.gov.kz`);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('order-review').waitFor();
    await expect.poll(() => page.getByTestId('impact-instances').getAttribute('data-after'), UI).toMatch(/^\d+$/);
    // Its size is measured against the space (20 GiB, all of it), its count against the allocation, each group labelled.
    expect(await page.getByTestId('quota-impact-space').textContent()).toContain(`In space Open Data ${suffix}`);
    expect(await page.getByTestId('quota-impact-space').getByTestId('impact-storage').getAttribute('data-after')).toBe('20');
    expect(await page.getByTestId('quota-impact-space').getByTestId('impact-storage').getAttribute('data-limit')).toBe('20');
    expect(await page.getByTestId('quota-impact-allocation').textContent()).toContain('Tenant allocation');
    expect(await page.getByTestId('quota-impact-allocation').getByTestId('impact-cpu').count()).toBe(0);
    await page.getByTestId('wizard-submit').click();

    await page.waitForURL(new RegExp(`#/orders/${UUID}/show$`), UI);
    await expect.poll(() => orderStatus(page), { timeout: PROVISIONING_TIMEOUT_MS }).toBe('COMPLETED');
    await expect.poll(() => page.getByTestId('order-instance').getByTestId('instance-status').getAttribute('data-value'), UI).toBe('ACTIVE');
    await page.getByTestId('order-instance-link').click();
    await page.waitForURL(new RegExp(`#/instances/${UUID}/show$`), UI);
    await expect.poll(() => page.getByTestId('instance-show').getAttribute('data-status'), UI).toBe('ACTIVE');
    await expect.poll(() => page.getByTestId('instance-endpoint').count(), UI).toBeGreaterThan(0);
    const instanceId = new RegExp(`#/instances/(${UUID})/show`).exec(page.url())![1];

    const { Instance: instance } = await stack.admin.data<{ Instance: Record<string, unknown> }>('query($id: ID!) { Instance(id: $id) { name status planKey parameters spaceId } }', { id: instanceId });
    expect(instance).toMatchObject({ name: `site-${suffix}`, status: 'ACTIVE', planKey: 'standard', parameters: { siteName: 'Open Data Portal', adminEmail: `web-${suffix}@almaty.gov.kz` } });
    const { Space: space } = await stack.admin.data<{ Space: { namespace: string } }>('query($id: ID!) { Space(id: $id) { namespace } }', { id: instance.spaceId });
    // The space page shows what its instances use of its size.
    await page.goto(`${stack.platform.api.url}/#/spaces/${instance.spaceId}/show`);
    await expect.poll(() => page.getByTestId('space-room-storage').getAttribute('data-used'), UI).toBe('20');
    expect(await page.getByTestId('space-room-storage').getAttribute('data-limit')).toBe('20');
    expect(await page.getByTestId('space-room-cpu').getAttribute('data-used')).toBe('1000');
    await page.goBack();
    await expect.poll(() => page.getByTestId('instance-show').getAttribute('data-status'), UI).toBe('ACTIVE');

    // The credentials, shown once to the admin who ordered the instance, with copy buttons and where the Secret stays.
    expect(await page.getByTestId('instance-credentials-revealed').count()).toBe(0);
    await page.getByTestId('instance-reveal').click();
    await page.getByTestId('credentials-dialog').waitFor();
    expect(await page.getByTestId('credentials-dialog').locator('input').count()).toBeGreaterThan(0);
    // Keys the offering uses are labelled in words, not shown as the Secret's keys.
    expect(await page.getByTestId('credential-adminPassword').locator('label').textContent()).toBe('Administrator password');
    expect(await page.getByTestId('credentials-dialog').textContent()).toContain(`Kubernetes Secret site-${suffix}-credentials in namespace ${space.namespace}`);
    await page.getByTestId('credentials-close').click();
    await expect.poll(() => page.getByTestId('credentials-dialog').count(), UI).toBe(0);
    // Afterwards: no button, but who saw them and when, and the Secret to read instead.
    await expect.poll(() => page.getByTestId('instance-credentials-revealed').count(), UI).toBe(1);
    expect(await page.getByTestId('instance-reveal').count()).toBe(0);
    const revealed = await page.getByTestId('instance-credentials-revealed').textContent();
    expect(revealed).toMatch(new RegExp(`Credentials shown to .+ \\(${DEMO_AGENCY_ADMIN_EMAIL.replaceAll('.', '\\.')}\\) on \\d{1,2} \\w+ \\d{4}\\.`));
    expect(revealed).toContain(`Kubernetes Secret site-${suffix}-credentials in namespace ${space.namespace}`);
  });

  it('waits for an operator: the order shows PENDING_APPROVAL with its quota, the operator approves it in the inbox, and it completes', async (context) => {
    // An offering that always needs an operator, and a space to order it into.
    await reviewedRedisOffering(stack.operator, `vetted-cache-${suffix}`);
    const { allTenants } = await stack.admin.data<{ allTenants: Array<{ id: string }> }>('{ allTenants(filter: { q: "almaty-region" }) { id } }');
    await activeSpace(stack.admin, allTenants[0].id, `vetted-${suffix}`, PROVISIONING_TIMEOUT_MS, { cpuMillicores: 1000, memoryMiB: 2048, storageGiB: 10 });

    const page = await openConsole(context);
    await signIn(page, DEMO_AGENCY_ADMIN_EMAIL);
    await openWizard(page, `vetted-cache-${suffix}`);
    // The space picker is disabled until the tenant is chosen (the admin's only one, once loaded).
    await expect.poll(() => page.getByRole('combobox', { name: 'Tenant' }).inputValue(), UI).toBe('Almaty Region Digital Agency');
    await page.getByTestId('wizard-space').click();
    await page.getByRole('option', { name: new RegExp(`vetted-${suffix}`) }).click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('order-review').waitFor();
    expect(await page.getByTestId('review-approval').getAttribute('data-value')).toBe('required');
    await page.getByTestId('wizard-submit').click();
    await page.waitForURL(new RegExp(`#/orders/${UUID}/show$`), UI);
    await expect.poll(() => orderStatus(page), UI).toBe('PENDING_APPROVAL');
    const orderId = new RegExp(`#/orders/(${UUID})/show`).exec(page.url())![1];
    // Its tenant's admin may cancel it, not approve it.
    await page.getByTestId('order-cancel').waitFor();
    expect(await page.getByTestId('order-approve').count()).toBe(0);

    const operatorPage = await openConsole(context);
    await signIn(operatorPage, DEMO_OPERATOR_EMAIL);
    await operatorPage.getByTestId('menu-approvals').click();
    const card = operatorPage.locator(`[data-testid=approval-card][data-order-id="${orderId}"]`);
    await card.waitFor(UI);
    await expect.poll(() => card.locator(`[data-testid=approval-impact-${orderId}]`).getAttribute('data-over'), UI).toBe('false');
    await card.getByTestId('order-approve').click();
    await operatorPage.getByTestId('order-approve-dialog-submit').click();
    await expect.poll(() => card.count(), UI).toBe(0);

    // The tenant's page follows without a reload.
    await expect.poll(() => orderStatus(page), { timeout: PROVISIONING_TIMEOUT_MS }).toBe('COMPLETED');
    const actors = await page.getByTestId('order-event-actor').allTextContents();
    expect(actors).toContain(DEMO_OPERATOR_EMAIL);
  });
});
