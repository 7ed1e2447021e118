import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { redisOffering } from '../../libs/catalogue/src/offerings/redis';
import { openConsolePage, signInToConsole, startConsoleStack, type ConsoleStack } from '../support/browser-harness';
import { activeSpace, reviewedRedisOffering, SUBMIT_ORDER } from '../support/order-fixtures';

/**
 * The order page follows `orderUpdated` over the console's WebSocket: an operator approves through
 * the API and the tenant's open page moves to COMPLETED without a reload or a poll; with the socket
 * refused it says so and polls instead.
 */
const PROVISIONING_TIMEOUT_MS = 90_000;
const UI = { timeout: 15_000 };

describe('live order status in the console', () => {
  const suffix = randomBytes(3).toString('hex');
  let stack: ConsoleStack;
  let tenantId: string;
  let spaceId: string;
  let offeringId: string;

  beforeAll(async () => {
    stack = await startConsoleStack();
    // Orders of this offering wait for an operator: the page sits at PENDING_APPROVAL until the test approves.
    offeringId = await reviewedRedisOffering(stack.operator, `live-cache-${suffix}`);
    tenantId = (await stack.admin.data<{ allTenants: Array<{ id: string }> }>('{ allTenants(filter: { q: "almaty-region" }) { id } }')).allTenants[0].id;
    spaceId = await activeSpace(stack.admin, tenantId, `live-${suffix}`, PROVISIONING_TIMEOUT_MS);
  });

  afterAll(() => stack?.stop());

  async function pendingOrder(name = `cache-${randomBytes(3).toString('hex')}`): Promise<string> {
    const { submitOrder } = await stack.admin.data<{ submitOrder: { id: string; status: string } }>(SUBMIT_ORDER, {
      tenantId,
      offeringId,
      planKey: redisOffering.plans[0].key,
      spaceId,
      name,
      key: randomUUID(),
    });
    expect(submitOrder.status).toBe('PENDING_APPROVAL');
    return submitOrder.id;
  }

  async function signedIn(context: TestContext, email: string, prepare: (page: Page) => Promise<void> = async () => undefined, name = 'page'): Promise<Page> {
    const page = await openConsolePage(stack.browser, context, { viewport: { width: 1280, height: 900 } }, name);
    await prepare(page);
    await signInToConsole(page, stack.platform.api.url, email);
    return page;
  }

  async function openOrder(context: TestContext, orderId: string, prepare?: (page: Page) => Promise<void>) {
    const page = await signedIn(context, DEMO_AGENCY_ADMIN_EMAIL, prepare);
    await page.goto(`${stack.platform.api.url}/#/orders/${orderId}/show`);
    await expect.poll(() => page.getByTestId('order-show').getAttribute('data-status'), UI).toBe('PENDING_APPROVAL');
    // Set in this document: still there afterwards means the page was never reloaded.
    await page.evaluate(() => ((globalThis as unknown as { notReloaded: boolean }).notReloaded = true));
    return page;
  }

  const approve = (orderId: string) => stack.operator.data('mutation($id: ID!) { approveOrder(id: $id) { id status } }', { id: orderId });
  const orderReads = (bodies: string[], orderId: string) => bodies.filter((body) => body.includes(orderId) && !body.includes('approveOrder')).length;

  it('moves from PENDING_APPROVAL to COMPLETED on the notices of the socket, without a reload or polling', async (context) => {
    const orderId = await pendingOrder();
    const frames: string[] = [];
    const posts: string[] = [];
    const page = await openOrder(context, orderId, async (page) => {
      page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));
      page.on('request', (request) => {
        if (request.method() === 'POST' && request.url().endsWith('/graphql')) posts.push(request.postData() ?? '');
      });
    });
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-live'), UI).toBe('true');
    expect(await page.getByTestId('live-indicator').textContent()).toBe('Live');
    // Live, a waiting order is not polled: it is read again only when a notice says it changed.
    const readsBefore = orderReads(posts, orderId);

    await approve(orderId);
    await expect.poll(() => page.getByTestId('order-show').getAttribute('data-status'), { timeout: PROVISIONING_TIMEOUT_MS }).toBe('COMPLETED');
    expect(await page.getByTestId('order-event').evaluateAll((items) => items.map((item) => item.getAttribute('data-to')))).toEqual(['SUBMITTED', 'PENDING_APPROVAL', 'APPROVED', 'PROVISIONING', 'COMPLETED']);
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    const notices = frames.filter((frame) => frame.includes('"orderUpdated"') && frame.includes(orderId));
    expect(notices.some((frame) => frame.includes('"COMPLETED"'))).toBe(true);
    // Re-reads follow notices (coalesced), never a 1 s poll: far fewer than the seconds provisioning took.
    expect(orderReads(posts, orderId) - readsBefore).toBeLessThanOrEqual(notices.length);
    const screenshot = join(tmpdir(), `nprod-live-order-${suffix}.png`);
    await page.screenshot({ path: screenshot, fullPage: true });
    console.info(`live order page: ${screenshot}`);
  });

  it('updates the orders list and the approvals inbox from the socket alone (they do not poll while live)', async (context) => {
    const inbox = await signedIn(context, DEMO_OPERATOR_EMAIL, undefined, 'inbox');
    await inbox.goto(`${stack.platform.api.url}/#/approvals`);
    await expect.poll(() => inbox.getByTestId('live-indicator').getAttribute('data-live'), UI).toBe('true');
    const list = await signedIn(context, DEMO_AGENCY_ADMIN_EMAIL, undefined, 'list');
    await list.goto(`${stack.platform.api.url}/#/orders`);
    await list.getByTestId('order-list').waitFor(UI);
    await expect.poll(() => list.getByTestId('live-indicator').getAttribute('data-live'), UI).toBe('true');

    const name = `listed-${suffix}`;
    const orderId = await pendingOrder(name);
    const card = inbox.locator(`[data-testid=approval-card][data-order-id="${orderId}"]`);
    await card.waitFor(UI);
    const row = list.getByTestId('order-list').locator('tr', { hasText: name });
    await expect.poll(() => row.getByTestId('order-status').getAttribute('data-value'), UI).toBe('PENDING_APPROVAL');

    await approve(orderId);
    await expect.poll(() => card.count(), UI).toBe(0);
    await expect.poll(() => row.getByTestId('order-status').getAttribute('data-value'), { timeout: PROVISIONING_TIMEOUT_MS }).toBe('COMPLETED');
  });

  it('catches up once the socket is up: a change made before the subscription started is not missed', async (context) => {
    const orderId = await pendingOrder();
    // The server's connection_ack is held, so the subscription cannot start until the test lets it.
    let release!: () => void;
    const acknowledged = new Promise<void>((resolve) => (release = resolve));
    const page = await openOrder(context, orderId, (page) =>
      page.routeWebSocket(/\/graphql$/, (socket) => {
        const server = socket.connectToServer();
        server.onMessage((message) => void acknowledged.then(() => socket.send(message)));
      }),
    );
    await stack.admin.data('mutation($id: ID!) { cancelOrder(id: $id) { id } }', { id: orderId });
    release();
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-live'), UI).toBe('true');
    // Live, a page is not polled and no notice of the cancel ever reaches it: only the catch-up read shows it.
    await expect.poll(() => page.getByTestId('order-show').getAttribute('data-status'), UI).toBe('CANCELLED');
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('says it is refreshing and polls when the socket is refused, and still follows the order', async (context) => {
    const orderId = await pendingOrder();
    const page = await openOrder(context, orderId, (page) => page.routeWebSocket(/\/graphql$/, (socket) => socket.close({ code: 1011, reason: 'refused by the test' })));
    await expect.poll(() => page.getByTestId('live-indicator').getAttribute('data-live'), UI).toBe('false');
    expect(await page.getByTestId('live-indicator').textContent()).toBe('Refreshing');
    await approve(orderId);
    await expect.poll(() => page.getByTestId('order-show').getAttribute('data-status'), { timeout: PROVISIONING_TIMEOUT_MS }).toBe('COMPLETED');
    expect(await page.evaluate(() => (globalThis as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.getByTestId('live-indicator').getAttribute('data-live')).toBe('false');
  });
});
