import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { base32Decode, totp } from '../../apps/api/src/auth/totp';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD } from '../support/api-harness';
import { launchConsoleBrowser, openConsolePage } from '../support/browser-harness';
import { GraphqlClient } from '../support/graphql-client';
import { startPlatform, type Platform } from '../support/platform-harness';
import { startSmtpServer, type SmtpHarness } from '../support/smtp-harness';

/**
 * Identity, audit and quotas as people use them in the console: a real Chromium against the
 * whole platform started here, with a real SMTP server for the invitation mail.
 */
const UI = { timeout: 15_000 };

describe('identity, audit and quotas in the console', () => {
  let platform: Platform | undefined;
  let smtp: SmtpHarness | undefined;
  let browser: Browser | undefined;
  let operator: GraphqlClient;
  let agencyId: string;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    platform = await startPlatform({ SMTP_URL: smtp.url, MAIL_FROM: 'NPROD <invites@nprod.test>' });
    operator = platform.api.client();
    await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
    agencyId = (await operator.data<{ allTenants: Array<{ id: string }> }>('query($q: String) { allTenants(filter: { q: $q }) { id } }', { q: DEMO_AGENCY_SLUG })).allTenants[0].id;
    browser = await launchConsoleBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await platform?.stop();
    await smtp?.stop();
  });

  async function openConsole(context: TestContext, name = 'page'): Promise<Page> {
    return openConsolePage(browser!, context, { acceptDownloads: true }, name);
  }

  async function signIn(page: Page, login: string, password = TEST_PASSWORD): Promise<void> {
    await page.goto(`${platform!.api.url}/`);
    await page.getByTestId('login-identifier').fill(login);
    await page.getByTestId('login-password').fill(password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('dashboard-welcome').waitFor(UI);
  }

  it('shows an operator their own sign-in in the audit log, with its hash chain, and exports the range as JSON Lines', async (context) => {
    const page = await openConsole(context);
    await signIn(page, DEMO_OPERATOR_EMAIL);

    await page.getByRole('menuitem', { name: 'Audit log' }).click();
    const rows = page.getByTestId('audit-list').locator('tbody tr');
    await rows.first().waitFor(UI);
    // Only sign-ins: the operator's successful login is among them.
    await page.getByRole('button', { name: 'Add filter' }).click();
    await page.getByRole('menuitemcheckbox', { name: 'Action' }).click();
    await page.getByRole('combobox', { name: 'Action' }).fill('login');
    await page.getByRole('option', { name: 'login', exact: true }).click();
    await expect.poll(() => page.url(), UI).toMatch(/action/);
    const loginRow = rows.filter({ hasText: DEMO_OPERATOR_EMAIL }).filter({ has: page.locator('[data-testid=audit-outcome][data-value=SUCCESS]') }).first();
    await loginRow.waitFor(UI);
    expect(await rows.filter({ hasNotText: 'login' }).count()).toBe(0);

    await loginRow.click();
    await page.waitForURL(/#\/audit-events\/\d+\/show$/);
    await expect.poll(() => page.getByTestId('audit-hash').textContent(), UI).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('audit-prev-hash').textContent()).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.getByTestId('audit-details').textContent()).toContain(DEMO_OPERATOR_EMAIL);
    expect(await page.getByTestId('audit-details').textContent()).not.toContain(TEST_PASSWORD);

    // The export is fetched with the bearer token and saved as a file.
    await page.goBack();
    await page.getByTestId('audit-export').click();
    const download = page.waitForEvent('download', UI);
    await page.getByTestId('audit-export-dialog-submit').click();
    const file = await (await download).path();
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { action: string; actorLabel: string; outcome: string; hash: string; prevHash: string });
    expect(lines.some((event) => event.action === 'login' && event.actorLabel === DEMO_OPERATOR_EMAIL && event.outcome === 'SUCCESS')).toBe(true);
    // Chain order: each event names the one before it.
    for (let index = 1; index < lines.length; index += 1) expect(lines[index].prevHash).toBe(lines[index - 1].hash);
  });

  it('lets a tenant admin ask for more quota and an operator approve part of it', async (context) => {
    const before = await allocationInAlmaty();
    const admin = await openConsole(context, 'admin');
    await signIn(admin, DEMO_AGENCY_ADMIN_EMAIL);
    await admin.goto(`${platform!.api.url}/#/tenants/${agencyId}/show/quota`);
    await admin.getByTestId('tenant-quota').waitFor(UI);
    await admin.getByTestId('request-quota').click();
    await admin.locator('input[name=cpuCores]').fill('8');
    await admin.locator('input[name=memoryGiB]').fill('16');
    await admin.locator('input[name=maxSpaces]').fill('4');
    // Too short a justification is caught before a round trip.
    await admin.locator('textarea[name=justification]').fill('More');
    await admin.getByTestId('request-quota-dialog-submit').click();
    await expect.poll(() => admin.locator('textarea[name=justification]').getAttribute('aria-invalid'), UI).toBe('true');
    await admin.locator('textarea[name=justification]').fill('Citizen appointment service goes live next month.');
    await admin.getByTestId('request-quota-dialog-submit').click();
    const requestRow = admin.getByTestId('tenant-quota-requests').locator('tbody tr').first();
    await expect.poll(() => requestRow.getByTestId('quota-request-status').getAttribute('data-value'), UI).toBe('PENDING');
    expect(await requestRow.getByTestId('quota-requested').textContent()).toBe('8 vCPU · 16 GiB memory · 4 spaces');

    const op = await openConsole(context, 'operator');
    await signIn(op, DEMO_OPERATOR_EMAIL);
    await op.getByRole('menuitem', { name: 'Quota requests' }).click();
    await op.getByTestId('quota-request-list').locator('tbody tr').filter({ hasText: 'Almaty Region Digital Agency' }).filter({ hasText: 'Pending' }).first().click();
    await op.getByTestId('quota-approve').click();
    // The form starts with what was asked for; the operator grants half the CPU.
    expect(await op.locator('input[name=cpuCores]').inputValue()).toBe('8');
    expect(await op.locator('input[name=memoryGiB]').inputValue()).toBe('16');
    await op.locator('input[name=cpuCores]').fill('80');
    // More than asked is neither a full nor a partial approval.
    await expect.poll(() => op.getByTestId('approve-kind').getAttribute('data-value'), UI).toBe('above');
    await op.locator('input[name=cpuCores]').fill('4');
    await expect.poll(() => op.getByTestId('approve-kind').textContent(), UI).toMatch(/part of the request/);
    await op.locator('textarea[name=reason]').fill('Half of the CPU now; ask again when the service is live.');
    await op.getByTestId('approve-dialog-submit').click();
    await expect.poll(() => op.getByTestId('quota-request-outcome').textContent(), UI).toMatch(/Approved in part\. Note: Half of the CPU now/);

    const { allQuotaRequests } = await operator.data<{ allQuotaRequests: Array<Record<string, unknown>> }>(
      'query($tenantId: ID) { allQuotaRequests(filter: { tenantId: $tenantId }, sortField: "createdAt", sortOrder: "DESC", perPage: 1) { status grantedCpuMillicores grantedMemoryMiB grantedMaxSpaces reason } }',
      { tenantId: agencyId },
    );
    expect(allQuotaRequests[0]).toEqual({ status: 'PARTIALLY_APPROVED', grantedCpuMillicores: 4000, grantedMemoryMiB: 16384, grantedMaxSpaces: 4, reason: 'Half of the CPU now; ask again when the service is live.' });
    const after = await allocationInAlmaty();
    expect(after).toEqual({ cpuMillicores: before.cpuMillicores + 4000, memoryMiB: before.memoryMiB + 16384, maxSpaces: before.maxSpaces + 4 });

    // The admin sees the decision and the new limits without signing in again.
    await admin.reload();
    await expect.poll(() => requestRow.getByTestId('quota-request-status').getAttribute('data-value'), UI).toBe('PARTIALLY_APPROVED');
    await expect.poll(() => admin.getByTestId('allocation-almaty-cpu').getAttribute('data-limit'), UI).toBe(String(after.cpuMillicores));
  });

  it('shows a new API token once, in a copyable field, and never again', async (context) => {
    const page = await openConsole(context);
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform!.api.url });
    await signIn(page, DEMO_AGENCY_ADMIN_EMAIL);
    await page.goto(`${platform!.api.url}/#/tenants/${agencyId}/show/api-tokens`);
    await page.getByTestId('api-token-create').click();
    await page.locator('input[name=name]').fill('ci-deploy');
    // An admin grants at most Administrator: Owner is not offered.
    await page.getByRole('combobox', { name: 'Role' }).click();
    expect(await page.getByRole('option').allTextContents()).toEqual(['Administrator', 'Member', 'Viewer']);
    await page.getByRole('option', { name: 'Member' }).click();
    await page.getByTestId('api-token-dialog-submit').click();

    const secret = page.getByTestId('token-secret');
    await secret.waitFor(UI);
    const token = await secret.inputValue();
    expect(token).toMatch(/^nprod_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/);
    expect(await page.getByTestId('token-reveal-warning').textContent()).toMatch(/shown only once/);
    await page.getByTestId('token-copy').click();
    await expect.poll(() => page.evaluate<string>('navigator.clipboard.readText()'), UI).toBe(token);

    // The token works as a bearer token on the API, as the tenant's MEMBER.
    const automation = new GraphqlClient(platform!.api.url);
    automation.accessToken = token;
    const { me } = await automation.data<{ me: { memberships: Array<{ tenantId: string; role: string }> } }>('{ me { memberships { tenantId role } } }');
    expect(me.memberships).toEqual([{ tenantId: agencyId, role: 'MEMBER' }]);

    await page.getByTestId('token-reveal-done').click();
    await expect.poll(() => page.getByTestId('token-reveal').count(), UI).toBe(0);
    const row = page.getByTestId('tenant-api-tokens').locator('tbody tr').filter({ hasText: 'ci-deploy' });
    await row.waitFor(UI);
    expect(await row.textContent()).toContain(token.split('_').slice(0, 2).join('_'));
    // Gone for good: neither this page nor a reload shows the secret again.
    expect(await page.content()).not.toContain(token);
    await page.reload();
    await row.waitFor(UI);
    expect(await page.content()).not.toContain(token);

    // Revoked, it stops working at once.
    await row.getByTestId('api-token-revoke').click();
    await page.getByRole('button', { name: 'Revoke' }).last().click();
    await expect.poll(() => row.getByTestId('api-token-state').getAttribute('data-value'), UI).toBe('REVOKED');
    expect((await automation.request('{ me { id } }')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('takes an invited person from the e-mail link to the console, then asks for their TOTP code at sign-in', async (context) => {
    const email = `dana.${Date.now()}@agency.nprod.local`;
    await operator.data('mutation($tenantId: ID!, $email: String!) { inviteUser(tenantId: $tenantId, email: $email, role: VIEWER) { id } }', { tenantId: agencyId, email });
    const mail = await smtp!.waitFor(email);
    const token = /#\/invitations\/accept\?token=([^\s"<>]+)/.exec(mail.text)?.[1];
    expect(token).toBeTruthy();

    const page = await openConsole(context);
    await page.goto(`${platform!.api.url}/#/invitations/accept?token=${token}`);
    await page.locator('input[name=displayName]').fill('Dana Invited');
    await page.locator('input[name=password]').fill('a fresh password 123');
    await page.getByTestId('invitation-accept-submit').click();
    await expect.poll(() => page.getByTestId('dashboard-welcome').textContent(), UI).toMatch(/Welcome, Dana Invited.*Viewer in Almaty Region Digital Agency/);

    // Turn on two-factor sign-in from the account page, with the secret the page shows.
    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByTestId('menu-account-security').click();
    await page.getByTestId('totp-start').click();
    await page.getByTestId('totp-qr').waitFor(UI);
    const secret = base32Decode(((await page.getByTestId('totp-secret').textContent()) ?? '').replace(/\s+/g, ''));
    await page.getByTestId('totp-confirm-code').fill(totp(secret, Date.now()));
    await page.getByTestId('totp-confirm-submit').click();
    await expect.poll(() => page.getByTestId('totp-state').getAttribute('data-value'), UI).toBe('on');

    await page.getByRole('button', { name: 'Profile' }).click();
    await page.getByRole('menuitem', { name: 'Logout' }).click();
    await page.getByTestId('login-identifier').fill(email);
    await page.getByTestId('login-password').fill('a fresh password 123');
    await page.getByTestId('login-submit').click();
    // The password was right: the page now asks for the code, without an error.
    await page.getByTestId('login-otp').waitFor(UI);
    expect(await page.getByTestId('login-error').count()).toBe(0);
    await page.getByTestId('login-otp').fill('000000');
    await page.getByTestId('login-submit').click();
    await expect.poll(() => page.getByTestId('login-error').textContent(), UI).toMatch(/code does not match/);
    // The code of the next 30-second step is accepted (one step of drift), and it was not used before.
    await page.getByTestId('login-otp').fill(totp(secret, Date.now() + 30_000));
    await page.getByTestId('login-submit').click();
    // Back where the sign-out happened, signed in.
    await page.waitForURL(/#\/account\/security$/, UI);
    await expect.poll(() => page.getByTestId('totp-state').getAttribute('data-value'), UI).toBe('on');
  });

  async function allocationInAlmaty(): Promise<{ cpuMillicores: number; memoryMiB: number; maxSpaces: number }> {
    const { allAllocations } = await operator.data<{ allAllocations: Array<{ cpuMillicores: number; memoryMiB: number; maxSpaces: number }> }>(
      'query($tenantId: ID) { allAllocations(filter: { tenantId: $tenantId, region: "almaty" }) { cpuMillicores memoryMiB maxSpaces } }',
      { tenantId: agencyId },
    );
    return allAllocations[0];
  }
});
