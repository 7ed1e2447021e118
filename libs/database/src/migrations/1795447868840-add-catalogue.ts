import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AddCatalogue1795447868840 implements MigrationInterface {
  name = 'AddCatalogue1795447868840';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TYPE \"public\".\"offering_kind\" AS ENUM('IAAS', 'PAAS', 'SAAS')");
    await queryRunner.query("CREATE TYPE \"public\".\"offering_visibility\" AS ENUM('PUBLIC_BODIES', 'EVERYONE', 'NAMED_TENANTS')");
    await queryRunner.query("CREATE TYPE \"public\".\"offering_approval_policy\" AS ENUM('AUTO_WITHIN_ALLOCATION', 'OPERATOR_ABOVE_THRESHOLD', 'ALWAYS_OPERATOR')");
    await queryRunner.query("CREATE TABLE \"offerings\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"key\" text NOT NULL, \"kind\" \"public\".\"offering_kind\" NOT NULL, \"name\" text NOT NULL, \"description\" text NOT NULL, \"visibility\" \"public\".\"offering_visibility\" NOT NULL, \"approval_policy\" \"public\".\"offering_approval_policy\" NOT NULL, \"approval_threshold\" jsonb, \"allowed_tenant_ids\" uuid array NOT NULL DEFAULT '{}', \"current_version\" integer NOT NULL, \"retired_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_6d6a2d4bc88776139fc71a60ca6\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_1a510b9369737699702fcdfbd2\" ON \"offerings\" (\"key\") ");
    await queryRunner.query("CREATE TABLE \"offering_versions\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"offering_id\" uuid NOT NULL, \"version\" integer NOT NULL, \"template\" text NOT NULL, \"plans\" jsonb NOT NULL, \"parameters_schema\" jsonb NOT NULL, \"created_by_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"uq_offering_versions_offering_version\" UNIQUE (\"offering_id\", \"version\"), CONSTRAINT \"PK_efe03396c419824e8b0b4fea79b\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("ALTER TABLE \"offering_versions\" ADD CONSTRAINT \"FK_2dbc37484e73bf7dde6bbd73891\" FOREIGN KEY (\"offering_id\") REFERENCES \"offerings\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"offering_versions\" DROP CONSTRAINT \"FK_2dbc37484e73bf7dde6bbd73891\"");
    await queryRunner.query("DROP TABLE \"offering_versions\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_1a510b9369737699702fcdfbd2\"");
    await queryRunner.query("DROP TABLE \"offerings\"");
    await queryRunner.query("DROP TYPE \"public\".\"offering_approval_policy\"");
    await queryRunner.query("DROP TYPE \"public\".\"offering_visibility\"");
    await queryRunner.query("DROP TYPE \"public\".\"offering_kind\"");
  }
}
