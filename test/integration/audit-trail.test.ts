import { spawnSync } from 'node:child_process';
import { AuditEventEntity } from '@nprod/database';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENCY_ADMIN_EMAIL, DEMO_OPERATOR_EMAIL } from '../../apps/api/src/seed/demo-seed';
import { TEST_PASSWORD, type ApiHarness } from '../support/api-harness';
import { startApiStack, stopApiStack } from '../support/api-stack';
import type { GraphqlClient } from '../support/graphql-client';
import { type TestDatabase } from '../support/test-database';

let database: TestDatabase;
let api: ApiHarness;
let db: DataSource;
let operator: GraphqlClient;

beforeAll(async () => {
  ({ database, api, db } = await startApiStack());
  operator = api.client();
  await operator.login(DEMO_OPERATOR_EMAIL, TEST_PASSWORD);
});

afterAll(() => stopApiStack({ db, api, database }));

const verify = () => spawnSync(process.execPath, ['dist/apps/api/src/audit/audit-verify.js'], { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8' });

describe('audit trail', () => {
  it('records logins, failed ones too, with the source address and never the password', async () => {
    await api.client().request('mutation { login(login: "operator@nprod.local", password: "wrong-password") { accessToken } }');
    const events = await db.getRepository(AuditEventEntity).find({ where: { action: 'login' }, order: { id: 'ASC' } });
    expect(events.map((event) => event.outcome)).toEqual(['SUCCESS', 'DENIED']);
    expect(events[1]).toMatchObject({ actorLabel: DEMO_OPERATOR_EMAIL, actorId: null, sourceAddress: '127.0.0.1' });
    expect(JSON.stringify(events)).not.toContain('wrong-password');
    expect(JSON.stringify(events)).not.toContain(TEST_PASSWORD);
  });

  it('records every mutation with actor, tenant, target and outcome, refusals included', async () => {
    const admin = api.client();
    await admin.login(DEMO_AGENCY_ADMIN_EMAIL, TEST_PASSWORD);
    await admin.request(`mutation { createTenant(name: "Nope", slug: "nope", kind: BUSINESS, region: "almaty", cpuMillicores: 1, memoryMiB: 1, storageGiB: 1, maxSpaces: 1) { id } }`);
    const created = await operator.data(`mutation { createTenant(name: "Audited", slug: "audited", kind: BUSINESS, region: "almaty", cpuMillicores: 1000, memoryMiB: 1024, storageGiB: 1, maxSpaces: 1) { id } }`);
    const events = await db.getRepository(AuditEventEntity).find({ where: { action: 'createTenant' }, order: { id: 'ASC' } });
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ actorLabel: DEMO_AGENCY_ADMIN_EMAIL, outcome: 'DENIED', details: { errorCode: 'FORBIDDEN' } });
    expect(events[1]).toMatchObject({ actorLabel: DEMO_OPERATOR_EMAIL, outcome: 'SUCCESS', targetType: 'Tenant', targetId: created.createTenant.id, tenantId: created.createTenant.id });
  });

  it('lets auditors and operators list and filter events, and refuses plain members', async () => {
    const data = await operator.data(`{ allAuditEvents(filter: { action: "login", outcome: DENIED }) { action outcome actorLabel hash prevHash } _allAuditEventsMeta(filter: { action: "login" }) { count } }`);
    expect(data.allAuditEvents).toHaveLength(1);
    expect(data.allAuditEvents[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(data._allAuditEventsMeta.count).toBeGreaterThanOrEqual(3);
  });

  it('lists newest first and oldest first, as asked', async () => {
    const ids = async (sortOrder: string) =>
      (await operator.data(`query($o: String) { allAuditEvents(sortField: "occurredAt", sortOrder: $o, perPage: 500) { id } }`, { o: sortOrder })).allAuditEvents.map((event: { id: string }) => Number(event.id));
    const newestFirst = await ids('DESC');
    expect(newestFirst.length).toBeGreaterThan(2);
    expect(newestFirst).toEqual([...newestFirst].sort((a, b) => b - a));
    expect(await ids('ASC')).toEqual([...newestFirst].reverse());
  });

  it('exports a range as JSON Lines with the hashes', async () => {
    const response = await fetch(`${api.url}/audit/export?from=2000-01-01T00:00:00Z`, { headers: { authorization: `Bearer ${operator.accessToken}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/x-ndjson');
    const lines: Array<{ hash: string; prevHash: string }> = (await response.text()).trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.length).toBeGreaterThanOrEqual(4);
    expect(lines[1].prevHash).toBe(lines[0].hash);
    const anonymous = await fetch(`${api.url}/audit/export`);
    expect(anonymous.status).toBe(401);
    expect(((await anonymous.json()) as { code: string }).code).toBe('UNAUTHENTICATED');
    const bad = await fetch(`${api.url}/audit/export?from=yesterday`, { headers: { authorization: `Bearer ${operator.accessToken}` } });
    expect(bad.status).toBe(400);
  });

  it('is append-only, and audit:verify finds the first altered row', async () => {
    await expect(db.query(`UPDATE audit_events SET action = 'x' WHERE id = (SELECT min(id) FROM audit_events)`)).rejects.toThrow(/append-only/);
    const intact = verify();
    expect(intact.status, intact.stderr).toBe(0);
    expect(intact.stdout).toMatch(/audit chain intact: \d+ events/);

    const [target] = await db.query(`SELECT id FROM audit_events ORDER BY id OFFSET 2 LIMIT 1`);
    // Someone with database owner rights can switch the trigger off; the chain still tells.
    await db.query('ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only');
    await db.query(`UPDATE audit_events SET actor_label = 'someone-else' WHERE id = $1`, [target.id]);
    await db.query('ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only');
    const broken = verify();
    expect(broken.status).toBe(1);
    expect(broken.stdout).toContain(`BROKEN at event ${target.id}`);
    expect(broken.stdout).toContain('was changed after it was written');
  });
});

