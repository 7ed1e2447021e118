import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AuditEventEntity, type AuditOutcome } from '../entities/audit-event.entity';

/** prevHash of the first event. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** Serialises appends: each event needs the hash of the one before it. */
const AUDIT_CHAIN_LOCK = 7_300_001;

export interface AuditRecord {
  occurredAt?: Date;
  actorId?: string | null;
  actorLabel: string;
  tenantId?: string | null;
  action: string;
  targetType?: string | null;
  targetId?: string | null;
  outcome: AuditOutcome;
  sourceAddress?: string | null;
  requestId?: string | null;
  details?: Record<string, unknown>;
}

type HashedFields = Omit<AuditEventEntity, 'id' | 'hash'>;

/** Keys sorted at every level, so the same content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // An invalid Date (e.g. a malformed DateTime argument) is stored as null by JSON.stringify; hash it the same way.
  if (value instanceof Date) return JSON.stringify(Number.isNaN(value.getTime()) ? null : value.toISOString());
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, v]) => `${JSON.stringify(key)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function auditEventHash(event: HashedFields): string {
  const { occurredAt, actorId, actorLabel, tenantId, action, targetType, targetId, outcome, sourceAddress, requestId, details, prevHash } = event;
  return createHash('sha256')
    .update(canonicalJson({ occurredAt, actorId, actorLabel, tenantId, action, targetType, targetId, outcome, sourceAddress, requestId, details, prevHash }))
    .digest('hex');
}

/** Passwords, tokens, one-time and authorisation codes, keys; `errorCode` is not a secret. */
const SECRET_KEYS = /pass(word)?|secret|token|otp|^code$|key|kubeconfig/i;

/** Replaces the values of secret-looking fields, at any depth, so no secret reaches the audit log. */
export function redactAuditDetails(details: Record<string, unknown>): Record<string, unknown> {
  const redact = (value: unknown, key = ''): unknown => {
    if (SECRET_KEYS.test(key) && value !== null && value !== undefined) return '[redacted]';
    if (Array.isArray(value)) return value.map((item) => redact(item));
    if (value && typeof value === 'object' && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redact(v, k)]));
    }
    return value;
  };
  return redact(details) as Record<string, unknown>;
}

/**
 * Appends one event inside the caller's transaction (so a change and its audit record commit
 * together), after taking the chain lock that orders appends.
 */
export async function appendAuditEvent(manager: EntityManager, record: AuditRecord): Promise<AuditEventEntity> {
  await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_CHAIN_LOCK]);
  const [last] = await manager.query<Array<{ hash: string }>>('SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1');
  const fields: HashedFields = {
    // Millisecond precision: PostgreSQL stores microseconds, JavaScript dates carry milliseconds.
    occurredAt: new Date(Math.floor((record.occurredAt ?? new Date()).getTime())),
    actorId: record.actorId ?? null,
    actorLabel: record.actorLabel,
    tenantId: record.tenantId ?? null,
    action: record.action,
    targetType: record.targetType ?? null,
    targetId: record.targetId ?? null,
    outcome: record.outcome,
    sourceAddress: record.sourceAddress ?? null,
    requestId: record.requestId ?? null,
    details: redactAuditDetails(record.details ?? {}),
    prevHash: last?.hash ?? AUDIT_GENESIS_HASH,
  };
  const entity = manager.getRepository(AuditEventEntity).create({ ...fields, hash: auditEventHash(fields) });
  return manager.getRepository(AuditEventEntity).save(entity);
}

export type AuditChainReport =
  | { ok: true; checked: number; lastHash: string }
  | { ok: false; checked: number; brokenAtId: string; problem: string };

/** Walks the chain in id order, in batches, and reports the first event whose link or hash does not match. */
export async function verifyAuditChain(manager: EntityManager, batchSize = 5_000): Promise<AuditChainReport> {
  let prevHash = AUDIT_GENESIS_HASH;
  let afterId = '0';
  let checked = 0;
  for (;;) {
    const rows = await manager
      .getRepository(AuditEventEntity)
      .createQueryBuilder('a')
      .where('a.id > :afterId', { afterId })
      .orderBy('a.id', 'ASC')
      .take(batchSize)
      .getMany();
    for (const row of rows) {
      if (row.prevHash !== prevHash) {
        return { ok: false, checked, brokenAtId: row.id, problem: `event ${row.id} points to ${row.prevHash.slice(0, 12)}… but the event before it hashes to ${prevHash.slice(0, 12)}… (an event was removed or changed before it)` };
      }
      const expected = auditEventHash(row);
      if (row.hash !== expected) {
        return { ok: false, checked, brokenAtId: row.id, problem: `event ${row.id} was changed after it was written: its content hashes to ${expected.slice(0, 12)}…, the stored hash is ${row.hash.slice(0, 12)}…` };
      }
      prevHash = row.hash;
      afterId = row.id;
      checked += 1;
    }
    if (rows.length < batchSize) return { ok: true, checked, lastHash: prevHash };
  }
}
