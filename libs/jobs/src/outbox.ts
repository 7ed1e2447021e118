import { OutboxMessageEntity } from '@nprod/database';
import type { EntityManager } from 'typeorm';
import type { JobItem } from './job-types';

/** PostgreSQL channel the relay listens on; NOTIFY is delivered only when the writing transaction commits. */
export const OUTBOX_CHANNEL = 'nprod_outbox';

/**
 * Writes a job into the outbox inside the caller's transaction. The change and its job
 * commit together or not at all; the worker's relay moves the row into BullMQ.
 */
export async function writeOutboxJob(manager: EntityManager, job: JobItem, jobId: string): Promise<void> {
  await manager.getRepository(OutboxMessageEntity).insert({ jobName: job.name, jobId, payload: job.data });
  await manager.query(`SELECT pg_notify($1, $2)`, [OUTBOX_CHANNEL, jobId]);
}
