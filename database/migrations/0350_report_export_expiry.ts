import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * Report exports are caches, not records: a finished file is kept REPORT_EXPORT_RETENTION_DAYS
 * (default 30), then its bytes are dropped and the row stays, `expired`, with its digest, ledger
 * position and who asked for it (report_export_retention.ts). Asking again builds a new file.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw(`
      ALTER TABLE report_exports DROP CONSTRAINT report_exports_status_check;
      ALTER TABLE report_exports ADD CONSTRAINT report_exports_status_check
        CHECK (status IN ('queued', 'running', 'done', 'failed', 'expired'));
      ALTER TABLE report_exports ADD COLUMN expired_at timestamptz;
      ALTER TABLE report_exports ADD CONSTRAINT report_exports_expired_has_no_file
        CHECK (status <> 'expired' OR (content IS NULL AND expired_at IS NOT NULL));
      CREATE INDEX report_exports_kept ON report_exports (finished_at) WHERE status = 'done';
    `)
  }

  async down() {
    this.schema.raw(`
      DROP INDEX report_exports_kept;
      ALTER TABLE report_exports DROP CONSTRAINT report_exports_expired_has_no_file;
      ALTER TABLE report_exports DROP COLUMN expired_at;
      DELETE FROM report_exports WHERE status = 'expired';
      ALTER TABLE report_exports DROP CONSTRAINT report_exports_status_check;
      ALTER TABLE report_exports ADD CONSTRAINT report_exports_status_check
        CHECK (status IN ('queued', 'running', 'done', 'failed'));
    `)
  }
}
