import { describe, expect, it } from 'vitest';
import { AuditOutcome } from '../entities/audit-event.entity';
import { AUDIT_GENESIS_HASH, auditEventHash, redactAuditDetails } from './audit-chain';

const event = {
  occurredAt: new Date('2026-01-01T00:00:00.000Z'),
  actorId: null,
  actorLabel: 'operator@nprod.local',
  tenantId: null,
  action: 'login',
  targetType: null,
  targetId: null,
  outcome: AuditOutcome.Success,
  sourceAddress: '10.0.0.1',
  requestId: 'r1',
  details: { b: 1, a: { d: 2, c: 3 } },
  prevHash: AUDIT_GENESIS_HASH,
};

describe('audit chain hashing', () => {
  it('does not depend on key order, and changes with any field or the previous hash', () => {
    const hash = auditEventHash(event);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(auditEventHash({ ...event, details: { a: { c: 3, d: 2 }, b: 1 } })).toBe(hash);
    expect(auditEventHash({ ...event, actorLabel: 'someone@else' })).not.toBe(hash);
    expect(auditEventHash({ ...event, prevHash: 'f'.repeat(64) })).not.toBe(hash);
    expect(auditEventHash({ ...event, occurredAt: new Date('2026-01-01T00:00:00.001Z') })).not.toBe(hash);
  });

  it('redacts secret-looking fields at any depth and keeps the rest', () => {
    expect(redactAuditDetails({ args: { login: 'a@b.c', password: 'p', nested: [{ refreshToken: 't' }] }, errorCode: 'FORBIDDEN' })).toEqual({
      args: { login: 'a@b.c', password: '[redacted]', nested: [{ refreshToken: '[redacted]' }] },
      errorCode: 'FORBIDDEN',
    });
  });
});
