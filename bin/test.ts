/*
| Test entrypoint: picks a real PostgreSQL (DATABASE_URL's _test sibling, or an embedded one under
| tmp/), resets its schema, boots the app in the test environment and runs the Japa suites. The last
| line printed is the plain "N passed, N failed" CI reads.
*/
process.env.NODE_ENV = 'test'

import { randomBytes } from 'node:crypto'
import { rm } from 'node:fs/promises'
import { prettyPrintError } from '@adonisjs/core'
import { createIgnitor } from './ignitor.js'
import { configure, processCLIArgs, run } from '@japa/runner'
import { applyDefaultEnv } from './runtime_env.js'
import {
  freePort,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../database/support/embedded_postgres.js'
import { recreateSchema, testDatabaseUrl } from '../database/support/test_database.js'

let embedded: EmbeddedDatabase | undefined
if (process.env.DATABASE_URL) {
  process.env.DATABASE_URL = testDatabaseUrl(process.env.DATABASE_URL)
} else {
  embedded = await startEmbeddedPostgres({
    dir: 'tmp/pg-test',
    port: await freePort(),
    database: 'advance_ledger_test',
    fresh: true,
    quiet: true,
  })
  process.env.DATABASE_URL = embedded.url
}
applyDefaultEnv(
  {
    APP_KEY: randomBytes(32).toString('hex'),
    // logged to memory, printed only under a failing test (config/logger.ts, tests/bootstrap.ts)
    LOG_LEVEL: 'info',
    SESSION_DRIVER: 'memory',
    LIMITER_STORE: 'memory',
    PORT: String(await freePort()),
    // AdminJS: no watcher (it would keep `node ace test` alive); the component bundle is built fresh
    // on the first request into a test-only directory, removed here so it is never stale.
    ADMIN_JS_SKIP_BUNDLE: 'true',
    ADMIN_JS_TMP_DIR: 'tmp/adminjs-test',
    // Mail the suites send without an SMTP server (alerts) lands here, emptied every run.
    MAIL_OUTBOX_DIR: 'tmp/outbox-test',
    // the webhook suites' receivers listen on 127.0.0.1 (a test turns it off to prove the refusal)
    WEBHOOK_ALLOW_PRIVATE: 'true',
  },
  // the suites' settings win over a developer's .env
  { respectDotEnv: false }
)
for (const dir of [process.env.ADMIN_JS_TMP_DIR!, process.env.MAIL_OUTBOX_DIR!]) {
  await rm(dir, { recursive: true, force: true })
}
await recreateSchema(process.env.DATABASE_URL!)

createIgnitor()
  .testRunner()
  .configure(async (app) => {
    const { runnerHooks, ...config } = await import('../tests/bootstrap.js')

    processCLIArgs(process.argv.splice(2))
    configure({
      ...app.rcFile.tests,
      ...config,
      ...{
        setup: runnerHooks.setup,
        teardown: runnerHooks.teardown.concat([
          () => app.terminate(),
          async () => {
            await embedded?.stop()
          },
        ]),
      },
    })
  })
  .run(() => run())
  .catch((error) => {
    process.exitCode = 1
    prettyPrintError(error)
  })
