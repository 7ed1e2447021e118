import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeEmulator } from '@nprod/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import { launchConsoleBrowser, openConsolePage } from '../support/browser-harness';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';

/**
 * The clusters admin page as an operator uses it: the worker's own cluster in the list with
 * its health and capacity, registering another from a kubeconfig (a bad one first) in a known
 * region and a new one typed in, cordoning it with a reason, uncordoning, deleting; why an
 * unreachable cluster is down, in Russian. Tenant people see no such page.
 */
const UI = { timeout: 15_000 };

describe('clusters admin page', () => {
  let platform: Platform | undefined;
  let browser: Browser | undefined;
  let extra: KubeEmulator | undefined;

  beforeAll(async () => {
    extra = await KubeEmulator.start();
    platform = await startPlatform();
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await extra?.stop();
  });

  async function signIn(context: TestContext, login: string): Promise<Page> {
    const page = await openConsolePage(browser!, context);
    await page.goto(`${platform!.api.url}/`);
    await page.getByTestId('login-identifier').fill(login);
    await page.getByTestId('login-password').fill(TEST_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard-welcome').waitFor(UI);
    return page;
  }

  it('lists the clusters with health and capacity; registers, cordons, uncordons and deletes one', async (context) => {
    const page = await signIn(context, DEMO_OPERATOR_EMAIL);
    await page.getByRole('menuitem', { name: 'Clusters' }).click();
    const rows = page.getByTestId('cluster-list').locator('tbody tr');
    const sandbox = rows.filter({ hasText: 'sandbox' });
    await sandbox.waitFor(UI);
    expect(await sandbox.getByTestId('cluster-health').getAttribute('data-value')).toBe('HEALTHY');
    expect(await sandbox.getByTestId('cluster-capacity-cpu').getAttribute('data-limit')).toBe('');

    await page.getByTestId('cluster-register-button').click();
    await page.waitForURL(/#\/clusters\/create$/, UI);
    await page.getByRole('textbox', { name: 'Name' }).fill('kz-almaty-2');
    await page.getByLabel('Regions').click();
    await page.getByRole('option', { name: 'Almaty' }).click();
    // A region no cluster serves yet is typed in: this cluster opens it.
    await page.getByLabel('Regions').fill('aktau');
    await page.getByRole('option', { name: 'Create aktau' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('spinbutton', { name: 'CPU, cores' }).fill('8');
    await page.getByRole('spinbutton', { name: 'Max spaces' }).fill('10');
    // A kubeconfig without a current context: the API's message lands under the kubeconfig field.
    await page.getByRole('textbox', { name: 'Kubeconfig' }).fill(extra!.kubeconfigYaml().replace(/current-context: .*/, ''));
    await page.getByTestId('cluster-save').click();
    // Under the field itself (the same text may also flash in a notification).
    await page.locator('.MuiFormHelperText-root.Mui-error', { hasText: 'The kubeconfig has no current-context' }).waitFor(UI);
    await page.getByRole('textbox', { name: 'Kubeconfig' }).fill(extra!.kubeconfigYaml());
    await page.getByTestId('cluster-save').click();
    await page.waitForURL(/#\/clusters\/[0-9a-f-]+\/show$/, UI);
    await expect.poll(() => page.getByTestId('cluster-health').getAttribute('data-value'), { timeout: 20_000 }).toBe('HEALTHY');
    expect(await page.getByTestId('cluster-capacity-cpu').getAttribute('data-limit')).toBe('8000');
    expect(await page.getByTestId('cluster-capacity-spaces').getAttribute('data-limit')).toBe('10');
    expect(await page.getByTestId('cluster-credentials').textContent()).toBe('Stored encrypted');
    expect(await page.getByTestId('cluster-regions').getByText('aktau').count()).toBe(1);
    await page.screenshot({ path: join(tmpdir(), 'nprod-clusters-show.png'), fullPage: true });

    await page.getByTestId('cluster-cordon').click();
    await page.getByTestId('cordon-dialog').getByLabel('Reason').fill('Kernel upgrade until Friday');
    await page.getByTestId('cordon-dialog').getByRole('button', { name: 'Cordon' }).click();
    await expect.poll(() => page.getByTestId('cluster-cordon-reason').textContent(), UI).toContain('Kernel upgrade until Friday');
    await page.getByTestId('cluster-uncordon').click();
    await page.getByTestId('cluster-cordon').waitFor(UI);
    expect(await page.getByTestId('cluster-cordon-reason').count()).toBe(0);

    await page.getByRole('menuitem', { name: 'Clusters' }).click();
    await rows.filter({ hasText: 'kz-almaty-2' }).waitFor(UI);
    await page.screenshot({ path: join(tmpdir(), 'nprod-clusters-list.png'), fullPage: true });
    await rows.filter({ hasText: 'kz-almaty-2' }).click();
    await page.getByTestId('cluster-delete').click();
    await page.getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/#\/clusters$/, UI);
    await expect.poll(() => rows.filter({ hasText: 'kz-almaty-2' }).count(), UI).toBe(0);
  });

  it('says in Russian why a cluster is unreachable', async (context) => {
    const operator = platform!.api.client();
    await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
    const down = await KubeEmulator.start();
    const { registerCluster } = await operator.data<{ registerCluster: { id: string } }>(
      'mutation($kubeconfig: String) { registerCluster(name: "kz-aktobe-9", regions: ["aktobe"], kubeconfig: $kubeconfig) { id } }',
      { kubeconfig: down.kubeconfigYaml() },
    );
    const health = async () => (await operator.data<{ Cluster: { health: string } }>('query($id: ID!) { Cluster(id: $id) { health } }', { id: registerCluster.id })).Cluster.health;
    await eventually(async () => ((await health()) === 'HEALTHY' ? true : undefined), 'kz-aktobe-9 to be probed HEALTHY');
    await down.stop();
    // A changed rate limit gives the worker a new client, which it probes at once.
    await operator.data('mutation($id: ID!) { updateCluster(id: $id, qps: 5) { id } }', { id: registerCluster.id });
    await eventually(async () => ((await health()) === 'UNREACHABLE' ? true : undefined), 'kz-aktobe-9 to be UNREACHABLE');

    const page = await signIn(context, DEMO_OPERATOR_EMAIL);
    await page.evaluate(`localStorage.setItem('RaStore.locale', '"ru"')`);
    await page.goto(`${platform!.api.url}/#/clusters/${registerCluster.id}/show`);
    await page.reload();
    await expect.poll(() => page.getByTestId('cluster-health-reason').textContent(), UI).toBe('API-сервер отказал в подключении.');
    // The worker's English stays at hand for the operator.
    expect(await page.getByTestId('cluster-health-reason').getAttribute('title')).toBe('The API server did not answer: the API server refused the connection (ECONNREFUSED).');
  });

  it('shows tenant administrators no clusters page', async (context) => {
    const page = await signIn(context, DEMO_AGENCY_ADMIN_EMAIL);
    await page.getByRole('menuitem', { name: 'Spaces' }).waitFor(UI);
    expect(await page.getByRole('menuitem', { name: 'Clusters' }).count()).toBe(0);
  });
});
