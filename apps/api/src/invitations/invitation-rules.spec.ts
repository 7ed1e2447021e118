import { TenantRole } from '@nprod/domain';
import { describe, expect, it } from 'vitest';
import { invitationMail, strongerRole } from './invitation-rules';
import { InvitationStatus, invitationStatus } from './models/invitation.model';

describe('invitation rules', () => {
  it('keeps the stronger of two roles', () => {
    expect(strongerRole(TenantRole.Viewer, TenantRole.Admin)).toBe(TenantRole.Admin);
    expect(strongerRole(TenantRole.Owner, TenantRole.Member)).toBe(TenantRole.Owner);
  });

  it('derives the status from the timestamps', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const base = { acceptedAt: null, revokedAt: null, expiresAt: new Date('2026-01-02T00:00:00Z') };
    expect(invitationStatus(base, now)).toBe(InvitationStatus.PENDING);
    expect(invitationStatus({ ...base, expiresAt: now }, now)).toBe(InvitationStatus.EXPIRED);
    expect(invitationStatus({ ...base, revokedAt: now }, now)).toBe(InvitationStatus.REVOKED);
    expect(invitationStatus({ ...base, revokedAt: now, acceptedAt: now }, now)).toBe(InvitationStatus.ACCEPTED);
  });

  it('writes the link on a line of its own with the expiry', () => {
    const mail = invitationMail({ tenantName: 'Kaskelen', inviterName: 'Operator', role: TenantRole.Admin, link: 'https://x/#/invitations/accept?token=t', expiresAt: new Date('2026-01-04T10:30:00Z') });
    expect(mail.subject).toBe('You are invited to Kaskelen on NPROD');
    expect(mail.text.split('\n')).toContain('https://x/#/invitations/accept?token=t');
    expect(mail.text).toContain('2026-01-04 10:30 UTC');
    expect(mail.text).toContain('invited you to join Kaskelen on NPROD as admin.');
  });
});
