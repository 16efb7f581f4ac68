import pg from 'pg'

/**
 * `npm start` against a DATABASE_URL: the database is created when the server has no database of
 * that name (a new install), and a server that cannot be reached or refuses the login ends start-up
 * with one line naming the cause and the setting, not a driver stack trace.
 */
export async function ensureDatabase(url: string): Promise<{ created: boolean }> {
  const target = new URL(url)
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''))
  try {
    await probe(url)
    return { created: false }
  } catch (error) {
    if ((error as { code?: string }).code !== '3D000' || !name) throw describe(error, target)
  }
  const admin = new URL(url)
  admin.pathname = '/postgres'
  const client = new pg.Client({ connectionString: admin.toString() })
  try {
    await client.connect()
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`)
    return { created: true }
  } catch (error) {
    throw describe(error, target, `database "${name}" does not exist and could not be created`)
  } finally {
    await client.end().catch(() => {})
  }
}

async function probe(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  try {
    await client.connect()
  } finally {
    await client.end().catch(() => {})
  }
}

const CAUSES: Record<string, string> = {
  'ECONNREFUSED': 'nothing listens there (is PostgreSQL running?)',
  'ENOTFOUND': 'the host name is unknown',
  'ETIMEDOUT': 'the server did not answer',
  '28P01': 'the password was refused',
  '28000': 'the server refused this user',
  '42501': 'this user may not create databases',
}

function describe(error: unknown, target: URL, what = 'cannot connect') {
  const code = (error as { code?: string }).code ?? ''
  const cause = CAUSES[code] ?? (error as Error).message
  const where = `${target.hostname}:${target.port || 5432}`
  return new Error(
    `DATABASE_URL (${where}): ${what}: ${cause}. Fix DATABASE_URL, or unset it to use the embedded PostgreSQL.`
  )
}
