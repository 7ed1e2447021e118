import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddInstances1795449087716 implements MigrationInterface {
  name = 'AddInstances1795449087716';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"instance_status\" AS ENUM('PROVISIONING', 'ACTIVE', 'DEGRADED', 'DECOMMISSIONING', 'DELETED', 'FAILED')");
    await queryRunner.query("CREATE TABLE \"instances\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant_id\" uuid NOT NULL, \"space_id\" uuid NOT NULL, \"offering_id\" uuid NOT NULL, \"offering_version_id\" uuid NOT NULL, \"name\" text NOT NULL, \"slug\" text NOT NULL, \"plan_key\" text NOT NULL, \"parameters\" jsonb NOT NULL DEFAULT '{}', \"status\" \"public\".\"instance_status\" NOT NULL DEFAULT 'PROVISIONING', \"status_reason\" text, \"cpu_millicores\" integer NOT NULL, \"memory_mib\" integer NOT NULL, \"storage_gib\" integer NOT NULL, \"endpoints\" jsonb NOT NULL DEFAULT '[]', \"credentials_secret_name\" text, \"credentials_sealed\" text, \"create_order_id\" uuid NOT NULL, \"lease_ends_at\" TIMESTAMP WITH TIME ZONE, \"lease_notice_sent_at\" TIMESTAMP WITH TIME ZONE, \"suspended_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_11862209053330b4765f7f54178\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_3948fd665b9b0ef116763292c0\" ON \"instances\" (\"tenant_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_cce8fe2ef61b4022c567298f9f\" ON \"instances\" (\"space_id\") ");
    await queryRunner.query("CREATE INDEX \"IDX_d1fff11c38c615eb716db5b413\" ON \"instances\" (\"status\") ");
    await queryRunner.query("CREATE INDEX \"IDX_ff0e305a65fdc1b2e95746860b\" ON \"instances\" (\"lease_ends_at\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_instances_space_slug_live\" ON \"instances\" (\"space_id\", \"slug\") WHERE status <> 'DELETED'");
    await queryRunner.query("ALTER TABLE \"orders\" ADD \"instance_id\" uuid");
    await queryRunner.query("ALTER TABLE \"orders\" ADD \"offering_id\" uuid");
    await queryRunner.query("ALTER TABLE \"orders\" ADD \"attempt\" integer NOT NULL DEFAULT '1'");
    await queryRunner.query("CREATE INDEX \"IDX_38f88d4bb64f44dc80127fbf95\" ON \"orders\" (\"instance_id\") ");
    await queryRunner.query("ALTER TABLE \"instances\" ADD CONSTRAINT \"FK_3948fd665b9b0ef116763292c07\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenants\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"instances\" ADD CONSTRAINT \"FK_cce8fe2ef61b4022c567298f9ff\" FOREIGN KEY (\"space_id\") REFERENCES \"spaces\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"instances\" ADD CONSTRAINT \"FK_e2a9fc18c8c5bc707186de23620\" FOREIGN KEY (\"offering_id\") REFERENCES \"offerings\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"instances\" ADD CONSTRAINT \"FK_5fc8db6d2fc1b42dab2dcc19537\" FOREIGN KEY (\"offering_version_id\") REFERENCES \"offering_versions\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"orders\" ADD CONSTRAINT \"FK_38f88d4bb64f44dc80127fbf953\" FOREIGN KEY (\"instance_id\") REFERENCES \"instances\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"orders\" DROP CONSTRAINT \"FK_38f88d4bb64f44dc80127fbf953\"");
    await queryRunner.query("ALTER TABLE \"instances\" DROP CONSTRAINT \"FK_5fc8db6d2fc1b42dab2dcc19537\"");
    await queryRunner.query("ALTER TABLE \"instances\" DROP CONSTRAINT \"FK_e2a9fc18c8c5bc707186de23620\"");
    await queryRunner.query("ALTER TABLE \"instances\" DROP CONSTRAINT \"FK_cce8fe2ef61b4022c567298f9ff\"");
    await queryRunner.query("ALTER TABLE \"instances\" DROP CONSTRAINT \"FK_3948fd665b9b0ef116763292c07\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_38f88d4bb64f44dc80127fbf95\"");
    await queryRunner.query("ALTER TABLE \"orders\" DROP COLUMN \"attempt\"");
    await queryRunner.query("ALTER TABLE \"orders\" DROP COLUMN \"offering_id\"");
    await queryRunner.query("ALTER TABLE \"orders\" DROP COLUMN \"instance_id\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_instances_space_slug_live\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_ff0e305a65fdc1b2e95746860b\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_d1fff11c38c615eb716db5b413\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_cce8fe2ef61b4022c567298f9f\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_3948fd665b9b0ef116763292c0\"");
    await queryRunner.query("DROP TABLE \"instances\"");
    await queryRunner.query("DROP TYPE \"public\".\"instance_status\"");
  }
}
