import pg from 'pg'

/**
 * A bulk seed's statements, each timed and logged ("  label: N rows, 1.2 s"), inside one
 * transaction with the triggers off (session_replication_role = replica): the rows are loaded as
 * they would stand, then balances and monthly tables are rebuilt from them.
 */
export async function beginBulkSeed(client: pg.ClientBase, log: (line: string) => void) {
  await client.query('BEGIN')
  await client.query('SET LOCAL session_replication_role = replica')
  return async (label: string, sql: string, params: unknown[] = []) => {
    const started = Date.now()
    const result = await client.query(sql, params)
    log(`  ${label}: ${result.rowCount ?? 0} rows, ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }
}

/** Drops and creates `url`'s database through `adminUrl`'s server: a bench starts from nothing. */
export async function recreateDatabase(adminUrl: string, url: string) {
  const name = new URL(url).pathname.slice(1)
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.query(`CREATE DATABASE "${name}"`)
  } finally {
    await admin.end()
  }
}
