import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { openConsolePage, signInToConsole, startConsoleStack, type ConsoleStack } from '../support/browser-harness';
import { eventually } from '../support/platform-harness';

/**
 * Space orders and approval policies in a real Chromium against the whole platform in this
 * process: resizing and deleting a space from its page (the dialogs show the API's quote),
 * and an operator's approval policy for a tenant, which the order wizard's review then names.
 */
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PROVISIONING_TIMEOUT_MS = 90_000;
const UI = { timeout: 15_000 };

describe('space orders and approval policies in a browser', () => {
  const suffix = randomBytes(3).toString('hex');
  let stack: ConsoleStack;
  let agencyId: string;

  beforeAll(async () => {
    stack = await startConsoleStack();
    agencyId = (await stack.admin.data<{ allTenants: Array<{ id: string }> }>('query($q: String) { allTenants(filter: { q: $q }) { id } }', { q: DEMO_AGENCY_SLUG })).allTenants[0].id;
  });

  afterAll(() => stack?.stop());

  async function signedIn(context: TestContext, email: string): Promise<Page> {
    const page = await openConsolePage(stack.browser, context, { viewport: { width: 1280, height: 900 } });
    await signInToConsole(page, stack.platform.api.url, email);
    return page;
  }

  const orderCompletes = (page: Page) => expect.poll(() => page.getByTestId('order-show').getAttribute('data-status'), { timeout: PROVISIONING_TIMEOUT_MS }).toBe('COMPLETED');

  it('resizes a space to plan M and then deletes it from its page; both orders complete', async (context) => {
    const slug = `grow-${suffix}`;
    const { createSpace } = await stack.admin.data<{ createSpace: { id: string } }>(
      'mutation($tenantId: ID!, $slug: String!) { createSpace(tenantId: $tenantId, name: $slug, slug: $slug, cpuMillicores: 2000, memoryMiB: 4096, storageGiB: 20) { id } }',
      { tenantId: agencyId, slug },
    );
    await eventually(async () => ((await stack.admin.data<{ Space: { status: string } }>('query($id: ID!) { Space(id: $id) { status } }', { id: createSpace.id })).Space.status === 'ACTIVE' ? true : undefined), 'the space to be ACTIVE', PROVISIONING_TIMEOUT_MS, 100);

    const page = await signedIn(context, DEMO_AGENCY_ADMIN_EMAIL);
    const quotes: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('quoteOrder')) quotes.push(request.postData()!);
    });
    await page.goto(`${stack.platform.api.url}/#/spaces/${createSpace.id}/show`);
    await page.getByTestId('space-resize').click();
    await page.getByTestId('space-resize-dialog').waitFor();
    await page.getByTestId('space-resize-plan').click();
    await page.getByRole('option', { name: /^M — / }).click();
    // The API's quote: plan M grows 2 CPU, 4 GiB, 30 GiB; its price; no approval needed.
    await expect.poll(() => page.getByTestId('space-resize-approval').getAttribute('data-value'), UI).toBe('automatic');
    await expect.poll(() => page.getByTestId('space-resize-price').textContent(), UI).toMatch(/61/);
    await expect.poll(() => page.getByTestId('space-resize-impact').getAttribute('data-over'), UI).toBe('false');
    expect(JSON.parse(quotes.at(-1)!).variables).toMatchObject({ action: 'MODIFY', spaceId: createSpace.id, planKey: 'm' });
    await page.getByTestId('space-resize-submit').click();
    await page.waitForURL(new RegExp(`#/orders/${UUID}/show$`), UI);
    await orderCompletes(page);
    const resized = (await stack.admin.data<{ Space: Record<string, unknown> }>('query($id: ID!) { Space(id: $id) { status planKey cpuMillicores memoryMiB storageGiB } }', { id: createSpace.id })).Space;
    expect(resized).toEqual({ status: 'ACTIVE', planKey: 'm', cpuMillicores: 4000, memoryMiB: 8192, storageGiB: 50 });

    await page.goto(`${stack.platform.api.url}/#/spaces/${createSpace.id}/show`);
    await page.getByTestId('space-delete').click();
    await page.getByTestId('space-delete-dialog').waitFor();
    expect(await page.getByTestId('space-delete-submit').isDisabled()).toBe(true);
    await page.getByTestId('space-delete-confirm-name').locator('input').fill(slug);
    await page.getByTestId('space-delete-submit').click();
    await page.waitForURL(new RegExp(`#/orders/${UUID}/show$`), UI);
    await orderCompletes(page);
    expect((await stack.admin.data<{ Space: { status: string } }>('query($id: ID!) { Space(id: $id) { status } }', { id: createSpace.id })).Space.status).toBe('DELETED');
  });

  it('a new space that fits no cluster shows that it waits and why, and its orderer cancels it from the order page', async (context) => {
    const UPDATE = 'mutation($id: ID!, $max: Int) { updateCluster(id: $id, capacityMaxSpaces: $max) { id } }';
    const { allClusters } = await stack.operator.data<{ allClusters: Array<{ id: string; spacesCount: number }> }>('{ allClusters { id spacesCount } }');
    for (const cluster of allClusters) await stack.operator.data(UPDATE, { id: cluster.id, max: cluster.spacesCount });
    try {
      const slug = `waits-${suffix}`;
      const { createSpace } = await stack.admin.data<{ createSpace: { id: string } }>(
        'mutation($tenantId: ID!, $slug: String!) { createSpace(tenantId: $tenantId, name: $slug, slug: $slug, cpuMillicores: 500, memoryMiB: 512, storageGiB: 1) { id } }',
        { tenantId: agencyId, slug },
      );
      const ORDERS = 'query($spaceId: ID) { allOrders(filter: { spaceId: $spaceId }) { id status statusReason } }';
      const order = await eventually(
        async () => (await stack.admin.data<{ allOrders: Array<{ id: string; status: string; statusReason: string | null }> }>(ORDERS, { spaceId: createSpace.id })).allOrders.find((row) => row.statusReason?.includes('room for one more space')),
        'the order to wait for room',
        PROVISIONING_TIMEOUT_MS,
        100,
      );
      expect(order.status).toBe('APPROVED');

      const page = await signedIn(context, DEMO_AGENCY_ADMIN_EMAIL);
      await page.goto(`${stack.platform.api.url}/#/orders/${order.id}/show`);
      await expect.poll(() => page.getByTestId('order-progress').getAttribute('data-waiting'), UI).toBe('true');
      expect(await page.getByTestId('order-progress').textContent()).toContain('waiting until a cluster has room');
      expect(await page.getByTestId('order-status-reason').textContent()).toContain('room for one more space');
      await page.getByTestId('order-cancel').click();
      await page.getByTestId('order-cancel-dialog-submit').click();
      await expect.poll(() => page.getByTestId('order-show').getAttribute('data-status'), UI).toBe('CANCELLED');
      expect((await stack.admin.data<{ Space: { status: string } }>('query($id: ID!) { Space(id: $id) { status } }', { id: createSpace.id })).Space.status).toBe('DELETED');
    } finally {
      for (const cluster of allClusters) await stack.operator.data(UPDATE, { id: cluster.id, max: null });
    }
  });

  it("an operator sets the tenant's approval policy on its page; the wizard's review then says an operator must approve, and why", async (context) => {
    const operatorPage = await signedIn(context, DEMO_OPERATOR_EMAIL);
    await operatorPage.goto(`${stack.platform.api.url}/#/tenants/${agencyId}/show`);
    await operatorPage.getByTestId('approval-policy').waitFor();
    await operatorPage.getByTestId('approval-policy-none').waitFor();
    // The defaults: all offerings, ALWAYS_OPERATOR.
    await operatorPage.getByTestId('approval-policy-save').click();
    await operatorPage.getByTestId('approval-policy-all').waitFor(UI);
    expect(await operatorPage.getByTestId('approval-policy-all').textContent()).toContain('Always an operator');

    const page = await signedIn(context, DEMO_AGENCY_ADMIN_EMAIL);
    await page.getByRole('menuitem', { name: 'Catalogue' }).click();
    await page.getByTestId('order-compute-space').click();
    await page.getByTestId('order-wizard').waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: 'Tenant' }).inputValue(), UI).toBe('Almaty Region Digital Agency');
    await page.locator('input[name=spaceName]').fill(`Reviewed ${suffix}`);
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('plan-s').click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('order-review').waitFor(UI);
    expect(await page.getByTestId('review-approval').getAttribute('data-value')).toBe('required');
    expect(await page.getByTestId('review-approval-reason').textContent()).toContain('the tenant\'s approval policy for all offerings is "Always an operator"');
    expect(await page.getByTestId('wizard-submit').textContent()).toBe('Submit for approval');

    // Removing the override: the tenant inherits the offering's policy again.
    await operatorPage.getByTestId('approval-policy-all').getByRole('button').click();
    await operatorPage.getByTestId('approval-policy-none').waitFor(UI);
    const { _allApprovalPolicyOverridesMeta } = await stack.admin.data<{ _allApprovalPolicyOverridesMeta: { count: number } }>('query($tenantId: ID) { _allApprovalPolicyOverridesMeta(filter: { tenantId: $tenantId }) { count } }', { tenantId: agencyId });
    expect(_allApprovalPolicyOverridesMeta.count).toBe(0);
  });
});
