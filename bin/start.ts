/*
| `npm start`: the product with demo data on a fresh machine, in one process. Without DATABASE_URL
| it starts an embedded PostgreSQL under tmp/pgdata; then it migrates, seeds the demo company on
| first run (and prints the logins), serves HTTP on PORT (default 3333) in production mode and runs
| the background worker in-process (WORKER=off: the web server alone). Defaults: bin/runtime_env.ts.
*/
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { EMBEDDED_DATABASE, applyProductDefaults, databaseUrlIsUnset } from './runtime_env.js'
import { ensureDatabase } from '../database/support/ensure_database.js'
import {
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../database/support/embedded_postgres.js'

const APP_ROOT = fileURLToPath(new URL('../', import.meta.url))

let embedded: EmbeddedDatabase | undefined
if (databaseUrlIsUnset()) {
  const { port, dir, database } = EMBEDDED_DATABASE
  console.log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in ${dir})…`)
  embedded = await startEmbeddedPostgres({ dir, port, database, quiet: true }).catch((error) => {
    console.error(`Cannot start the embedded PostgreSQL: ${error.message}`)
    process.exit(1)
  })
  process.env.DATABASE_URL = embedded.url
} else {
  const { created } = await ensureDatabase(process.env.DATABASE_URL!).catch((error) => {
    console.error(error.message)
    process.exit(1)
  })
  if (created) console.log('Created the database named in DATABASE_URL (it did not exist).')
}
applyProductDefaults({
  NODE_ENV: 'production',
  WORKER: 'on',
  // plain HTTP here: a Secure cookie would never come back from a browser on another host
  COOKIE_SECURE: 'false',
})

// Ctrl-C / SIGTERM: the app first (the worker finishes its jobs, the browser closes), then the database
const stop = async () => {
  const { default: app } = await import('@adonisjs/core/services/app')
  await app?.terminate().catch(() => {})
  await embedded?.stop()
  process.exit(0)
}
process.once('SIGINT', stop)
process.once('SIGTERM', stop)

for (const args of [['migration:run', '--force'], ['demo:seed']]) {
  const result = spawnSync(process.execPath, ['ace', ...args], {
    cwd: APP_ROOT,
    stdio: 'inherit',
    env: process.env,
  })
  if (result.status !== 0) {
    await embedded?.stop()
    process.exit(result.status ?? 1)
  }
}

process.env.START_OWNS_SIGNALS = 'true'
console.log('Starting the web server…')
await import('./server.js')
await untilServing(`http://127.0.0.1:${process.env.PORT}/health`)
console.log(
  `AdvanceLedger on http://localhost:${process.env.PORT} (panel: /admin) · ${
    process.env.WORKER === 'on' ? 'background worker in-process' : 'WORKER=off: no background work'
  } · Ctrl-C stops it${embedded ? ' and the embedded PostgreSQL' : ''}`
)

/** The address is printed once it answers, not while the server is still booting. */
async function untilServing(url: string) {
  for (let tries = 0; tries < 600; tries++) {
    const ok = await fetch(url).then(
      (response) => response.status < 500,
      () => false
    )
    if (ok) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
}
