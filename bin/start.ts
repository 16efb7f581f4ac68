/*
| `npm start`: the product with demo data on a fresh machine. Without DATABASE_URL it starts an
| embedded PostgreSQL under tmp/pgdata; then it migrates, seeds the demo company on first run (and
| prints the logins) and serves HTTP on PORT (default 3333).
*/
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { applyDefaultEnv } from './runtime_env.js'
import {
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../database/support/embedded_postgres.js'

const APP_ROOT = fileURLToPath(new URL('../', import.meta.url))

let embedded: EmbeddedDatabase | undefined
if (!process.env.DATABASE_URL) {
  const port = Number(process.env.EMBEDDED_PG_PORT ?? 54329)
  console.log(`Starting embedded PostgreSQL on 127.0.0.1:${port} (data in tmp/pgdata)…`)
  embedded = await startEmbeddedPostgres({
    dir: 'tmp/pgdata',
    port,
    database: 'advance_ledger',
    quiet: true,
  })
  process.env.DATABASE_URL = embedded.url
}
applyDefaultEnv({ APP_KEY: 'advance-ledger-demo-key-change-me-in-production' })

const stopDatabase = async () => {
  await embedded?.stop()
  process.exit(0)
}
process.once('SIGINT', stopDatabase)
process.once('SIGTERM', stopDatabase)

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

await import('./server.js')
