import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kubernetes RBAC follows membership whoever changes it (memberships API, invitations, sign-up,
 * SSO claim mapping): a trigger writes a `tenant.rbac.sync` outbox job in the same transaction
 * as every membership change, and for every tenant of a user whose email (their Kubernetes user
 * name) changes. The worker's relay picks the rows up (NOTIFY on commit, or its poll).
 * See docs/decisions/0007-kubernetes-rbac-follows-membership.md.
 */
export class AddMembershipRbacSync1795447400001 implements MigrationInterface {
  name = 'AddMembershipRbacSync1795447400001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION nprod_request_rbac_sync(tenant uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE job_id text := 'rbac-' || tenant || '-' || gen_random_uuid();
      BEGIN
        INSERT INTO outbox_messages (job_name, job_id, payload) VALUES ('tenant.rbac.sync', job_id, jsonb_build_object('tenantId', tenant));
        PERFORM pg_notify('nprod_outbox', job_id);
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION nprod_memberships_rbac_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          PERFORM nprod_request_rbac_sync(NEW.tenant_id);
        ELSIF TG_OP = 'DELETE' THEN
          PERFORM nprod_request_rbac_sync(OLD.tenant_id);
        ELSE
          PERFORM nprod_request_rbac_sync(NEW.tenant_id);
          IF NEW.tenant_id <> OLD.tenant_id THEN PERFORM nprod_request_rbac_sync(OLD.tenant_id); END IF;
        END IF;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER memberships_rbac_sync AFTER INSERT OR DELETE OR UPDATE OF role, tenant_id, user_id ON memberships
      FOR EACH ROW EXECUTE FUNCTION nprod_memberships_rbac_sync()`);
    await queryRunner.query(`
      CREATE FUNCTION nprod_user_email_rbac_sync() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM nprod_request_rbac_sync(m.tenant_id) FROM memberships m WHERE m.user_id = NEW.id;
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER users_email_rbac_sync AFTER UPDATE OF email ON users
      FOR EACH ROW WHEN (NEW.email IS DISTINCT FROM OLD.email) EXECUTE FUNCTION nprod_user_email_rbac_sync()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER users_email_rbac_sync ON users`);
    await queryRunner.query(`DROP FUNCTION nprod_user_email_rbac_sync()`);
    await queryRunner.query(`DROP TRIGGER memberships_rbac_sync ON memberships`);
    await queryRunner.query(`DROP FUNCTION nprod_memberships_rbac_sync()`);
    await queryRunner.query(`DROP FUNCTION nprod_request_rbac_sync(uuid)`);
  }
}
