import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Verified checkpoints of the audit chains and the verification runs. A checkpoint says "chain C
 * was verified from its genesis (or an earlier checkpoint) up to seq S, whose hash is H", signed
 * with the app key, so the next verification starts there and costs what was written since.
 * A full run re-verifies from the genesis; it is a job (queued, claimed, with progress).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE audit_checkpoints (
        chain smallint NOT NULL,
        seq bigint NOT NULL,
        hash char(64) NOT NULL,
        audit_log_id bigint NOT NULL,
        verified_at timestamptz NOT NULL DEFAULT now(),
        -- HMAC-SHA256 with the app key over chain:seq:hash (a row inserted by hand does not verify)
        mac char(64) NOT NULL,
        PRIMARY KEY (chain, seq)
      );

      CREATE TABLE audit_verify_runs (
        id bigserial PRIMARY KEY,
        mode varchar(12) NOT NULL CHECK (mode IN ('full', 'incremental')),
        status varchar(10) NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'done', 'failed')),
        requested_by bigint REFERENCES users(id),
        requested_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        rows_total bigint,
        rows_checked bigint NOT NULL DEFAULT 0,
        valid boolean,
        first_broken jsonb,
        error text,
        claimed_by varchar(120)
      );
      CREATE INDEX audit_verify_runs_queued ON audit_verify_runs (id) WHERE status = 'queued';
    `)
  }

  async down() {
    this.schema.raw(
      'DROP TABLE IF EXISTS audit_verify_runs; DROP TABLE IF EXISTS audit_checkpoints'
    )
  }
}
