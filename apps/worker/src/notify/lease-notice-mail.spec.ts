import { describe, expect, it } from 'vitest';
import { leaseNoticeMail } from './lease-notice-mail';

const input = {
  instanceName: 'shop-db',
  tenantName: 'Akimat of Almaty',
  leaseEndsAt: new Date('2026-12-01T09:30:00Z'),
  deleteAfter: new Date('2026-12-08T09:30:00Z'),
  link: 'https://nprod.gov.kz/#/instances/5d6e/show',
};

describe('leaseNoticeMail', () => {
  it('names the instance, the end of the lease and the deletion date, with the link to renew', () => {
    const mail = leaseNoticeMail({ ...input, notice: 'ending' });
    expect(mail.subject).toBe('The lease of shop-db ends on 2026-12-01 09:30 UTC');
    expect(mail.text).toContain('The lease of the instance shop-db (Akimat of Almaty) ends on 2026-12-01 09:30 UTC.');
    expect(mail.text).toContain('deleted with its data after 2026-12-08 09:30 UTC unless the lease is renewed');
    expect(mail.text).toContain('Renew the lease here:\nhttps://nprod.gov.kz/#/instances/5d6e/show');
  });

  it('says what happened at suspension and at deletion', () => {
    expect(leaseNoticeMail({ ...input, notice: 'suspended' })).toMatchObject({
      subject: 'shop-db is suspended: its lease ended',
      text: expect.stringContaining('Renew the lease before 2026-12-08 09:30 UTC to start it again'),
    });
    const deleting = leaseNoticeMail({ ...input, notice: 'deleting' });
    expect(deleting.subject).toBe('shop-db is being deleted: its lease was not renewed');
    expect(deleting.text).toContain('See the instance and its deletion order here:');
    expect(deleting.text).not.toContain('Renew the lease here');
  });
});
