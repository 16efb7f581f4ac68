import { BaseSchema } from '@adonisjs/lucid/schema'

/** As of this migration (app/modules/audit/hash_chain.ts states the same numbers). */
const AUDIT_CHAINS = 16
const GENESIS_HASH = '0000000000000000000000000000000000000000000000000000000000000000'

/**
 * Append-only, tamper-evident operation log. Rows are spread over a fixed number of hash chains so
 * concurrent writers do not queue behind one head; each chain is verified on its own.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE audit_chain_heads (
        chain smallint PRIMARY KEY,
        seq bigint NOT NULL,
        hash char(64) NOT NULL
      );

      CREATE TABLE audit_logs (
        id bigserial PRIMARY KEY,
        chain smallint NOT NULL,
        seq bigint NOT NULL,
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor_id bigint,
        actor_role varchar(32),
        ip varchar(64),
        user_agent text,
        request_id varchar(64),
        entity_type varchar(40) NOT NULL,
        entity_id varchar(64),
        action varchar(40) NOT NULL,
        before jsonb,
        after jsonb,
        UNIQUE (chain, seq)
      );
      CREATE INDEX audit_logs_entity ON audit_logs (entity_type, entity_id, occurred_at);
      CREATE INDEX audit_logs_occurred ON audit_logs (occurred_at);
      CREATE INDEX audit_logs_actor ON audit_logs (actor_id, occurred_at);

      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'ALI02';
      END $$;
      CREATE TRIGGER audit_logs_append_only BEFORE UPDATE OR DELETE ON audit_logs
        FOR EACH ROW EXECUTE FUNCTION audit_refuse_change();
      CREATE TRIGGER audit_logs_no_truncate BEFORE TRUNCATE ON audit_logs
        FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change();
    `)
    this.defer(async (db) => {
      const heads = Array.from({ length: AUDIT_CHAINS }, (_, chain) => ({
        chain,
        seq: 0,
        hash: GENESIS_HASH,
      }))
      await db.table('audit_chain_heads').multiInsert(heads)
    })
  }

  async down() {
    this.schema.raw(`DROP TABLE audit_logs, audit_chain_heads; DROP FUNCTION audit_refuse_change;`)
  }
}
