import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single sign-on (linked identities, login attempts, one-time exchange codes), e-mailed invitations and self-service sign-ups. */
export class AddIdentityOnboarding1795447366625 implements MigrationInterface {
  name = 'AddIdentityOnboarding1795447366625';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"invitations\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant_id\" uuid NOT NULL, \"email\" text NOT NULL, \"role\" \"public\".\"tenant_role\" NOT NULL, \"token_hash\" text NOT NULL, \"invited_by_id\" uuid, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"accepted_at\" TIMESTAMP WITH TIME ZONE, \"accepted_user_id\" uuid, \"revoked_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_5dec98cfdfd562e4ad3648bbb07\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_872ac94a64b3d44fc4b554780c\" ON \"invitations\" (\"token_hash\") ");
    await queryRunner.query("CREATE INDEX \"ix_invitations_tenant_email\" ON \"invitations\" (\"tenant_id\", \"email\") ");
    await queryRunner.query("CREATE TYPE \"public\".\"sign_up_decision\" AS ENUM('VERIFIED', 'REJECTED')");
    await queryRunner.query("CREATE TABLE \"sign_ups\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant_id\" uuid NOT NULL, \"user_id\" uuid, \"decision\" \"public\".\"sign_up_decision\", \"reason\" text, \"decided_by_id\" uuid, \"decided_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_d8e8e51c1ab5256fd6adbb1b566\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_502114d3bed86aafb6f6f4b1ce\" ON \"sign_ups\" (\"tenant_id\") ");
    await queryRunner.query("CREATE TABLE \"sso_exchange_codes\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"code_hash\" text NOT NULL, \"user_id\" uuid NOT NULL, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"used_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_cf6d727d7c0a0f06fd887b57c2a\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_de6ee34f83da83abb6f59fbb85\" ON \"sso_exchange_codes\" (\"code_hash\") ");
    await queryRunner.query("CREATE INDEX \"IDX_fea1f59623c69a0aa1c8548d3d\" ON \"sso_exchange_codes\" (\"user_id\") ");
    await queryRunner.query("CREATE TABLE \"sso_login_states\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"state\" text NOT NULL, \"browser_binding_hash\" text NOT NULL, \"code_verifier\" text NOT NULL, \"nonce\" text NOT NULL, \"return_to\" text, \"expires_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"PK_187f7f6b9c341b10d45c8658a0f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"IDX_fede542ee45ca32f58e0809481\" ON \"sso_login_states\" (\"state\") ");
    await queryRunner.query("CREATE INDEX \"IDX_7dcbe8fffeb72b7f30c5e40685\" ON \"sso_login_states\" (\"expires_at\") ");
    await queryRunner.query("CREATE TABLE \"user_identities\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"user_id\" uuid NOT NULL, \"issuer\" text NOT NULL, \"subject\" text NOT NULL, \"last_login_at\" TIMESTAMP WITH TIME ZONE, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"uq_user_identities_issuer_subject\" UNIQUE (\"issuer\", \"subject\"), CONSTRAINT \"PK_e23bff04e9c3e7b785e442b262c\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"IDX_bf5fe01eb8cad7114b4c371cdc\" ON \"user_identities\" (\"user_id\") ");
    await queryRunner.query("ALTER TABLE \"invitations\" ADD CONSTRAINT \"FK_290e75d606ba89eb421b8b5ec49\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenants\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"invitations\" ADD CONSTRAINT \"FK_d4de0403dd012cf87b430af70ef\" FOREIGN KEY (\"invited_by_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"invitations\" ADD CONSTRAINT \"FK_df23d38837247bf326e90ca41a7\" FOREIGN KEY (\"accepted_user_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"sign_ups\" ADD CONSTRAINT \"FK_502114d3bed86aafb6f6f4b1cec\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenants\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"sign_ups\" ADD CONSTRAINT \"FK_e1dfb30f95296c386d505ad0410\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"sso_exchange_codes\" ADD CONSTRAINT \"FK_fea1f59623c69a0aa1c8548d3df\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"user_identities\" ADD CONSTRAINT \"FK_bf5fe01eb8cad7114b4c371cdc7\" FOREIGN KEY (\"user_id\") REFERENCES \"users\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"user_identities\" DROP CONSTRAINT \"FK_bf5fe01eb8cad7114b4c371cdc7\"");
    await queryRunner.query("ALTER TABLE \"sso_exchange_codes\" DROP CONSTRAINT \"FK_fea1f59623c69a0aa1c8548d3df\"");
    await queryRunner.query("ALTER TABLE \"sign_ups\" DROP CONSTRAINT \"FK_e1dfb30f95296c386d505ad0410\"");
    await queryRunner.query("ALTER TABLE \"sign_ups\" DROP CONSTRAINT \"FK_502114d3bed86aafb6f6f4b1cec\"");
    await queryRunner.query("ALTER TABLE \"invitations\" DROP CONSTRAINT \"FK_df23d38837247bf326e90ca41a7\"");
    await queryRunner.query("ALTER TABLE \"invitations\" DROP CONSTRAINT \"FK_d4de0403dd012cf87b430af70ef\"");
    await queryRunner.query("ALTER TABLE \"invitations\" DROP CONSTRAINT \"FK_290e75d606ba89eb421b8b5ec49\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_bf5fe01eb8cad7114b4c371cdc\"");
    await queryRunner.query("DROP TABLE \"user_identities\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_7dcbe8fffeb72b7f30c5e40685\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fede542ee45ca32f58e0809481\"");
    await queryRunner.query("DROP TABLE \"sso_login_states\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_fea1f59623c69a0aa1c8548d3d\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_de6ee34f83da83abb6f59fbb85\"");
    await queryRunner.query("DROP TABLE \"sso_exchange_codes\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_502114d3bed86aafb6f6f4b1ce\"");
    await queryRunner.query("DROP TABLE \"sign_ups\"");
    await queryRunner.query("DROP TYPE \"public\".\"sign_up_decision\"");
    await queryRunner.query("DROP INDEX \"public\".\"ix_invitations_tenant_email\"");
    await queryRunner.query("DROP INDEX \"public\".\"IDX_872ac94a64b3d44fc4b554780c\"");
    await queryRunner.query("DROP TABLE \"invitations\"");
  }
}
