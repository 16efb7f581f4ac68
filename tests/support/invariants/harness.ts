import db from '@adonisjs/lucid/services/db'
import { reactionsSettled } from '#kernel/unit_of_work'
import { Checks, checkInvariants, resolveUnknowns } from '#tests/support/invariants/checks'
import { Model } from '#tests/support/invariants/model'
import { Operations } from '#tests/support/invariants/operations'
import { Prng } from '#tests/support/invariants/prng'
import { buildWorld } from '#tests/support/invariants/world'

export interface HarnessOptions {
  seed: number
  operations: number
  users: number
  /** stop issuing operations after this long, whatever the count */
  maxSeconds: number
  baseUrl: string
  /** the year the harness dates its movements in (its own months to close) */
  year: number
}

export interface HarnessFigures {
  seed: number
  operations: number
  seconds: number
  byKind: Record<string, number>
  outcomes: Model['outcomes']
  refusalsByRule: Record<string, number>
  serverErrors: Record<string, number>
  killedConnections: number
  replaysChecked: number
  invariantChecks: number
  violations: string[]
}

/**
 * Waits until no other connection to the database is busy, twice in a row: a request whose client
 * aborted may still be running on the server, and may still commit.
 */
async function quiescent(timeoutMs = 15_000) {
  const started = Date.now()
  let calm = 0
  while (calm < 2 && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 150))
    const busy = await db.rawQuery(
      `SELECT count(*)::int AS n FROM pg_stat_activity
        WHERE datname = current_database() AND pid <> pg_backend_pid()
          AND backend_type = 'client backend' AND state <> 'idle'`
    )
    calm = busy.rows[0].n === 0 ? calm + 1 : 0
  }
}

/**
 * The randomized invariant harness (in the spirit of TigerBeetle's VOPR): simulated users of every
 * role issue random valid and invalid operations concurrently over HTTP against the real server
 * and database, with key retries, client aborts and cut database connections; then every invariant
 * is checked against the model kept on the side, the database and the API.
 */
export async function runHarness(options: HarnessOptions): Promise<HarnessFigures> {
  const started = Date.now()
  const root = new Prng(options.seed)
  const world = await buildWorld(options.year)
  const model = new Model()
  const operations = new Operations(world, model, options.baseUrl, options.seed)
  const deadline = started + options.maxSeconds * 1000
  let issued = 0
  const user = async (rng: Prng) => {
    while (issued < options.operations && Date.now() < deadline) {
      issued++
      await operations.step(rng)
    }
  }
  await Promise.all(Array.from({ length: options.users }, () => user(root.fork())))
  await quiescent()
  await reactionsSettled()
  const checks = new Checks()
  for (const violation of model.violations) checks.check(false, violation)
  await resolveUnknowns(model, world, checks)
  await checkInvariants(model, world, checks, options.baseUrl)
  return {
    seed: options.seed,
    operations: issued,
    seconds: Math.round((Date.now() - started) / 100) / 10,
    byKind: Object.fromEntries([...model.operations].sort()),
    outcomes: model.outcomes,
    refusalsByRule: Object.fromEntries([...model.refusals].sort((a, b) => b[1] - a[1])),
    serverErrors: Object.fromEntries(model.serverErrors),
    killedConnections: model.kills,
    replaysChecked: model.replaysChecked,
    invariantChecks: checks.performed,
    violations: checks.violations,
  }
}
