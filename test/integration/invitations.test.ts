import { AuditEventEntity, AuditOutcome, InvitationEntity, MembershipEntity, TenantEntity, UserEntity, createDataSource } from '@nprod/database';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_AGENCY_SLUG, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD, startApi, testConfig, type ApiHarness } from '../support/api-harness';
import type { GraphqlClient } from '../support/graphql-client';
import { startSmtpServer, type SmtpHarness } from '../support/smtp-harness';
import { startTestDatabase, type TestDatabase } from '../support/test-database';

const PUBLIC_URL = 'https://console.nprod.test';
let database: TestDatabase;
let smtp: SmtpHarness;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;
let agencyAdmin: GraphqlClient;
let agencyId: string;
let municipalityId: string;

const INVITE = 'mutation($tenantId: ID!, $email: String!, $role: TenantRole!) { inviteUser(tenantId: $tenantId, email: $email, role: $role) { id tenantId email role status expiresAt } }';
const ACCEPT = `mutation($token: String!, $displayName: String, $password: String!) {
  acceptInvitation(token: $token, displayName: $displayName, password: $password) { accessToken user { id email displayName memberships { tenantId role } } }
}`;
const REVOKE = 'mutation($id: ID!) { revokeInvitation(id: $id) { id status revokedAt } }';
const LIST = `query($filter: InvitationFilter) { allInvitations(filter: $filter, sortField: "email", sortOrder: "ASC") { id email role status tenantId } _allInvitationsMeta(filter: $filter) { count } }`;

/** The one-time link from the received mail, as a person would click it. */
async function linkSentTo(email: string): Promise<{ link: string; token: string }> {
  const mail = await smtp.waitFor(email);
  smtp.messages.splice(smtp.messages.indexOf(mail), 1);
  const link = /https?:\/\/\S+#\/invitations\/accept\?token=\S+/.exec(mail.text)?.[0];
  if (!link) throw new Error(`no invitation link in: ${mail.text}`);
  return { link, token: decodeURIComponent(new URL(link.replace('#/', '')).searchParams.get('token')!) };
}

async function signIn(login: string, password: string): Promise<GraphqlClient> {
  const client = api.client();
  await client.login(login, password);
  return client;
}

beforeAll(async () => {
  database = await startTestDatabase();
  smtp = await startSmtpServer();
  api = await startApi(testConfig(database.url, { SMTP_URL: smtp.url, MAIL_FROM: 'NPROD <invites@nprod.test>', PUBLIC_URL, INVITATION_TTL_HOURS: '48' }));
  db = await createDataSource({ url: database.url, poolSize: 2 }).initialize();
  operator = await signIn(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
  agencyAdmin = await signIn(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
  agencyId = (await db.getRepository(TenantEntity).findOneByOrFail({ slug: DEMO_AGENCY_SLUG })).id;
  const { createTenant } = await operator.data(
    `mutation($parentId: ID!) { createTenant(name: "Talgar Municipality", slug: "talgar", kind: MUNICIPALITY, parentId: $parentId, region: "almaty", cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 10, maxSpaces: 1) { id } }`,
    { parentId: agencyId },
  );
  municipalityId = createTenant.id;
});

afterAll(async () => {
  await db?.destroy();
  await api?.stop();
  await smtp?.stop();
  await database?.stop();
});

describe('invitations by e-mail', () => {
  it("lets an operator invite a public body's first admin, who accepts from the link in a real e-mail", async () => {
    const { inviteUser } = await operator.data(INVITE, { tenantId: municipalityId, email: ' Head@Talgar.gov.kz ', role: 'OWNER' });
    expect(inviteUser).toMatchObject({ tenantId: municipalityId, email: 'head@talgar.gov.kz', role: 'OWNER', status: 'PENDING' });
    const hoursValid = (new Date(inviteUser.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hoursValid).toBeGreaterThan(47.9);
    expect(hoursValid).toBeLessThanOrEqual(48);

    const mail = await smtp.waitFor('head@talgar.gov.kz');
    expect(mail.from).toBe('invites@nprod.test');
    expect(mail.subject).toBe('You are invited to Talgar Municipality on NPROD');
    const { link, token } = await linkSentTo('head@talgar.gov.kz');
    expect(link.startsWith(`${PUBLIC_URL}/#/invitations/accept?token=`)).toBe(true);
    // Only a hash is at rest.
    const stored = await db.getRepository(InvitationEntity).findOneByOrFail({ id: inviteUser.id });
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);

    const weak = await api.client().request(ACCEPT, { token, displayName: 'Head', password: 'short' });
    expect(weak.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
    const { acceptInvitation } = await api.client().data(ACCEPT, { token, displayName: 'Askar Head', password: 'municipal passphrase' });
    expect(acceptInvitation.user).toMatchObject({ email: 'head@talgar.gov.kz', displayName: 'Askar Head', memberships: [{ tenantId: municipalityId, role: 'OWNER' }] });
    const head = await signIn('head@talgar.gov.kz', 'municipal passphrase');
    expect((await head.data('{ me { email } }')).me.email).toBe('head@talgar.gov.kz');

    const reused = await api.client().request(ACCEPT, { token, displayName: 'Someone', password: 'another passphrase' });
    expect(reused.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' }, message: expect.stringContaining('already accepted') });
    const bogus = await api.client().request(ACCEPT, { token: 'not-a-token', password: 'whatever whatever' });
    expect(bogus.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'token' }, message: expect.stringContaining('not valid') });

    const sent = await db.getRepository(AuditEventEntity).findOneByOrFail({ action: 'sendInvitationEmail', targetId: inviteUser.id });
    expect(sent).toMatchObject({ outcome: AuditOutcome.Success, tenantId: municipalityId });
    const accepted = await db.getRepository(AuditEventEntity).findOneByOrFail({ action: 'acceptInvitation', outcome: AuditOutcome.Success });
    expect(JSON.stringify(accepted.details)).not.toContain(token);
  });

  it('lets a tenant admin invite into the subtree, never above their own role', async () => {
    const owner = await agencyAdmin.request(INVITE, { tenantId: agencyId, email: 'boss@agency.kz', role: 'OWNER' });
    expect(owner.errors?.[0]).toMatchObject({ extensions: { code: 'FORBIDDEN' }, message: expect.stringContaining('cannot grant') });
    const { inviteUser } = await agencyAdmin.data(INVITE, { tenantId: municipalityId, email: 'clerk@talgar.gov.kz', role: 'MEMBER' });
    expect(inviteUser.status).toBe('PENDING');
    const { token } = await linkSentTo('clerk@talgar.gov.kz');
    const { acceptInvitation } = await api.client().data(ACCEPT, { token, displayName: 'Clerk', password: 'clerk passphrase 1' });
    expect(acceptInvitation.user.memberships).toEqual([{ tenantId: municipalityId, role: 'MEMBER' }]);

    const clerk = await signIn('clerk@talgar.gov.kz', 'clerk passphrase 1');
    const refused = await clerk.request(INVITE, { tenantId: municipalityId, email: 'friend@talgar.gov.kz', role: 'VIEWER' });
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const foreign = await agencyAdmin.request(INVITE, { tenantId: '00000000-0000-4000-8000-000000000000', email: 'x@y.kz', role: 'VIEWER' });
    expect(foreign.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    // Operators may manage any tenant id, but a missing one is still NOT_FOUND (not an internal error).
    const missing = await operator.request(INVITE, { tenantId: '00000000-0000-4000-8000-000000000000', email: 'x@y.kz', role: 'VIEWER' });
    expect(missing.errors?.[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' }, message: foreign.errors?.[0].message });
    const member = await operator.request(INVITE, { tenantId: municipalityId, email: 'CLERK@talgar.gov.kz', role: 'ADMIN' });
    expect(member.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
  });

  it('lists invitations per the access policy: managers see their subtree, members none', async () => {
    const { allInvitations, _allInvitationsMeta } = await agencyAdmin.data(LIST, { filter: { tenantId: municipalityId } });
    expect(allInvitations.map((i: { email: string }) => i.email)).toEqual(['clerk@talgar.gov.kz', 'head@talgar.gov.kz']);
    expect(_allInvitationsMeta.count).toBe(2);
    expect((await operator.data(LIST, { filter: { status: 'ACCEPTED' } }))._allInvitationsMeta.count).toBe(2);
    const clerk = await signIn('clerk@talgar.gov.kz', 'clerk passphrase 1');
    expect((await clerk.data(LIST, {}))._allInvitationsMeta.count).toBe(0);
    const one = await clerk.request('query($id: ID!) { Invitation(id: $id) { id } }', { id: allInvitations[0].id });
    expect(one.errors?.[0].extensions?.code).toBe('NOT_FOUND');
    expect((await agencyAdmin.data('query($id: ID!) { Invitation(id: $id) { email } }', { id: allInvitations[0].id })).Invitation.email).toBe('clerk@talgar.gov.kz');
  });

  it('revokes, replaces and expires links with clear errors', async () => {
    const first = (await agencyAdmin.data(INVITE, { tenantId: agencyId, email: 'temp@agency.kz', role: 'VIEWER' })).inviteUser;
    const { token: firstToken } = await linkSentTo('temp@agency.kz');
    const second = (await agencyAdmin.data(INVITE, { tenantId: agencyId, email: 'temp@agency.kz', role: 'MEMBER' })).inviteUser;
    const { token: secondToken } = await linkSentTo('temp@agency.kz');
    const replaced = await api.client().request(ACCEPT, { token: firstToken, displayName: 'Temp', password: 'temporary passphrase' });
    expect(replaced.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'token' }, message: expect.stringContaining('withdrawn') });
    expect((await agencyAdmin.data('query($id: ID!) { Invitation(id: $id) { status } }', { id: first.id })).Invitation.status).toBe('REVOKED');

    const clerk = await signIn('clerk@talgar.gov.kz', 'clerk passphrase 1');
    expect((await clerk.request(REVOKE, { id: second.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    const { revokeInvitation } = await agencyAdmin.data(REVOKE, { id: second.id });
    expect(revokeInvitation.status).toBe('REVOKED');
    expect((await api.client().request(ACCEPT, { token: secondToken, displayName: 'Temp', password: 'temporary passphrase' })).errors?.[0].message).toContain('withdrawn');

    await agencyAdmin.data(INVITE, { tenantId: agencyId, email: 'late@agency.kz', role: 'VIEWER' });
    const { token: lateToken } = await linkSentTo('late@agency.kz');
    await db.query("UPDATE invitations SET expires_at = now() - interval '1 minute' WHERE email = 'late@agency.kz'");
    const late = await api.client().request(ACCEPT, { token: lateToken, displayName: 'Late', password: 'late passphrase 12' });
    expect(late.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'token' }, message: expect.stringMatching(/expired on .* UTC; ask the person who invited you/) });
    expect((await agencyAdmin.data(LIST, { filter: { status: 'EXPIRED' } })).allInvitations.map((i: { email: string }) => i.email)).toEqual(['late@agency.kz']);
    expect(await db.getRepository(UserEntity).countBy({ email: 'late@agency.kz' })).toBe(0);
  });

  it('adds an existing account to another tenant only with its password', async () => {
    await operator.data(INVITE, { tenantId: agencyId, email: 'head@talgar.gov.kz', role: 'VIEWER' });
    const { token } = await linkSentTo('head@talgar.gov.kz');
    const wrong = await api.client().request(ACCEPT, { token, password: 'not the password' });
    expect(wrong.errors?.[0]).toMatchObject({ extensions: { code: 'UNAUTHENTICATED' }, message: expect.stringContaining('enter its password') });
    const { acceptInvitation } = await api.client().data(ACCEPT, { token, password: 'municipal passphrase' });
    expect(acceptInvitation.user.displayName).toBe('Askar Head');
    const head = await db.getRepository(UserEntity).findOneByOrFail({ email: 'head@talgar.gov.kz' });
    expect(await db.getRepository(MembershipEntity).find({ where: { userId: head.id }, order: { role: 'ASC' } })).toMatchObject([
      { tenantId: municipalityId, role: 'OWNER' },
      { tenantId: agencyId, role: 'VIEWER' },
    ]);
  });

  it('withdraws the invitation and says so when the mail server is down', async () => {
    await smtp.stop();
    const result = await operator.request(INVITE, { tenantId: agencyId, email: 'unlucky@agency.kz', role: 'VIEWER' });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'INTERNAL_SERVER_ERROR' }, message: expect.stringContaining('could not be sent') });
    const stored = await db.getRepository(InvitationEntity).findOneByOrFail({ email: 'unlucky@agency.kz' });
    expect(stored.revokedAt).not.toBeNull();
    expect(await db.getRepository(AuditEventEntity).existsBy({ action: 'sendInvitationEmail', targetId: stored.id, outcome: AuditOutcome.Failure })).toBe(true);
  });
});
