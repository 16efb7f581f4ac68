/*
| Posting throughput, three sides on the same database in the same run (see bench/README.md):
|  - floor: the bare row writes of a receipt as plain SQL statements (bench/posting/sql_floor.ts);
|  - ledger_post: the database function the API calls, called directly (posting/ledger_post_side.ts);
|  - api: POST /api/v1/receipts through a real HTTP server, 8 concurrent keep-alive clients.
*/
import pg from 'pg'
import {
  freePort,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../database/support/embedded_postgres.js'
import { recreateSchema } from '../database/support/test_database.js'
import { ApiClient, CURRENCY, runApi } from './posting/api_client.js'
import { childEnv, runAce, startServer } from './posting/child_processes.js'
import { CpuMeter, measured, median, serverSettled, type RoundResult } from './posting/cpu_meter.js'
import { LedgerPostSide } from './posting/ledger_post_side.js'
import { SqlBaseline } from './posting/sql_floor.js'
import { checkDispatched, checkWrites, setAsideEvents } from './posting/write_checks.js'

export { childEnv, runAce, startServer } from './posting/child_processes.js'

const PASSWORD = 'bench-password-0123456789'

export interface PostingBenchOptions {
  /** concurrent HTTP clients, and connections of each SQL side's pool */
  clients: number
  /** measured postings per client per round */
  postingsPerClient: number
  /** unmeasured postings per client before the first round of each side */
  warmupPerClient: number
  /** rounds per side; the sides alternate (floor, ledger_post, api, floor, …) */
  rounds: number
  /** write a V8 CPU profile of the HTTP server into this directory */
  profileDir?: string
  /** more measurements on the same PostgreSQL server, run before it is stopped */
  afterRun?: (databaseUrl: string) => Promise<void>
  log: (line: string) => void
}

export interface PostingBenchResult {
  apiPerSecond: number
  /** the floor: bare row writes */
  baselinePerSecond: number
  ledgerPostPerSecond: number
  /** api / floor */
  ratio: number
}

interface Cleanup {
  (): Promise<void>
}

/** One side of the comparison: its customers, how it posts, and its measured rounds. */
interface Side {
  name: string
  customers: number[]
  run: (perClient: number) => Promise<void>
  rounds: RoundResult[]
}

/** The database the bench owns: never the one DATABASE_URL names, but its `_bench` sibling. */
export function benchDatabaseUrl(url: string): string {
  const parsed = new URL(url)
  const name = parsed.pathname.replace(/^\//, '') || 'advance_ledger'
  parsed.pathname = `/${name.endsWith('_bench') ? name : `${name}_bench`}`
  return parsed.toString()
}

export async function runPostingBench(options: PostingBenchOptions): Promise<PostingBenchResult> {
  const cleanups: Cleanup[] = []
  const cleanUp = async () => {
    while (cleanups.length) {
      const step = cleanups.pop()!
      await step().catch((error) => options.log(`cleanup failed: ${String(error)}`))
    }
  }
  const onSignal = () => {
    options.log('interrupted: stopping the server and the database…')
    void cleanUp().finally(() => process.exit(130))
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  try {
    return await benchmark(options, cleanups)
  } finally {
    process.off('SIGINT', onSignal)
    process.off('SIGTERM', onSignal)
    await cleanUp()
  }
}

async function benchmark(
  options: PostingBenchOptions,
  cleanups: Cleanup[]
): Promise<PostingBenchResult> {
  const { log, clients } = options
  const database = await prepareDatabase(log)
  cleanups.push(database.stop)
  const env = childEnv(database.url)
  log('migrating…')
  await runAce(['migration:run', '--force'], env)
  const email = `bench-${Date.now()}@bench.invalid`
  await runAce(['user:create', '--email', email, '--password', PASSWORD, '--role', 'finance'], env)

  log('starting the HTTP server…')
  const server = await startServer(env, options.profileDir)
  cleanups.push(server.stop)
  const pool = new pg.Pool({ connectionString: database.url, max: clients })
  cleanups.push(() => pool.end())
  const api = new ApiClient(server.baseUrl, clients)
  cleanups.push(async () => api.close())
  await api.login(email, PASSWORD)

  const sides = await makeSides(options, pool, api, server.pid, email)
  const [floor, ledgerPost, http] = sides
  log(
    `warm-up: ${options.warmupPerClient} postings per client on each side; then ${options.rounds} ` +
      `rounds per side of ${clients} × ${options.postingsPerClient} postings`
  )
  for (const side of sides) await side.run(options.warmupPerClient)
  // The tables were created a minute ago: give the planner the statistics autovacuum would have
  // gathered on any database in use (it may be off, or not have run yet, on the bench database).
  await pool.query('ANALYZE')

  const total = clients * options.postingsPerClient
  const meter = new CpuMeter(
    server.pid,
    decodeURIComponent(new URL(database.url).pathname.slice(1))
  )
  for (let round = 1; round <= options.rounds; round++) {
    for (const side of sides) {
      const result = await measured(total, meter, () => side.run(total / clients))
      side.rounds.push(result)
      log(`round ${round}: ${side.name} ${result.rate.toFixed(0)} postings/s  (${result.note})`)
    }
  }

  const perSide = clients * (options.warmupPerClient + options.rounds * options.postingsPerClient)
  await checkWrites(
    pool,
    sides.map((side) => [side.name, side.customers] as const),
    perSide
  )
  await checkDispatched(pool, http.customers)
  log('checking the ledger and the audit chains (ledger:check, audit:verify)…')
  await Promise.all([runAce(['ledger:check'], env), runAce(['audit:verify'], env)])

  const which = options.rounds > 1 ? `median of ${options.rounds} rounds` : '1 round'
  log(`(${which}; ${database.description})`)
  const rate = (side: Side) => median(side.rounds.map((r) => r.rate))
  reportCpu(sides, log)
  for (const side of sides) log(`${side.name}: ${rate(side).toFixed(0)} postings/s`)
  log(`ratio ledger_post/floor: ${(rate(ledgerPost) / rate(floor)).toFixed(2)} (goal >= 0.7)`)
  log(`ratio api/floor: ${(rate(http) / rate(floor)).toFixed(2)} (goal >= 0.35)`)
  await options.afterRun?.(database.url)
  return {
    apiPerSecond: rate(http),
    baselinePerSecond: rate(floor),
    ledgerPostPerSecond: rate(ledgerPost),
    ratio: rate(http) / rate(floor),
  }
}

/** The three sides, each posting to its own customers (no side queues on another's rows). */
async function makeSides(
  options: PostingBenchOptions,
  pool: pg.Pool,
  api: ApiClient,
  serverPid: number | undefined,
  email: string
): Promise<Side[]> {
  const user = await pool.query('SELECT id, role FROM users WHERE email = $1', [email])
  const actor = { id: Number(user.rows[0].id), role: String(user.rows[0].role) }
  const floor = new SqlBaseline(pool, actor)
  const ledgerPost = new LedgerPostSide(pool, actor)
  const apiCustomers: number[] = []
  for (let i = 0; i < options.clients; i++) {
    apiCustomers.push(await api.createCustomer(`BENCH-API-${i}`))
  }
  const floorCustomers = await sqlCustomers(pool, 'SQL', options.clients)
  const functionCustomers = await sqlCustomers(pool, 'FN', options.clients)
  return [
    {
      name: 'floor (raw sql)',
      customers: floorCustomers,
      rounds: [],
      run: async (n) => {
        await floor.run(floorCustomers, n)
        await setAsideEvents(pool, floorCustomers)
      },
    },
    {
      name: 'ledger_post',
      customers: functionCustomers,
      rounds: [],
      run: async (n) => {
        await ledgerPost.run(functionCustomers, n)
        await setAsideEvents(pool, functionCustomers)
      },
    },
    {
      name: 'api',
      customers: apiCustomers,
      rounds: [],
      // the round ends when the server has also finished the work the postings left behind
      // (the alert checks after each commit), not when the last response arrived
      run: async (n) => {
        await runApi(api, apiCustomers, n)
        await serverSettled(serverPid)
      },
    },
  ]
}

async function sqlCustomers(pool: pg.Pool, tag: string, count: number) {
  const ids: number[] = []
  for (let i = 0; i < count; i++) {
    const inserted = await pool.query(
      `INSERT INTO customers (code, name, default_currency, created_at, updated_at)
       VALUES ($1, $2, $3, now(), now()) RETURNING id`,
      [`BENCH-${tag}-${i}`, `Bench ${tag} customer ${i}`, CURRENCY]
    )
    ids.push(Number(inserted.rows[0].id))
  }
  return ids
}

/** On a CPU-bound machine throughput follows CPU per posting: the comparison without the noise. */
function reportCpu(sides: Side[], log: (line: string) => void) {
  const cpu = sides.map((side) => side.rounds.map((r) => r.cpuPerPosting))
  if (cpu.some((values) => values.includes(null))) return
  const ms = cpu.map((values) => median(values as number[]))
  log(
    `CPU per posting (server + bench + postgres backends): ` +
      sides.map((side, i) => `${side.name} ${ms[i].toFixed(2)} ms`).join(', ')
  )
}

async function prepareDatabase(log: (line: string) => void) {
  let embedded: EmbeddedDatabase | undefined
  let url: string
  let description: string
  if (process.env.DATABASE_URL) {
    url = benchDatabaseUrl(process.env.DATABASE_URL)
    description = `database ${new URL(url).pathname.slice(1)} on ${new URL(url).host}`
  } else {
    log('starting an embedded PostgreSQL (tmp/pg-bench)…')
    embedded = await startEmbeddedPostgres({
      dir: 'tmp/pg-bench',
      port: await freePort(),
      database: 'advance_ledger_bench',
      fresh: true,
      quiet: true,
    })
    url = embedded.url
    description = 'embedded PostgreSQL under tmp/pg-bench'
  }
  try {
    await recreateSchema(url)
  } catch (error) {
    await embedded?.stop()
    throw error
  }
  return { url, description, stop: async () => embedded?.stop() }
}
