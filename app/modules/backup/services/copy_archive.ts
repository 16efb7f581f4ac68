import { createReadStream, createWriteStream } from 'node:fs'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip, createGzip } from 'node:zlib'
import type pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { applicationTables } from '#modules/backup/services/manifest'

/**
 * The backup format used where no pg_dump can read the server (the embedded PostgreSQL of
 * `npm start`): each application table as COPY text, gzipped, plus the sequences' positions. The
 * schema itself is not in it: a restore builds it by running the same migrations, so the copy format
 * restores only with the release whose migration list matches the manifest's.
 */
const SKIPPED = new Set(['adonis_schema', 'adonis_schema_versions'])
const SEQUENCES_FILE = 'sequences.json'

export async function dumpTables(client: pg.ClientBase, dir: string): Promise<string[]> {
  const files: string[] = []
  for (const table of await applicationTables(client)) {
    if (SKIPPED.has(table)) continue
    const file = `${table}.copy.gz`
    const source = client.query(copyTo(`COPY public."${table}" TO STDOUT`))
    await pipeline(source, createGzip(), createWriteStream(join(dir, file)))
    files.push(file)
  }
  const sequences = await client.query(
    `SELECT sequencename AS name, last_value, (last_value IS NOT NULL) AS is_called
       FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename`
  )
  await writeFile(join(dir, SEQUENCES_FILE), JSON.stringify(sequences.rows, null, 1))
  return [...files, SEQUENCES_FILE]
}

/**
 * Loads the archive into a database whose schema the migrations just built, in one transaction.
 * Triggers stay silent while rows load (session_replication_role = replica, a superuser setting):
 * the rows are the ledger and the audit chain as they were, not new postings.
 */
export async function loadTables(client: pg.ClientBase, dir: string, files: string[]) {
  const tables = files
    .filter((f) => f.endsWith('.copy.gz'))
    .map((f) => f.replace(/\.copy\.gz$/, ''))
  await client.query('BEGIN')
  try {
    await client.query('SET LOCAL session_replication_role = replica')
    const quoted = tables.map((table) => `public."${table}"`).join(', ')
    if (tables.length > 0) await client.query(`TRUNCATE ${quoted}`)
    for (const table of tables) {
      const sink = client.query(copyFrom(`COPY public."${table}" FROM STDIN`))
      await pipeline(createReadStream(join(dir, `${table}.copy.gz`)), createGunzip(), sink)
    }
    const sequences = JSON.parse(await readFile(join(dir, SEQUENCES_FILE), 'utf8'))
    for (const sequence of sequences) {
      if (sequence.last_value === null) continue
      await client.query('SELECT setval($1::regclass, $2, $3)', [
        `public."${sequence.name}"`,
        sequence.last_value,
        sequence.is_called,
      ])
    }
    await client.query('COMMIT')
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  }
}
