import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { redisOffering } from '../../libs/catalogue/src/offerings/redis';
import { openConsolePage, signInToConsole, startConsoleStack, type ConsoleStack } from '../support/browser-harness';
import { activeSpace, reviewedRedisOffering, SUBMIT_ORDER } from '../support/order-fixtures';

/**
 * What a user walkthrough found in the console: an order the quote refuses cannot be placed, an
 * instance whose order waits for an operator says so, the approval policy's "All offerings" shows,
 * and a parent's admin is not offered to change (from zeros) an allocation only an operator may change.
 */
const PROVISIONING_TIMEOUT_MS = 90_000;
const UI = { timeout: 15_000 };

describe('console fixes from the walkthrough', () => {
  const suffix = randomBytes(3).toString('hex');
  const tenantName = `One Instance ${suffix}`;
  let stack: ConsoleStack;
  let tenantId: string;
  let spaceId: string;
  let offeringId: string;
  let agencyId: string;

  beforeAll(async () => {
    stack = await startConsoleStack();
    agencyId = (await stack.admin.data<{ allTenants: Array<{ id: string }> }>('{ allTenants(filter: { q: "almaty-region" }) { id } }')).allTenants[0].id;
    // Room for exactly one instance: the first order takes it, a second one does not fit.
    tenantId = (
      await stack.operator.data<{ createTenant: { id: string } }>(
        `mutation($name: String!, $slug: String!) { createTenant(name: $name, slug: $slug, kind: BUSINESS, region: "almaty", cpuMillicores: 8000, memoryMiB: 16384, storageGiB: 100, maxSpaces: 2, maxInstances: 1) { id } }`,
        { name: tenantName, slug: `one-instance-${suffix}` },
      )
    ).createTenant.id;
    offeringId = await reviewedRedisOffering(stack.operator, `fixes-cache-${suffix}`);
    spaceId = await activeSpace(stack.operator, tenantId, `fixes-${suffix}`, PROVISIONING_TIMEOUT_MS);
  });

  afterAll(() => stack?.stop());

  async function signedIn(context: TestContext, email: string, name = 'page'): Promise<Page> {
    const page = await openConsolePage(stack.browser, context, { viewport: { width: 1280, height: 900 } }, name);
    await signInToConsole(page, stack.platform.api.url, email);
    return page;
  }

  it('shows an instance whose order waits for an operator as awaiting approval; a second one that does not fit cannot be placed', async (context) => {
    const { submitOrder } = await stack.operator.data<{ submitOrder: { id: string; status: string; instanceId: string } }>(SUBMIT_ORDER, {
      tenantId,
      offeringId,
      planKey: redisOffering.plans[0].key,
      spaceId,
      name: `waiting-${suffix}`,
      key: randomUUID(),
    });
    expect(submitOrder.status).toBe('PENDING_APPROVAL');
    const page = await signedIn(context, DEMO_OPERATOR_EMAIL);

    await page.goto(`${stack.platform.api.url}/#/instances/${submitOrder.instanceId}/show`);
    await expect.poll(() => page.getByTestId('instance-show').getByTestId('instance-status').getAttribute('data-value'), UI).toBe('AWAITING_APPROVAL');
    expect(await page.getByTestId('instance-show').getByTestId('instance-status').textContent()).toBe('Awaiting approval');
    expect(await page.getByTestId('instance-progress').textContent()).toMatch(/waits for a platform operator/);
    await page.goto(`${stack.platform.api.url}/#/orders/${submitOrder.id}/show`);
    await expect.poll(() => page.getByTestId('order-instance').getByTestId('instance-status').getAttribute('data-value'), UI).toBe('AWAITING_APPROVAL');

    await page.getByRole('menuitem', { name: 'Catalogue' }).click();
    await page.getByTestId(`order-fixes-cache-${suffix}`).click();
    await page.getByTestId('order-wizard').waitFor();
    await page.getByRole('combobox', { name: 'Tenant' }).fill(tenantName);
    await page.getByRole('option', { name: tenantName }).click();
    await page.getByTestId('wizard-space').click();
    await page.getByRole('option', { name: new RegExp(`fixes-${suffix}`) }).click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('order-review').waitFor();
    await expect.poll(() => page.getByTestId('review-approval').getAttribute('data-value'), UI).toBe('refused');
    // No "approved automatically" or "needs approval" beside the refusal, and nothing to submit.
    expect(await page.getByTestId('review-approval').textContent()).toMatch(/cannot be placed/);
    expect(await page.getByTestId('quota-impact-over').textContent()).toMatch(/instance/);
    expect(await page.getByTestId('wizard-submit').isDisabled()).toBe(true);
  });

  it('does not let a space resize that does not fit be placed, and shows no approval line for it', async (context) => {
    const page = await signedIn(context, DEMO_OPERATOR_EMAIL);
    await page.goto(`${stack.platform.api.url}/#/spaces/${spaceId}/show`);
    await page.getByTestId('space-resize').click();
    await page.getByTestId('space-resize-dialog').waitFor();
    await page.getByTestId('space-resize-plan').click();
    await page.getByRole('option', { name: /^Custom/ }).click();
    // 20 CPU in a tenant allocated 8.
    await page.getByTestId('space-resize-cpuCores').locator('input').fill('20');
    await expect.poll(() => page.getByTestId('space-resize-impact').getAttribute('data-over'), UI).toBe('true');
    expect(await page.getByTestId('space-resize-approval').count()).toBe(0);
    expect(await page.getByTestId('space-resize-submit').isDisabled()).toBe(true);
    // Back within the allocation, it can be placed again.
    await page.getByTestId('space-resize-cpuCores').locator('input').fill('3');
    await expect.poll(() => page.getByTestId('space-resize-impact').getAttribute('data-over'), UI).toBe('false');
    await expect.poll(() => page.getByTestId('space-resize-submit').isDisabled(), UI).toBe(false);
    await page.getByRole('button', { name: 'Cancel' }).click();
  });

  it('sorts the orders list by status and by action, not only by creation', async (context) => {
    const page = await signedIn(context, DEMO_OPERATOR_EMAIL);
    await page.goto(`${stack.platform.api.url}/#/orders`);
    await page.getByTestId('order-list').waitFor(UI);
    for (const [header, field] of [['Status', 'status'], ['Action', 'action']]) {
      await page.getByTestId('order-list').getByRole('columnheader', { name: header }).getByRole('button').click();
      await expect.poll(() => page.url(), UI).toContain(`sort=${field}`);
      await expect.poll(() => page.getByTestId('order-list').locator('tbody tr').count(), UI).toBeGreaterThan(0);
    }
  });

  it('shows "All offerings" in the approval policy panel, the default choice', async (context) => {
    const page = await signedIn(context, DEMO_OPERATOR_EMAIL);
    await page.goto(`${stack.platform.api.url}/#/tenants/${tenantId}/show`);
    await page.getByTestId('approval-policy').waitFor(UI);
    expect(await page.getByTestId('approval-policy-offering').locator('[role=combobox]').textContent()).toBe('All offerings');
  });

  it("does not offer a parent's admin to change an allocation an operator granted, and says why", async (context) => {
    const child = (
      await stack.operator.data<{ createTenant: { id: string } }>(
        `mutation($parentId: ID!, $slug: String!) { createTenant(name: $slug, slug: $slug, kind: MUNICIPALITY, parentId: $parentId, region: "almaty", cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 10, maxSpaces: 1) { id } }`,
        { parentId: agencyId, slug: `granted-${suffix}` },
      )
    ).createTenant.id;
    const page = await signedIn(context, DEMO_AGENCY_ADMIN_EMAIL);
    await page.goto(`${stack.platform.api.url}/#/tenants/${child}/show/quota`);
    await page.getByTestId('allocation-card-almaty').waitFor(UI);
    await page.getByTestId('allocation-operator-only-almaty').waitFor(UI);
    expect(await page.getByTestId('set-allocation-almaty').count()).toBe(0);
    // Adding a region offers only regions without an allocation: never an empty form over this one.
    await page.getByTestId('set-allocation').click();
    await page.getByTestId('set-allocation-dialog').waitFor(UI);
    await page.getByRole('combobox', { name: 'Region' }).click();
    const regions = await page.getByRole('option').allTextContents();
    expect(regions.length).toBeGreaterThan(0);
    expect(regions).not.toContain('Almaty');
  });
});
