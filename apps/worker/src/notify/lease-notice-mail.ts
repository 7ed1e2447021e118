import type { LeaseNoticeKind } from '@nprod/jobs';

export interface LeaseNoticeMailInput {
  notice: LeaseNoticeKind;
  instanceName: string;
  tenantName: string;
  leaseEndsAt: Date;
  /** When a suspended instance is deleted unless renewed (lease end + LEASE_GRACE_DAYS). */
  deleteAfter: Date;
  /** The instance page in the console, where the lease is renewed. */
  link: string;
}

const utc = (date: Date) => `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;

/** The lease notice as plain text: what happens to which instance, when, and the link to renew it. */
export function leaseNoticeMail(input: LeaseNoticeMailInput): { subject: string; text: string } {
  const { instanceName: name, tenantName: tenant } = input;
  const ends = utc(input.leaseEndsAt);
  const deleted = utc(input.deleteAfter);
  const [subject, ...what] =
    input.notice === 'ending'
      ? [
          `The lease of ${name} ends on ${ends}`,
          `The lease of the instance ${name} (${tenant}) ends on ${ends}.`,
          `Then it is suspended (scaled to zero, data kept), and deleted with its data after ${deleted} unless the lease is renewed.`,
        ]
      : input.notice === 'suspended'
        ? [
            `${name} is suspended: its lease ended`,
            `The lease of the instance ${name} (${tenant}) ended on ${ends}, so it is suspended: scaled to zero, its data kept.`,
            `Renew the lease before ${deleted} to start it again; after that it is deleted with its data.`,
          ]
        : [
            `${name} is being deleted: its lease was not renewed`,
            `The lease of the instance ${name} (${tenant}) ended on ${ends} and was not renewed before ${deleted}, so it is being deleted with its data.`,
          ];
  const action = input.notice === 'deleting' ? 'See the instance and its deletion order here:' : 'Renew the lease here:';
  return { subject, text: [...what, '', action, input.link, '', 'You receive this as an owner or administrator of the tenant, or because you ordered the instance.'].join('\n') };
}
