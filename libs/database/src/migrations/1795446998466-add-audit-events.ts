import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The hash-chained audit trail; a trigger makes it append-only. */
export class AddAuditEvents1795446998466 implements MigrationInterface {
  name = 'AddAuditEvents1795446998466';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"audit_outcome\" AS ENUM('SUCCESS', 'FAILURE', 'DENIED')");
    await queryRunner.query("CREATE TABLE \"audit_events\" (\"id\" BIGSERIAL NOT NULL, \"occurred_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"actor_id\" uuid, \"actor_label\" text NOT NULL, \"tenant_id\" uuid, \"action\" text NOT NULL, \"target_type\" text, \"target_id\" text, \"outcome\" \"public\".\"audit_outcome\" NOT NULL, \"source_address\" text, \"request_id\" text, \"details\" jsonb NOT NULL DEFAULT '{}', \"prev_hash\" text NOT NULL, \"hash\" text NOT NULL, CONSTRAINT \"PK_910f64d901a5c3e9878f0d4a407\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_68d908019304f757740bc47a0a\" ON \"audit_events\" (\"action\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_dd4e005a38b7965794e8d2b147\" ON \"audit_events\" (\"hash\") ");
    await queryRunner.query("CREATE INDEX \"ix_audit_events_actor\" ON \"audit_events\" (\"actor_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_audit_events_tenant\" ON \"audit_events\" (\"tenant_id\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"ix_audit_events_occurred_at\" ON \"audit_events\" (\"occurred_at\") ");
    await queryRunner.query(`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only: % is not allowed', TG_OP; END $$`);
    await queryRunner.query('CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER audit_events_append_only ON audit_events');
    await queryRunner.query('DROP FUNCTION audit_events_append_only()');
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_events_occurred_at\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_events_tenant\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_audit_events_actor\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_dd4e005a38b7965794e8d2b147\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_68d908019304f757740bc47a0a\"");
    await queryRunner.query("DROP TABLE \"audit_events\"");
    await queryRunner.query("DROP TYPE \"public\".\"audit_outcome\"");
  }
}
