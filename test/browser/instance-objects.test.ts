import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import { launchConsoleBrowser, openConsolePage } from '../support/browser-harness';
import type { GraphqlClient } from '../support/graphql-client';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';

/**
 * The instance page shows what the worker observed of the instance's Kubernetes objects and
 * the events of all its orders, in a real Chromium against the whole platform (worker on the
 * built-in Kubernetes emulator).
 */
const UI = { timeout: 15_000 };

describe('the instance page', () => {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  let admin: GraphqlClient;
  let instanceId: string;
  let spaceId: string;

  beforeAll(async () => {
    platform = await startPlatform({ INSTANCE_HOSTNAME_SUFFIX: 'apps.test.nprod.local' });
    admin = platform.api.client();
    await admin.login(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
    const { allTenants } = await admin.data<{ allTenants: Array<{ id: string }> }>('{ allTenants(filter: { q: "almaty-region" }) { id } }');
    const tenantId = allTenants[0].id;
    const { createSpace } = await admin.data<{ createSpace: { id: string } }>(
      'mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Shop", slug: "shop-objects", cpuMillicores: 2000, memoryMiB: 2048, storageGiB: 5) { id } }',
      { tenantId },
    );
    spaceId = createSpace.id;
    await eventually(
      async () => ((await admin.data<{ Space: { status: string } }>('query($id: ID!) { Space(id: $id) { status } }', { id: createSpace.id })).Space.status === 'ACTIVE' ? true : undefined),
      'the space to become ACTIVE',
    );
    const { allOfferings } = await admin.data<{ allOfferings: Array<{ id: string; key: string }> }>('{ allOfferings(filter: { q: "container" }) { id key } }');
    const { submitOrder } = await admin.data<{ submitOrder: { instanceId: string } }>(
      `mutation($tenantId: ID!, $offeringId: ID, $spaceId: ID) {
        submitOrder(tenantId: $tenantId, offeringId: $offeringId, planKey: "xs", spaceId: $spaceId, name: "shop", parameters: { image: "registry.gov.kz/team/shop:1.0" }, idempotencyKey: "shop-objects") { instanceId }
      }`,
      { tenantId, offeringId: allOfferings.find((offering) => offering.key === 'container-app')!.id, spaceId: createSpace.id },
    );
    instanceId = submitOrder.instanceId;
    await eventually(
      async () => ((await admin.data<{ Instance: { status: string } }>('query($id: ID!) { Instance(id: $id) { status } }', { id: instanceId })).Instance.status === 'ACTIVE' ? true : undefined),
      'the instance to become ACTIVE',
    );
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('lists the Kubernetes objects with their state and the order events, in English and Russian, and the space page its own objects; in Russian the catalogue and order form too', async (context) => {
    const page = await openConsolePage(browser!, context, { viewport: { width: 1280, height: 1100 } });
    await page.goto(`${platform!.api.url}/`);
    await page.getByTestId('login-identifier').fill(DEMO_AGENCY_ADMIN_EMAIL);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard-welcome').waitFor();
    await page.goto(`${platform!.api.url}/#/instances/${instanceId}/show`);
    await expect.poll(() => page.getByTestId('kube-object').count(), UI).toBe(3);

    const rows = await page.getByTestId('kube-object').evaluateAll((items) => items.map((item) => `${item.getAttribute('data-kind')}=${item.getAttribute('data-state')}`));
    expect(rows).toEqual(['Service=READY', 'Deployment=READY', 'Ingress=READY']);
    expect(await page.locator('[data-testid=kube-object][data-kind=Deployment] [data-testid=kube-object-message]').textContent()).toBe('1/1 replicas available');
    expect(await page.locator('[data-testid=kube-object][data-kind=Deployment] [data-testid=kube-object-state]').textContent()).toBe('Ready');
    expect(await page.getByTestId('kube-objects').locator('th').allTextContents()).toEqual(['Kind', 'Name', 'State', 'Details', 'Since']);

    const history = page.getByTestId('instance-order-history');
    await expect.poll(() => history.getByTestId('order-event').count(), UI).toBe(4);
    expect(await history.getByTestId('order-event').evaluateAll((items) => items.map((item) => item.getAttribute('data-to')))).toEqual(['SUBMITTED', 'APPROVED', 'PROVISIONING', 'COMPLETED']);
    expect(await history.getByTestId('order-event-actor').first().textContent()).toBe(DEMO_AGENCY_ADMIN_EMAIL);
    await page.screenshot({ path: join(tmpdir(), 'nprod-instance-objects-en.png'), fullPage: true });

    // The space page lists the namespace's own objects the same way.
    await page.goto(`${platform!.api.url}/#/spaces/${spaceId}/show`);
    const spaceObjects = page.getByTestId('space-kube-objects').getByTestId('kube-object');
    await expect.poll(() => spaceObjects.count(), UI).toBeGreaterThanOrEqual(5);
    expect(await page.locator('[data-testid=kube-object][data-kind=Namespace]').getAttribute('data-state')).toBe('READY');
    expect(await page.locator('[data-testid=kube-object][data-kind=ResourceQuota] [data-testid=kube-object-message]').textContent()).toMatch(/^requests\.cpu 0\/2, /);
    await page.screenshot({ path: join(tmpdir(), 'nprod-space-objects-en.png'), fullPage: true });
    await page.goto(`${platform!.api.url}/#/instances/${instanceId}/show`);
    await page.getByTestId('kube-objects').waitFor();

    // react-admin keeps the chosen language in its localStorage store.
    await page.evaluate(`localStorage.setItem('RaStore.locale', '"ru"')`);
    await page.reload();
    await expect.poll(() => page.getByTestId('kube-objects').locator('th').allTextContents(), UI).toEqual(['Тип', 'Имя', 'Состояние', 'Подробности', 'С момента']);
    expect(await page.locator('[data-testid=kube-object][data-kind=Deployment] [data-testid=kube-object-state]').textContent()).toBe('Готов');
    // What the worker saw, from its detail code: in Russian, not the stored English message.
    expect(await page.locator('[data-testid=kube-object][data-kind=Deployment] [data-testid=kube-object-message]').textContent()).toBe('доступно реплик: 1 из 1');
    expect(await page.locator('[data-testid=kube-object][data-kind=Ingress] [data-testid=kube-object-message]').textContent()).toMatch(/^хост \S+\.apps\.test\.nprod\.local$/);

    // The built-in catalogue, its plans and its order form in Russian too.
    await page.goto(`${platform!.api.url}/#/offerings`);
    const card = page.getByTestId('offering-card-postgresql');
    await expect.poll(() => card.locator('h3').textContent(), UI).toBe('База данных PostgreSQL');
    expect(await card.textContent()).toContain('Сервер PostgreSQL в вашем пространстве');
    await card.getByTestId('order-postgresql').click();
    await page.getByTestId('wizard-space').click();
    await page.getByRole('option', { name: /Shop/ }).click();
    await page.locator('input[name=name]').fill('shop-db');
    await page.getByTestId('wizard-next').click();
    await expect.poll(() => page.getByTestId('plan-small').textContent(), UI).toContain('Малый');
    await page.getByTestId('plan-small').click();
    await page.getByTestId('wizard-next').click();
    await expect.poll(() => page.getByTestId('param-databaseName').locator('label').textContent(), UI).toMatch(/^Имя базы данных/);
    expect(await page.getByTestId('param-databaseName').locator('.MuiFormHelperText-root').textContent()).toContain('строчные латинские буквы');
    expect(await page.getByTestId('param-version').locator('label').textContent()).toMatch(/^Версия PostgreSQL/);
    await page.screenshot({ path: join(tmpdir(), 'nprod-order-wizard-ru.png'), fullPage: true });
  });
});
