import { readFileSync } from 'node:fs'

/**
 * The text of database/sql/<name>.sql: the current definition of the database's functions and
 * triggers (database/sql/README.md). A migration that changes them edits the file and reloads it.
 */
export function sqlFile(name: string): string {
  return readFileSync(new URL(`./sql/${name}.sql`, import.meta.url), 'utf8')
}

/** Every file, in the order they load (functions a file calls at load time come first). */
export const SQL_FILES = ['ledger', 'ledger_guards', 'audit', 'banking', 'outbox'] as const
