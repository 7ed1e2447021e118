import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, type AppConfig } from '@nprod/config';
import { InstanceEntity, TenantEntity } from '@nprod/database';
import { InstanceStatus, TenantRole } from '@nprod/domain';
import type { JobOf } from '@nprod/jobs';
import { MailSender, consoleBaseUrl } from '@nprod/mail';
import { DataSource } from 'typeorm';
import { leaseNoticeMail } from './lease-notice-mail';

const DAY_MS = 24 * 3600 * 1000;

/**
 * `notify.lease`: mails a lease notice to the instance's owners. A failed send throws, so
 * BullMQ retries it with backoff while the reconcile goes on; the notice is one message to all
 * recipients, so a retry never mails some of them twice.
 */
@Injectable()
export class LeaseNoticeService {
  private readonly logger = new Logger(LeaseNoticeService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MailSender) private readonly mail: MailSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send({ instanceId, notice, leaseEndsAt }: JobOf<'notify.lease'>): Promise<void> {
    const instance = await this.db.getRepository(InstanceEntity).findOneBy({ id: instanceId });
    // Renewed (another end), or gone: this notice is no longer true.
    if (!instance || instance.leaseEndsAt?.toISOString() !== leaseEndsAt || (notice !== 'deleting' && instance.status === InstanceStatus.Deleted)) {
      this.logger.log({ msg: 'lease notice is stale; not sent', instanceId, notice });
      return;
    }
    const recipients = await this.recipients(instance);
    if (recipients.length === 0) {
      this.logger.warn({ msg: 'lease notice has nobody to go to (no owner, admin or orderer with an e-mail)', instanceId, notice });
      return;
    }
    const tenant = await this.db.getRepository(TenantEntity).findOneByOrFail({ id: instance.tenantId });
    const ends = instance.leaseEndsAt!;
    const message = leaseNoticeMail({
      notice,
      instanceName: instance.name,
      tenantName: tenant.name,
      leaseEndsAt: ends,
      deleteAfter: new Date(ends.getTime() + this.config.instances.leaseGraceDays * DAY_MS),
      link: `${consoleBaseUrl(this.config)}/#/instances/${instance.id}/show`,
    });
    await this.mail.send({ to: recipients, ...message });
    this.logger.log({ msg: 'lease notice sent', instanceId, notice, recipients: recipients.length });
  }

  /** The tenant's OWNERs and ADMINs and the person who ordered the instance, each once. */
  private async recipients(instance: InstanceEntity): Promise<string[]> {
    const rows = await this.db.query<Array<{ email: string }>>(
      `SELECT u.email FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.tenant_id = $1 AND m.role IN ($2, $3)
       UNION
       SELECT u.email FROM orders o JOIN users u ON u.id = o.requested_by_id WHERE o.id = $4
       ORDER BY email`,
      [instance.tenantId, TenantRole.Owner, TenantRole.Admin, instance.createOrderId],
    );
    return rows.map((row) => row.email);
  }
}
