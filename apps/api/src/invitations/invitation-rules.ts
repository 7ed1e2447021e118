import { type TenantRole, describeEnumValue } from '@nprod/domain';
import { TENANT_ROLE_RANK } from '../access/access-policy';

export function strongerRole(a: TenantRole, b: TenantRole): TenantRole {
  return TENANT_ROLE_RANK.indexOf(a) <= TENANT_ROLE_RANK.indexOf(b) ? a : b;
}

export interface InvitationMailInput {
  tenantName: string;
  inviterName: string;
  role: TenantRole;
  link: string;
  expiresAt: Date;
}

/** The invitation e-mail: plain text, with the one-time link on a line of its own. */
export function invitationMail(input: InvitationMailInput): { subject: string; text: string } {
  const expires = input.expiresAt.toISOString().replace('T', ' ').slice(0, 16);
  return {
    subject: `You are invited to ${input.tenantName} on NPROD`,
    text: [
      `${input.inviterName} invited you to join ${input.tenantName} on NPROD as ${describeEnumValue(input.role)}.`,
      '',
      'Accept the invitation here:',
      input.link,
      '',
      `The link works once and expires on ${expires} UTC. If you did not expect this e-mail, ignore it.`,
    ].join('\n'),
  };
}
