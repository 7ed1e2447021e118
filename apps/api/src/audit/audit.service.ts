import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { appendAuditEvent, type AuditRecord } from '@nprod/database';
import { DataSource, type EntityManager } from 'typeorm';

/** Writes audit events; the hash chain itself lives in libs/database (appendAuditEvent). */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inside the caller's transaction, so the change and its record commit together. */
  recordIn(manager: EntityManager, record: AuditRecord): Promise<unknown> {
    return appendAuditEvent(manager, record);
  }

  /**
   * In a transaction of its own: for outcomes whose own transaction rolled back (failures,
   * refusals). An audit write that fails is logged loudly but does not hide the caller's answer.
   */
  async record(record: AuditRecord): Promise<void> {
    try {
      await this.db.transaction((manager) => appendAuditEvent(manager, record));
    } catch (error) {
      this.logger.error({ msg: 'could not write audit event', action: record.action, outcome: record.outcome, error: String(error) });
    }
  }
}
