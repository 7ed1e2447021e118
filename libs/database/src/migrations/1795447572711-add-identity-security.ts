import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Login lockout for unknown names, API tokens (hash only) and TOTP second factors (secret encrypted). */
export class AddIdentitySecurity1795447572711 implements MigrationInterface {
  name = 'AddIdentitySecurity1795447572711';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"api_tokens\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant_id\" uuid NOT NULL, \"name\" text NOT NULL, \"role\" \"public\".\"tenant_role\" NOT NULL, \"token_hash\" text NOT NULL, \"prefix\" text NOT NULL, \"created_by_id\" uuid, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"last_used_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_c587455266b5fa8dace7194caac\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_2c3be6b98e872975a45a982507\" ON \"api_tokens\" (\"tenant_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_bbd687a104e1921e6702c6e3aa\" ON \"api_tokens\" (\"token_hash\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"uq_api_tokens_tenant_active_name\" ON \"api_tokens\" (\"tenant_id\", \"name\") WHERE revoked_at IS NULL");
    await queryRunner.query("CREATE TABLE \"login_attempts\" (\"login\" text NOT NULL, \"failed_login_count\" integer NOT NULL DEFAULT '0', \"locked_until\" TIMESTAMP WITH TIME ZONE, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_dd59e599ccd9ba85e7e5a2963d1\" PRIMARY KEY (\"login\"))");
    await queryRunner.query("CREATE TABLE \"user_totp\" (\"user_id\" uuid NOT NULL, \"secret_encrypted\" text NOT NULL, \"confirmed_at\" TIMESTAMP WITH TIME ZONE, \"last_used_step\" bigint NOT NULL DEFAULT '0', \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_04aa6aca4a656f0d4e1fd30ab10\" PRIMARY KEY (\"user_id\"))");
    await queryRunner.query("ALTER TABLE \"api_tokens\" ADD CONSTRAINT \"FK_2c3be6b98e872975a45a982507b\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenants\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"api_tokens\" ADD CONSTRAINT \"FK_a17eb380a7c7622315c02725aff\" FOREIGN KEY (\"created_by_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"user_totp\" ADD CONSTRAINT \"FK_04aa6aca4a656f0d4e1fd30ab10\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"user_totp\" DROP CONSTRAINT \"FK_04aa6aca4a656f0d4e1fd30ab10\"");
    await queryRunner.query("ALTER TABLE \"api_tokens\" DROP CONSTRAINT \"FK_a17eb380a7c7622315c02725aff\"");
    await queryRunner.query("ALTER TABLE \"api_tokens\" DROP CONSTRAINT \"FK_2c3be6b98e872975a45a982507b\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_7b04f9078b678c6b57180ad8a2\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_d69f14b87f493be31f5c663373\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_97fda3daed120f2153b4a63d79\"");
    await queryRunner.query("DROP TABLE \"user_totp\"");
    await queryRunner.query("DROP TABLE \"login_attempts\"");
    await queryRunner.query("DROP INDEX \"public\".\"uq_api_tokens_tenant_active_name\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_bbd687a104e1921e6702c6e3aa\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_2c3be6b98e872975a45a982507\"");
    await queryRunner.query("DROP TABLE \"api_tokens\"");
  }
}
