import pg from 'pg'

/**
 * The database the test suites use. Tests never run against the database named in DATABASE_URL
 * itself: they use a sibling whose name ends in _test, created when missing and reset every run.
 */
export function testDatabaseUrl(url: string): string {
  const parsed = new URL(url)
  const name = parsed.pathname.replace(/^\//, '') || 'advance_ledger'
  parsed.pathname = `/${name.endsWith('_test') ? name : `${name}_test`}`
  return parsed.toString()
}

export async function recreateSchema(url: string) {
  const parsed = new URL(url)
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''))
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const adminClient = new pg.Client({ connectionString: admin.toString() })
  await adminClient.connect()
  const exists = await adminClient.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (exists.rowCount === 0) await adminClient.query(`CREATE DATABASE "${name.replace(/"/g, '')}"`)
  await adminClient.end()

  const client = new pg.Client({ connectionString: url })
  await client.connect()
  await client.query('DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;')
  await client.end()
}
