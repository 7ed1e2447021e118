import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export enum AuditOutcome {
  Success = 'SUCCESS',
  Failure = 'FAILURE',
  Denied = 'DENIED',
}

/**
 * One append-only audit record. Rows are hash-chained in id order: `hash` covers this row's
 * fields and `prevHash`, so changing or deleting any row breaks every link after it.
 * A trigger refuses UPDATE and DELETE; the chain catches whoever disables it.
 */
@Entity('audit_events')
@Index('ix_audit_events_occurred_at', ['occurredAt'])
@Index('ix_audit_events_tenant', ['tenantId', 'id'])
@Index('ix_audit_events_actor', ['actorId', 'id'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'timestamptz' })
  occurredAt: Date;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  /** Who, in words: an email, the login name tried, `worker` or `system`. */
  @Column({ type: 'text' })
  actorLabel: string;

  @Column({ type: 'uuid', nullable: true })
  tenantId: string | null;

  /** What was attempted, e.g. `login`, `createTenant`, `createSpace`. */
  @Index()
  @Column({ type: 'text' })
  action: string;

  @Column({ type: 'text', nullable: true })
  targetType: string | null;

  @Column({ type: 'text', nullable: true })
  targetId: string | null;

  @Column({ type: 'enum', enum: AuditOutcome, enumName: 'audit_outcome' })
  outcome: AuditOutcome;

  @Column({ type: 'text', nullable: true })
  sourceAddress: string | null;

  @Column({ type: 'text', nullable: true })
  requestId: string | null;

  /** Arguments and error codes, never secrets (see redactAuditDetails). */
  @Column({ type: 'jsonb', default: {} })
  details: Record<string, unknown>;

  @Column({ type: 'text' })
  prevHash: string;

  @Index({ unique: true })
  @Column({ type: 'text' })
  hash: string;
}
