import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { recreateSchema } from '../database/support/test_database.js'
import { childEnv, runAce } from './posting_bench.js'

const APP_ROOT = fileURLToPath(new URL('../', import.meta.url))

/**
 * Statement throughput for `npm run bench`: a sibling database `<bench>_reports` on the bench's
 * PostgreSQL gets the demo company, then `node ace reports:bench` renders statements from it
 * (bench/statement_bench.ts) and prints `statements: N PDFs/s (…)`.
 */
export async function runStatementThroughput(
  benchDatabaseUrl: string,
  log: (line: string) => void
) {
  const url = new URL(benchDatabaseUrl)
  url.pathname = `${url.pathname}_reports`
  await recreateSchema(url.toString())
  const env = childEnv(url.toString())
  log('statements: seeding the demo company…')
  await runAce(['migration:run', '--force'], env)
  await runAce(['demo:seed'], { ...env, MAIL_OUTBOX_DIR: 'tmp/outbox-bench' })
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', 'reports:bench'], {
      cwd: APP_ROOT,
      env,
      stdio: 'inherit',
    })
    child.once('error', reject)
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`reports:bench exited ${code}`))
    )
  })
}
