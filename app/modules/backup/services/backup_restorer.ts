import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import pg from 'pg'
import { BackupRefused, openBackup } from '#modules/backup/services/backup_reader'
import { PG_DUMP_FILE } from '#modules/backup/services/backup_writer'
import { loadTables } from '#modules/backup/services/copy_archive'
import { compareFacts, readFacts } from '#modules/backup/services/manifest'
import { findPgTool, runPgTool, serverMajor } from '#modules/backup/services/pg_tools'

const run = promisify(execFile)

export interface RestoreReport {
  ok: boolean
  format: string
  createdAt: string
  differences: string[]
  checks: { command: string; ok: boolean; output: string }[]
}

/**
 * Restores a backup into an empty database (created when missing), then proves it: the row
 * counts, ledger position and audit chain heads equal the manifest, and `ledger:check` and
 * `audit:verify` pass against the restored copy. It never writes into a database that holds tables.
 */
export async function restoreBackup(options: {
  file: string
  targetUrl: string
  appRoot: string
}): Promise<RestoreReport> {
  const backup = await openBackup(options.file)
  try {
    await ensureEmptyDatabase(options.targetUrl)
    if (backup.manifest.format === 'pg_dump') {
      const pgRestore = await findPgTool('pg_restore', serverMajor(backup.manifest.serverVersion))
      if (!pgRestore) throw new BackupRefused('this backup needs pg_restore, not found here')
      const args = ['--no-owner', '--exit-on-error', '--single-transaction']
      await runPgTool(pgRestore, [...args, join(backup.dir, PG_DUMP_FILE)], options.targetUrl)
    } else {
      await migrate(options)
      await withClient(options.targetUrl, async (client) => {
        const facts = await readFacts(client)
        const migrations = facts.schema.migrations
        if (JSON.stringify(migrations) !== JSON.stringify(backup.manifest.schema.migrations))
          throw new BackupRefused(
            `schema differs from the backup's (last migration ${backup.manifest.schema.last}): restore it with the release that made it`
          )
        await loadTables(client, backup.dir, Object.keys(backup.manifest.files))
      })
    }
    const facts = await withClient(options.targetUrl, readFacts)
    const differences = compareFacts(backup.manifest, facts)
    const checks = [
      await aceCheck('ledger:check', options, ['--full']),
      await aceCheck('audit:verify', options, ['--full']),
    ]
    return {
      ok: differences.length === 0 && checks.every((check) => check.ok),
      format: backup.manifest.format,
      createdAt: backup.manifest.createdAt,
      differences,
      checks,
    }
  } finally {
    await backup.close()
  }
}

async function ensureEmptyDatabase(targetUrl: string) {
  const url = new URL(targetUrl)
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''))
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new BackupRefused(`unsupported database name ${name}`)
  const admin = new URL(targetUrl)
  admin.pathname = '/postgres'
  await withClient(admin.toString(), async (client) => {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`)
  })
  await withClient(targetUrl, async (client) => {
    const tables = await client.query(
      `SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
          AND n.nspname NOT LIKE 'pg_toast%'`
    )
    if (tables.rows[0].n > 0)
      throw new BackupRefused(`database ${name} is not empty: restore only into an empty database`)
  })
}

async function migrate(options: { targetUrl: string; appRoot: string }) {
  const result = await aceCheck('migration:run', options, ['--force'])
  if (!result.ok) throw new Error(`migrations failed on the target: ${result.output}`)
}

/** An ace command of this release against the restored database, in its own process. */
async function aceCheck(
  command: string,
  options: { targetUrl: string; appRoot: string },
  extra: string[] = []
) {
  const env = { ...process.env, DATABASE_URL: options.targetUrl, LOG_LEVEL: 'warn' }
  try {
    const { stdout, stderr } = await run(process.execPath, ['ace.js', command, ...extra], {
      cwd: options.appRoot,
      env,
      timeout: 3600_000,
      maxBuffer: 16 * 1024 * 1024,
    })
    return { command, ok: true, output: `${stdout}${stderr}`.trim() }
  } catch (error: any) {
    return {
      command,
      ok: false,
      output: `${error.stdout ?? ''}${error.stderr ?? error.message}`.trim(),
    }
  }
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}
