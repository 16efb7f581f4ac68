import { BaseSchema } from '@adonisjs/lucid/schema'
import { SQL_FILES, sqlFile } from '#database/sql_files'

/**
 * The database's functions and triggers now live as SQL files (database/sql/*.sql), one current
 * definition each, instead of being restated by later migrations (0056 restated ledger_post, 0070
 * a trigger of 0055). This loads them all; they are CREATE OR REPLACE, so the schema is the one
 * 0001–0070 built. A later change to a function edits its file and adds a migration reloading it.
 */
export default class extends BaseSchema {
  async up() {
    for (const name of SQL_FILES) this.schema.raw(sqlFile(name))
  }

  async down() {
    // Nothing to undo: the definitions are the ones the earlier migrations left.
  }
}
