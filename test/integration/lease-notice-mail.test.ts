import { createDataSource, OutboxMessageEntity } from '@nprod/database';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseNoticeService } from '../../apps/worker/src/notify/lease-notice.service';
import { ReconcileService } from '../../apps/worker/src/reconcile/reconcile.service';
import { eventually, startPlatform, type Platform } from '../support/platform-harness';
import { startSmtpServer, type SmtpHarness } from '../support/smtp-harness';
import { createTenancy, type Tenancy } from '../support/tenancy-fixture';

/**
 * Lease notices by mail, end to end: the reconcile writes a `notify.lease` outbox job, the
 * worker's notify queue sends it through a real SMTP server to the tenant's owners and admins
 * and the orderer, once per step, retrying while the mail server refuses.
 */
const PUBLIC_URL = 'https://console.test.nprod.local';
const DAY_MS = 24 * 3600 * 1000;

let smtp: SmtpHarness;
let platform: Platform;
let db: DataSource;
let t: Tenancy;
let reconcile: ReconcileService;
let instanceId: string;
let leaseEndsAt: Date;

const noticeJobs = () => db.getRepository(OutboxMessageEntity).createQueryBuilder('o').where("o.job_name = 'notify.lease' AND o.payload->>'instanceId' = :instanceId", { instanceId }).getMany();
const mailsTo = (email: string) => smtp.messages.filter((message) => message.to.includes(email));

/** Every notice job of the instance relayed, and as many mails delivered as there are jobs. */
async function noticesDelivered(): Promise<void> {
  await eventually(async () => {
    const jobs = await noticeJobs();
    return jobs.every((job) => job.relayedAt) && mailsTo(t.emails.owner).length === jobs.length ? true : undefined;
  }, 'every lease notice to be delivered');
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  platform = await startPlatform({ SMTP_URL: smtp.url, PUBLIC_URL, KUBE_CLUSTER_REGIONS: 'almaty', RECONCILE_INTERVAL_SECONDS: '3600', LEASE_NOTICE_DAYS: '7', LEASE_GRACE_DAYS: '7' });
  db = await createDataSource({ url: platform.database.url, poolSize: 2 }).initialize();
  t = await createTenancy(db, () => platform.api.client());
  reconcile = platform.worker.context.get(ReconcileService);
  const { createSpace } = await t.clients.owner.data(
    `mutation($tenantId: ID!) { createSpace(tenantId: $tenantId, name: "Shop", slug: "shop", cpuMillicores: 2000, memoryMiB: 2048, storageGiB: 5) { id } }`,
    { tenantId: t.own.id },
  );
  await eventually(async () => ((await t.clients.owner.data(`query($id: ID!) { Space(id: $id) { status } }`, { id: createSpace.id })).Space.status === 'ACTIVE' ? true : undefined), 'the space to become ACTIVE');
  const { allOfferings } = await t.clients.admin.data(`{ allOfferings(filter: { q: "container" }) { id key } }`);
  leaseEndsAt = new Date(Date.now() + 2 * DAY_MS);
  // Ordered by a platform operator, so the orderer is a recipient who is neither owner nor admin.
  const { submitOrder } = await t.clients.operator.data(
    `mutation($tenantId: ID!, $offeringId: ID, $spaceId: ID, $leaseEndsAt: DateTime) {
      submitOrder(tenantId: $tenantId, offeringId: $offeringId, planKey: "xs", spaceId: $spaceId, name: "shop", parameters: { image: "registry.gov.kz/team/shop:1.0" }, idempotencyKey: "leased-shop", leaseEndsAt: $leaseEndsAt) { instanceId }
    }`,
    { tenantId: t.own.id, offeringId: allOfferings.find((offering: { key: string }) => offering.key === 'container-app').id, spaceId: createSpace.id, leaseEndsAt: leaseEndsAt.toISOString() },
  );
  instanceId = submitOrder.instanceId;
  await eventually(async () => ((await t.clients.owner.data(`query($id: ID!) { Instance(id: $id) { status } }`, { id: instanceId })).Instance.status === 'ACTIVE' ? true : undefined), 'the instance to become ACTIVE');
});

afterAll(async () => {
  await db?.destroy();
  await platform?.stop();
  await smtp?.stop();
});

describe('lease notices by mail', () => {
  it('mails the owners, admins and the orderer once when the lease ends within LEASE_NOTICE_DAYS, naming the instance and the date, with a link to renew', async () => {
    await reconcile.moveLeases(new Date());
    const mail = await smtp.waitFor(t.emails.owner);
    expect(mail.to.sort()).toEqual([t.emails.owner, t.emails.admin, t.emails.operator].sort());
    const ends = `${leaseEndsAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
    expect(mail.subject).toBe(`The lease of shop ends on ${ends}`);
    expect(mail.text).toContain(`The lease of the instance shop (${t.own.name}) ends on ${ends}.`);
    expect(mail.text).toMatch(new RegExp(`Renew the lease here:\\r?\\n${PUBLIC_URL}/#/instances/${instanceId}/show`));
    expect(mailsTo(t.emails.member)).toEqual([]);
    expect(mailsTo(t.emails.viewer)).toEqual([]);
  });

  it('sends no second mail when the reconcile runs again', async () => {
    await reconcile.moveLeases(new Date());
    await reconcile.moveLeases(new Date(Date.now() + 60_000));
    await noticesDelivered();
    expect((await noticeJobs()).map((job) => job.payload.notice)).toEqual(['ending']);
    expect(mailsTo(t.emails.owner)).toHaveLength(1);
  });

  it('sends nothing for a notice that a renewal made stale', async () => {
    const before = smtp.messages.length;
    await platform.worker.context.get(LeaseNoticeService).send({ instanceId, notice: 'ending', leaseEndsAt: new Date(leaseEndsAt.getTime() - DAY_MS).toISOString() });
    expect(smtp.messages).toHaveLength(before);
  });

  it('mails the suspension at the end of the lease, and retries while the mail server refuses without holding up the reconcile', async () => {
    smtp.refuseNext(1);
    // Resolves although the mail server refuses: the sweep only writes the job, the notify queue sends (and retries) it.
    await reconcile.moveLeases(new Date(leaseEndsAt.getTime() + 60_000));
    expect((await t.clients.owner.data(`query($id: ID!) { Instance(id: $id) { suspendedAt } }`, { id: instanceId })).Instance.suspendedAt).not.toBeNull();
    await eventually(async () => (mailsTo(t.emails.owner).length === 2 ? true : undefined), 'the suspension mail to arrive after a retry', 30_000);
    expect(smtp.refused).toBe(1);
    const suspended = mailsTo(t.emails.owner)[1];
    expect(suspended.subject).toBe('shop is suspended: its lease ended');
    expect(suspended.text).toContain(`Renew the lease before ${new Date(leaseEndsAt.getTime() + 7 * DAY_MS).toISOString().replace('T', ' ').slice(0, 16)} UTC`);
  });

  it('mails once more when the grace period is over and the instance is deleted', async () => {
    await reconcile.moveLeases(new Date(leaseEndsAt.getTime() + 8 * DAY_MS));
    await reconcile.moveLeases(new Date(leaseEndsAt.getTime() + 8 * DAY_MS + 60_000));
    await noticesDelivered();
    expect((await noticeJobs()).map((job) => job.payload.notice)).toEqual(['ending', 'suspended', 'deleting']);
    expect(mailsTo(t.emails.owner).map((mail) => mail.subject)).toEqual([
      `The lease of shop ends on ${leaseEndsAt.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
      'shop is suspended: its lease ended',
      'shop is being deleted: its lease was not renewed',
    ]);
  });
});
