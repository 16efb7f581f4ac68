import { BaseSchema } from '@adonisjs/lucid/schema'
import { sqlFile } from '#database/sql_files'

/**
 * A lighter audit row per posting (issue 20 goal 6):
 *  - a posting's audit row keeps references, the amount, the date and a digest of the journal's
 *    content (journal_digest.sql) instead of the whole journal view; audit:verify recomputes the
 *    digest from the journal tables. Rows written before keep their view and verify as they did.
 *  - prev_hash is no longer stored (it is the hash of the row before on the chain, which the hash
 *    covers): new rows leave it NULL; older rows keep theirs.
 *  - before/after compressed with lz4 where the server has it (PostgreSQL ≥ 14 built with lz4);
 *    elsewhere they stay pglz. Only rows written from now on are compressed so.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.raw('ALTER TABLE audit_logs ALTER COLUMN prev_hash DROP NOT NULL')
    this.schema.raw(`
      DO $$
      BEGIN
        -- EXECUTE: parsed here, so a server without the syntax (< 14) lands in the handler too
        EXECUTE 'ALTER TABLE audit_logs ALTER COLUMN before SET COMPRESSION lz4, '
                'ALTER COLUMN after SET COMPRESSION lz4';
      EXCEPTION
        WHEN feature_not_supported OR syntax_error OR invalid_parameter_value THEN
          RAISE NOTICE 'lz4 compression not available: audit_logs keeps pglz';
      END $$`)
    this.schema.raw(sqlFile('journal_digest'))
    this.schema.raw(sqlFile('audit'))
    this.schema.raw(sqlFile('ledger'))
  }

  async down() {
    // Nothing to undo safely: rows written meanwhile carry a digest and no prev_hash, and
    // ledger_post (database/sql holds only the current text) calls the digest functions.
  }
}
