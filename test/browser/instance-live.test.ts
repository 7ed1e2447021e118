import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { openConsolePage, signInToConsole, startConsoleStack, type ConsoleStack } from '../support/browser-harness';
import { activeSpace, reviewedRedisOffering, SUBMIT_ORDER } from '../support/order-fixtures';
import { eventually } from '../support/platform-harness';

/**
 * The instance resize dialog shows the API's quote (quoteOrder), and the instance and space pages
 * follow their orders over the `orderUpdated` socket: a change made elsewhere shows without a
 * reload, while the pages (their instance and space ACTIVE) do not poll. The sign-up form offers
 * the regions the API accepts; the decommission dialog asks for the instance's name.
 */
const PROVISIONING_TIMEOUT_MS = 90_000;
const UI = { timeout: 15_000 };

describe('instance and space pages follow their orders', () => {
  const suffix = randomBytes(3).toString('hex');
  let stack: ConsoleStack;
  let tenantId: string;
  let spaceId: string;
  let instanceId: string;

  const approve = (orderId: string) => stack.operator.data('mutation($id: ID!) { approveOrder(id: $id) { id status } }', { id: orderId });
  const statusOf = async (query: 'Instance' | 'Space' | 'Order', id: string) =>
    (await stack.admin.data<Record<string, { status: string }>>(`query($id: ID!) { ${query}(id: $id) { status } }`, { id }))[query].status;

  beforeAll(async () => {
    // Only the configured cluster's region: the sign-up form must offer exactly that one.
    stack = await startConsoleStack({ KUBE_CLUSTER_REGIONS: 'almaty' });
    // Every order of this offering waits for an operator: the quote says so, and the test decides when a resize runs.
    const offeringId = await reviewedRedisOffering(stack.operator, `reviewed-cache-${suffix}`);
    tenantId = (await stack.admin.data<{ allTenants: Array<{ id: string }> }>('{ allTenants(filter: { q: "almaty-region" }) { id } }')).allTenants[0].id;
    spaceId = await activeSpace(stack.admin, tenantId, `follow-${suffix}`, PROVISIONING_TIMEOUT_MS);
    const { submitOrder } = await stack.admin.data<{ submitOrder: { id: string; instanceId: string } }>(SUBMIT_ORDER, {
      tenantId,
      offeringId,
      planKey: 'small',
      spaceId,
      name: `cache-${suffix}`,
      key: randomUUID(),
    });
    instanceId = submitOrder.instanceId;
    await approve(submitOrder.id);
    await eventually(async () => ((await statusOf('Instance', instanceId)) === 'ACTIVE' ? true : undefined), 'the instance to become ACTIVE', PROVISIONING_TIMEOUT_MS);
  });

  afterAll(() => stack?.stop());

  /** What the page sent over its WebSocket. */
  const sentFrames = new WeakMap<Page, string[]>();

  async function signedIn(context: TestContext, prepare: (page: Page) => void = () => undefined): Promise<Page> {
    const page = await openConsolePage(stack.browser, context, { viewport: { width: 1280, height: 1000 } });
    const frames: string[] = [];
    sentFrames.set(page, frames);
    page.on('websocket', (socket) => socket.on('framesent', (frame) => frames.push(String(frame.payload))));
    prepare(page);
    await signInToConsole(page, stack.platform.api.url, DEMO_AGENCY_ADMIN_EMAIL);
    return page;
  }

  /** Waits until the page has subscribed to its tenant's order changes. */
  const subscribedTo = (page: Page, tenantFilter: string) =>
    expect.poll(() => sentFrames.get(page)!.some((frame) => frame.includes('"subscribe"') && frame.includes('orderUpdated') && frame.includes(tenantFilter)), UI).toBe(true);

  /** Set in this document: still there afterwards means the page was never reloaded. */
  const markDocument = (page: Page) => page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
  const notReloaded = (page: Page) => page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded);

  it('quotes a resize through the API (price, approval, impact) and orders it; the instance page then follows the order to COMPLETED without a reload', async (context) => {
    const quotes: string[] = [];
    const page = await signedIn(context, (page) =>
      page.on('request', (request) => {
        if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('quoteOrder')) quotes.push(request.postData()!);
      }),
    );
    await page.goto(`${stack.platform.api.url}/#/instances/${instanceId}/show`);
    await expect.poll(() => page.getByTestId('instance-plan').textContent(), UI).toMatch(/Small$/);
    await page.getByTestId('instance-resize').click();
    await page.getByTestId('resize-dialog').waitFor();
    await page.getByTestId('resize-plan').click();
    await page.getByRole('option', { name: /^Medium — / }).click();
    // Only the API knows the offering's approval policy: a browser estimate could not say this.
    await expect.poll(() => page.getByTestId('resize-approval').getAttribute('data-value'), UI).toBe('required');
    await expect.poll(() => page.getByTestId('resize-price').textContent(), UI).toMatch(/7\.54/);
    await expect.poll(() => page.getByTestId('resize-impact').getAttribute('data-over'), UI).toBe('false');
    // Growth only: small -> medium adds 250 millicores.
    expect(await page.getByTestId('resize-impact').getByTestId('impact-cpu').textContent()).toMatch(/0\.25/);
    expect(JSON.parse(quotes.at(-1)!).variables).toMatchObject({ action: 'MODIFY', instanceId, planKey: 'medium' });
    await page.getByTestId('resize-submit').click();
    await page.waitForURL(/#\/orders\/[0-9a-f-]{36}\/show$/, UI);
    const orderId = page.url().match(/orders\/([0-9a-f-]{36})\/show/)![1];
    await expect.poll(() => page.getByTestId('order-show').getAttribute('data-status'), UI).toBe('PENDING_APPROVAL');

    sentFrames.get(page)!.length = 0;
    await page.goto(`${stack.platform.api.url}/#/instances/${instanceId}/show`);
    const resizeOrder = page.locator(`[data-testid=instance-order][data-order-id="${orderId}"]`);
    await expect.poll(() => resizeOrder.getByTestId('order-status').first().getAttribute('data-value'), UI).toBe('PENDING_APPROVAL');
    await markDocument(page);
    await subscribedTo(page, tenantId);
    // ACTIVE: the page does not poll, so only a notice can bring the change.
    expect(await page.getByTestId('instance-show').getAttribute('data-status')).toBe('ACTIVE');

    await approve(orderId);
    await expect.poll(() => resizeOrder.getByTestId('order-status').first().getAttribute('data-value'), { timeout: PROVISIONING_TIMEOUT_MS }).toBe('COMPLETED');
    await expect.poll(() => page.getByTestId('instance-plan').textContent(), UI).toMatch(/Medium$/);
    expect(await notReloaded(page)).toBe(true);
  });

  it('the space page shows a resize made elsewhere once its order completes, without a reload; the instance page ignores that order', async (context) => {
    const page = await signedIn(context);
    await page.goto(`${stack.platform.api.url}/#/spaces/${spaceId}/show`);
    const cpu = page.locator('.ra-field-cpuMillicores');
    await expect.poll(() => cpu.textContent(), UI).toMatch(/(^|[^\d.])2 vCPU/);
    await markDocument(page);
    await subscribedTo(page, tenantId);
    // The instance in that space, open beside it: the space's order is not one of the instance's.
    const instanceReads: string[] = [];
    // Each notice with how many instance reads had been sent when it arrived: reads before the
    // first notice of the space's order (page load, the re-read after subscribing) are not its doing.
    const received: { payload: string; readsBefore: number }[] = [];
    const instancePage = await signedIn(context, (other) => {
      other.on('websocket', (socket) => socket.on('framereceived', (frame) => received.push({ payload: String(frame.payload), readsBefore: instanceReads.length })));
      other.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/graphql') && (request.postData() ?? '').includes(instanceId)) instanceReads.push(request.postData()!);
      });
    });
    await instancePage.goto(`${stack.platform.api.url}/#/instances/${instanceId}/show`);
    await instancePage.getByTestId('instance-order-history').waitFor(UI);
    await subscribedTo(instancePage, tenantId);
    // The page reads the instance and its order history when it opens, and once more when its
    // subscription starts (to catch up on anything changed before it): wait for both, so only later reads count.
    await expect.poll(() => instanceReads.length, UI).toBeGreaterThanOrEqual(4);

    const { resizeSpace } = await stack.admin.data<{ resizeSpace: { id: string } }>('mutation($id: ID!, $key: String) { resizeSpace(id: $id, planKey: "m", idempotencyKey: $key) { id } }', {
      id: spaceId,
      key: randomUUID(),
    });
    await eventually(async () => ((await statusOf('Order', resizeSpace.id)) === 'COMPLETED' ? true : undefined), 'the space resize to complete', PROVISIONING_TIMEOUT_MS);
    await expect.poll(() => cpu.textContent(), UI).toMatch(/(^|[^\d.])4 vCPU/);
    expect(await notReloaded(page)).toBe(true);
    // Both sockets got the notices; only the space page read again.
    const notices = received.filter((frame) => frame.payload.includes(resizeSpace.id));
    expect(notices.some((frame) => frame.payload.includes('COMPLETED'))).toBe(true);
    expect(instanceReads.length).toBe(notices[0].readsBefore);
  });

  it('offers at sign-up exactly the regions the API accepts', async (context) => {
    const page = await openConsolePage(stack.browser, context);
    await page.goto(`${stack.platform.api.url}/#/sign-up`);
    await page.getByTestId('sign-up-form').waitFor(UI);
    await page.getByTestId('sign-up-region').click();
    await expect.poll(() => page.getByRole('option').allTextContents(), UI).toEqual(['Almaty']);
  });

  it('orders the decommission from the instance page only once its exact name is typed, and opens the order', async (context) => {
    const page = await signedIn(context);
    await page.goto(`${stack.platform.api.url}/#/instances/${instanceId}/show`);
    await page.getByTestId('instance-decommission').click();
    const name = page.getByTestId('decommission-confirm-name').locator('input');
    await name.fill('cache');
    expect(await page.getByTestId('decommission-submit').isDisabled()).toBe(true);
    await name.fill(`cache-${suffix}`);
    await page.getByTestId('decommission-submit').click();
    await page.waitForURL(/#\/orders\/[0-9a-f-]{36}\/show$/, UI);
    const orderId = page.url().match(/orders\/([0-9a-f-]{36})\/show/)![1];
    expect((await stack.admin.data<{ Order: unknown }>('query($id: ID!) { Order(id: $id) { action instanceId } }', { id: orderId })).Order).toEqual({ action: 'DELETE', instanceId });
  });
});
