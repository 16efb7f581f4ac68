import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Heavy reports as jobs (issue 20): a report export is requested over the API, built by a worker
 * (rows claimed with SKIP LOCKED, progress by phase), stored with the ledger position it was built
 * at, and reused for the same parameters while the ledger has not moved (report_export_service.ts).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      CREATE TABLE report_exports (
        id bigserial PRIMARY KEY,
        kind varchar(16) NOT NULL CHECK (kind IN ('balances')),
        params jsonb NOT NULL,
        params_key text NOT NULL, -- the parameters in one canonical text (the cache's key)
        status varchar(8) NOT NULL DEFAULT 'queued'
          CHECK (status IN ('queued', 'running', 'done', 'failed')),
        phase varchar(16),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        ledger_position text, -- lines and names the file was built from (ledger_position.ts)
        claimed_by text,
        claimed_at timestamptz,
        attempts smallint NOT NULL DEFAULT 0,
        file_name text,
        content_type text,
        content bytea,
        bytes integer,
        sha256 char(64),
        row_count integer,
        error text,
        requested_by bigint NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        CHECK (status <> 'done' OR (content IS NOT NULL AND ledger_position IS NOT NULL))
      );
      CREATE INDEX report_exports_cached ON report_exports (params_key, ledger_position)
        WHERE status = 'done';
      CREATE INDEX report_exports_open ON report_exports (id) WHERE status IN ('queued', 'running');
    `)
  }

  async down() {
    this.schema.raw('DROP TABLE IF EXISTS report_exports')
  }
}
