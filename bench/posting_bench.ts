/*
| Posting throughput: the JSON API (POST /api/v1/receipts through a real HTTP server, 8 concurrent
| keep-alive clients) against a raw-SQL baseline that performs the same row writes per posting on
| the same database, in the same run. See bench/README.md.
*/
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { Agent, request as httpRequest } from 'node:http'
import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { fileURLToPath } from 'node:url'
import { Decimal } from 'decimal.js'
import pg from 'pg'
import { applyDefaultEnv } from '../bin/runtime_env.js'
import {
  freePort,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../database/support/embedded_postgres.js'
import { recreateSchema } from '../database/support/test_database.js'
import { AUDIT_CHAINS } from '../app/modules/audit/hash_chain.js'

const APP_ROOT = fileURLToPath(new URL('../', import.meta.url))
const CURRENCY = 'CNY'
const PASSWORD = 'bench-password-0123456789'
/** USER_HZ: the unit of the CPU times in /proc (100 on every mainstream Linux build) */
const CLOCK_TICKS = 100

export interface PostingBenchOptions {
  /** concurrent HTTP clients, and connections of the baseline's pool */
  clients: number
  /** measured postings per client per round */
  postingsPerClient: number
  /** unmeasured postings per client before the first round of each side */
  warmupPerClient: number
  /** rounds per side; the sides alternate (baseline, api, baseline, api, …) */
  rounds: number
  /** write a V8 CPU profile of the HTTP server into this directory */
  profileDir?: string
  /** more measurements on the same PostgreSQL server, run before it is stopped */
  afterRun?: (databaseUrl: string) => Promise<void>
  log: (line: string) => void
}

export interface PostingBenchResult {
  apiPerSecond: number
  baselinePerSecond: number
  ratio: number
}

interface Cleanup {
  (): Promise<void>
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
  const apiCustomers: number[] = []
  for (let i = 0; i < clients; i++) apiCustomers.push(await api.createCustomer(`BENCH-API-${i}`))

  const user = await pool.query('SELECT id, role FROM users WHERE email = $1', [email])
  const actor = { id: Number(user.rows[0].id), role: String(user.rows[0].role) }
  const sqlCustomers: number[] = []
  for (let i = 0; i < clients; i++) {
    const inserted = await pool.query(
      `INSERT INTO customers (code, name, default_currency, created_at, updated_at)
       VALUES ($1, $2, $3, now(), now()) RETURNING id`,
      [`BENCH-SQL-${i}`, `Bench SQL customer ${i}`, CURRENCY]
    )
    sqlCustomers.push(Number(inserted.rows[0].id))
  }
  const baseline = new SqlBaseline(pool, actor)

  log(
    `warm-up: ${options.warmupPerClient} postings per client on each side; then ${options.rounds} ` +
      `rounds per side of ${clients} × ${options.postingsPerClient} postings`
  )
  await baseline.run(sqlCustomers, options.warmupPerClient)
  await setAsideBaselineEvents(pool, sqlCustomers)
  await runApi(api, apiCustomers, options.warmupPerClient)
  await serverSettled(server.pid)
  // The tables were created a minute ago: give the planner the statistics autovacuum would have
  // gathered on any database in use (it may be off, or not have run yet, on the bench database).
  await pool.query('ANALYZE')

  const total = clients * options.postingsPerClient
  const meter = new CpuMeter(
    server.pid,
    decodeURIComponent(new URL(database.url).pathname.slice(1))
  )
  const apiRounds: RoundResult[] = []
  const baselineRounds: RoundResult[] = []
  for (let round = 1; round <= options.rounds; round++) {
    const sql = await measured(total, meter, () => baseline.run(sqlCustomers, total / clients))
    baselineRounds.push(sql)
    log(`round ${round}: raw-sql baseline ${sql.rate.toFixed(0)} postings/s  (${sql.note})`)
    await setAsideBaselineEvents(pool, sqlCustomers)
    // The round ends when the server has also finished the work the postings left behind
    // (the alert evaluations after each commit), not when the last response arrived.
    const http = await measured(total, meter, async () => {
      await runApi(api, apiCustomers, total / clients)
      await serverSettled(server.pid)
    })
    apiRounds.push(http)
    log(`round ${round}: api ${http.rate.toFixed(0)} postings/s  (${http.note})`)
  }

  await checkWrites(pool, apiCustomers, sqlCustomers, options)
  await checkDispatched(pool, apiCustomers)
  const alerts = await pool.query(
    "SELECT CASE WHEN to_regclass('alerts') IS NULL THEN 0 ELSE (SELECT count(*) FROM alerts) END AS n"
  )
  if (Number(alerts.rows[0].n) > 0) {
    log(`note: the API's postings opened ${alerts.rows[0].n} alerts (each one more write + email)`)
  }
  log('checking the ledger and the audit chains (ledger:check, audit:verify)…')
  await Promise.all([runAce(['ledger:check'], env), runAce(['audit:verify'], env)])

  const apiPerSecond = median(apiRounds.map((r) => r.rate))
  const baselinePerSecond = median(baselineRounds.map((r) => r.rate))
  const ratio = apiPerSecond / baselinePerSecond
  const which = options.rounds > 1 ? `median of ${options.rounds} rounds` : '1 round'
  log(`(${which}; ${database.description})`)
  const apiCpu = apiRounds.map((r) => r.cpuPerPosting)
  const baselineCpu = baselineRounds.map((r) => r.cpuPerPosting)
  if (!apiCpu.includes(null) && !baselineCpu.includes(null)) {
    // On a CPU-bound machine throughput follows CPU per posting; this is the ratio with the noise
    // of other processes taken out.
    const apiMs = median(apiCpu as number[])
    const baselineMs = median(baselineCpu as number[])
    log(
      `CPU per posting (server + bench + postgres backends): api ${apiMs.toFixed(2)} ms, ` +
        `raw-sql baseline ${baselineMs.toFixed(2)} ms; CPU-cost ratio ${(baselineMs / apiMs).toFixed(2)}`
    )
  }
  log(`api: ${apiPerSecond.toFixed(0)} postings/s (${clients} clients, ${total} postings)`)
  log(`raw-sql baseline: ${baselinePerSecond.toFixed(0)} postings/s (${clients} connections)`)
  log(`ratio api/baseline: ${ratio.toFixed(2)} (goal >= 0.6)`)
  await options.afterRun?.(database.url)
  return { apiPerSecond, baselinePerSecond, ratio }
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

/** The environment of the ace and server children: the bench database, quiet logs, no stores. */
export function childEnv(databaseUrl: string): NodeJS.ProcessEnv {
  process.env.DATABASE_URL = databaseUrl
  applyDefaultEnv({})
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'warn',
    SESSION_DRIVER: 'memory',
    LIMITER_STORE: 'memory',
  }
}

/** Keeps the last bytes a child printed, to show when it fails. */
function captureOutput(child: ChildProcess) {
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  return () => output.trim()
}

export function runAce(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['ace', ...args], {
      cwd: APP_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const output = captureOutput(child)
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (code === 0) resolve()
      else reject(new Error(`node ace ${args[0]} failed (${signal ?? code}):\n${output()}`))
    })
  })
}

export async function startServer(env: NodeJS.ProcessEnv, profileDir?: string) {
  const port = await freePort()
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  const child = spawn(
    process.execPath,
    [...profile, '--import=ts-node-maintained/register/esm', 'bin/server.ts'],
    {
      cwd: APP_ROOT,
      env: {
        ...env,
        PORT: String(port),
        HOST: '127.0.0.1',
        DB_POOL_MAX: '20',
        NODE_ENV: process.env.XP_ENV ?? 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    }
  )
  const output = captureOutput(child)
  let exited = false
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true
      resolve()
    })
  })
  const stop = async () => {
    if (exited) return
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exit
    clearTimeout(timer)
  }

  const baseUrl = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 90_000
  while (true) {
    if (exited) throw new Error(`the HTTP server exited during start-up:\n${output()}`)
    try {
      const response = await fetch(`${baseUrl}/health`)
      await response.arrayBuffer()
      if (response.status === 200) break
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`the HTTP server did not answer /health within 90 s:\n${output()}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return { baseUrl, stop, pid: child.pid }
}

/**
 * The HTTP clients: node:http over a keep-alive agent with one socket per client. (`fetch` spends
 * about 0.6 ms of CPU per request in this process, on the cores the server needs: the bench is
 * meant to measure the server, not the client.)
 */
class ApiClient {
  private token = ''
  private agent: Agent

  constructor(
    private baseUrl: string,
    clients: number
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: clients })
  }

  close() {
    this.agent.destroy()
  }

  async request(path: string, body: unknown, expectedStatus: number): Promise<any> {
    const payload = JSON.stringify(body)
    const { status, text } = await new Promise<{ status: number; text: string }>(
      (resolve, reject) => {
        const request = httpRequest(
          `${this.baseUrl}${path}`,
          {
            method: 'POST',
            agent: this.agent,
            headers: {
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(payload),
              'accept': 'application/json',
              ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
            },
          },
          (response) => {
            const chunks: Buffer[] = []
            response.on('data', (chunk: Buffer) => chunks.push(chunk))
            response.on('end', () =>
              resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() })
            )
            response.on('error', reject)
          }
        )
        request.on('error', reject)
        request.end(payload)
      }
    )
    if (status !== expectedStatus) {
      throw new Error(`POST ${path} answered ${status}: ${text.slice(0, 500)}`)
    }
    return text ? JSON.parse(text) : null
  }

  async login(email: string, password: string) {
    const { token } = await this.request('/api/v1/auth/tokens', { email, password }, 201)
    this.token = token
  }

  async createCustomer(code: string): Promise<number> {
    const customer = await this.request(
      '/api/v1/customers',
      { code, name: `Bench API customer ${code}`, defaultCurrency: CURRENCY },
      201
    )
    return Number(customer.id)
  }

  async postReceipt(customerId: number, amount: string) {
    await this.request(
      '/api/v1/receipts',
      { customerId, amount, currency: CURRENCY, channel: 'bank_transfer' },
      201
    )
  }
}

const postingsSoFar = new Map<number, number>()

/**
 * 100.00, 100.01, 100.02, … per customer: real receipts differ, and identical ones (same customer,
 * amount and day) are what the duplicate-receipt alert looks for — every posting would open an alert.
 */
function nextAmount(customerId: number): string {
  const n = postingsSoFar.get(customerId) ?? 0
  postingsSoFar.set(customerId, n + 1)
  return new Decimal(10_000 + n).dividedBy(100).toFixed(2)
}

/** Each client posts to its own customer, so the clients never queue on one balance row. */
async function runApi(api: ApiClient, customers: number[], perClient: number) {
  await Promise.all(
    customers.map(async (customerId) => {
      for (let i = 0; i < perClient; i++) await api.postReceipt(customerId, nextAmount(customerId))
    })
  )
}

/**
 * The rows a receipt writes, as LedgerWriter, appendAuditEntries and runInTransaction write them:
 * lock the balance row, insert the journal and its two lines, update the balance, append one audit
 * row to a random hash chain (hashed the same way, so audit:verify accepts it), commit — each a
 * plain statement, named (prepared once per connection) like the API's. The reads the API adds (token, customer, period, credit limit) are not
 * here: they are part of what the ratio measures.
 */
class SqlBaseline {
  constructor(
    private pool: pg.Pool,
    private actor: { id: number; role: string }
  ) {}

  async run(customers: number[], perClient: number) {
    await Promise.all(
      customers.map(async (customerId) => {
        const client = await this.pool.connect()
        try {
          for (let i = 0; i < perClient; i++) {
            await this.post(client, customerId, nextAmount(customerId))
          }
        } finally {
          client.release()
        }
      })
    )
  }

  private async post(client: pg.PoolClient, customerId: number, amount: string) {
    await client.query('BEGIN')
    try {
      await this.postInTransaction(client, customerId, amount)
      await client.query('COMMIT')
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {})
      throw error
    }
  }

  private async postInTransaction(client: pg.PoolClient, customerId: number, amount: string) {
    // Named statements, as the API's hot path uses: parsed and planned once per connection.
    const query = (text: string, values: unknown[]) =>
      client.query({ name: statementName(text), text, values })
    const lockBalance = () =>
      query(
        'SELECT balance, pending FROM customer_balances WHERE customer_id = $1 AND currency = $2 FOR UPDATE',
        [customerId, CURRENCY]
      )
    let locked = await lockBalance()
    if (locked.rows.length === 0) {
      await query(
        'INSERT INTO customer_balances (customer_id, currency) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [customerId, CURRENCY]
      )
      locked = await lockBalance()
    }

    const entryDate = companyToday()
    const {
      rows: [journal],
    } = await query(
      `INSERT INTO journals (journal_no, kind, customer_id, project_id, currency, amount,
            exchange_rate, base_amount, entry_date, channel, bank_reference, document_type,
            document_no, reason, memo, reverses_journal_id, approval_id, created_by)
         VALUES ('JV' || lpad(nextval('journal_no_seq')::text, 8, '0'), 'receipt', $1, NULL, $2,
            $3, '1', $3, $4, 'bank_transfer', NULL, NULL, NULL, NULL, NULL, NULL, NULL, $5)
         RETURNING *`,
      [customerId, CURRENCY, amount, entryDate, this.actor.id]
    )
    const { rows: lines } = await query(
      `INSERT INTO journal_lines (journal_id, currency, entry_date, line_no, account_code,
            customer_id, project_id, debit, credit, base_debit, base_credit)
         VALUES ($1, $2, $3, 1, '1002', NULL, NULL, $5, '0', $5, '0'),
                ($1, $2, $3, 2, '2203', $4, NULL, '0', $5, '0', $5)
         RETURNING *`,
      [journal.id, CURRENCY, entryDate, customerId, amount]
    )
    const {
      rows: [balance],
    } = await query(
      `UPDATE customer_balances
            SET balance = balance + $1, pending = pending - $2, last_journal_id = $3, updated_at = now()
          WHERE customer_id = $4 AND currency = $5
          RETURNING balance, pending`,
      [amount, '0', journal.id, customerId, CURRENCY]
    )

    const chain = Math.floor(Math.random() * AUDIT_CHAINS)
    const {
      rows: [head],
    } = await query('SELECT seq, hash FROM audit_chain_heads WHERE chain = $1 FOR UPDATE', [chain])
    const seq = Number(head.seq) + 1
    const after = receiptView(journal, lines, balance)
    // Hashed by the database's audit_row_hash (version 2), as the API's rows are.
    const {
      rows: [appended],
    } = await query(
      `INSERT INTO audit_logs (chain, seq, prev_hash, hash, hash_version, occurred_at, actor_id,
          actor_role, ip, user_agent, request_id, entity_type, entity_id, action, before, after)
       SELECT $1::smallint, $2::bigint, $3::text,
              audit_row_hash($3, $1, $2, t, $4, $5, $6, $7, $8, $9, $10, $11, NULL, $12::jsonb),
              2, t, $4::bigint, $5::text, $6::text, $7::text, $8::text, $9::text, $10::text,
              $11::text, NULL, $12::jsonb
         FROM (SELECT clock_timestamp() AS t) now
       RETURNING hash`,
      [
        chain,
        seq,
        head.hash,
        this.actor.id,
        this.actor.role,
        '127.0.0.1',
        'posting-bench',
        randomUUID(),
        'journal',
        String(journal.id),
        'post_receipt',
        JSON.stringify(after),
      ]
    )
    const hash = appended.hash
    await query('UPDATE audit_chain_heads SET seq = $1, hash = $2 WHERE chain = $3', [
      seq,
      hash,
      chain,
    ])
  }
}

const statementNames = new Map<string, string>()
function statementName(text: string): string {
  let name = statementNames.get(text)
  if (!name) {
    name = `bench_${statementNames.size}`
    statementNames.set(text, name)
  }
  return name
}

/** The same shape (and about the same size) as the journal view the API stores in the audit row. */
function receiptView(journal: any, lines: any[], balance: any) {
  const money = (value: string | Decimal) => new Decimal(value).toFixed(2)
  return {
    id: Number(journal.id),
    journalNo: journal.journal_no,
    kind: journal.kind,
    customerId: Number(journal.customer_id),
    projectId: null,
    currency: journal.currency,
    amount: money(journal.amount),
    balanceEffect: money(journal.amount),
    exchangeRate: journal.exchange_rate,
    baseAmount: money(journal.base_amount),
    entryDate: plainDate(journal.entry_date),
    channel: journal.channel,
    bankReference: null,
    documentType: null,
    documentNo: null,
    reason: null,
    memo: null,
    reversesJournalId: null,
    approvalId: null,
    createdBy: Number(journal.created_by),
    createdAt: new Date(journal.created_at).toISOString(),
    lines: lines
      .sort((a, b) => a.line_no - b.line_no)
      .map((line) => ({
        lineNo: line.line_no,
        accountCode: line.account_code,
        debit: money(line.debit),
        credit: money(line.credit),
        baseDebit: money(line.base_debit),
        baseCredit: money(line.base_credit),
      })),
    balanceAfter: {
      currency: journal.currency,
      balance: money(balance.balance),
      pending: money(balance.pending),
      available: money(new Decimal(balance.balance).minus(balance.pending)),
    },
  }
}

const todayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: process.env.COMPANY_TIMEZONE || 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
})

function companyToday(): string {
  return todayFormat.format(new Date())
}

function plainDate(value: Date | string): string {
  if (typeof value === 'string') return value.slice(0, 10)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`
}

/**
 * The baseline's journals get their outbox events from the trigger on journals, as the API's do
 * (both sides pay for writing them). Dispatching them is work of the API side only: they are set
 * aside between rounds, untimed, so the next api round does not evaluate the baseline's postings.
 */
async function setAsideBaselineEvents(pool: pg.Pool, sqlCustomers: number[]) {
  await pool.query(
    `UPDATE outbox_events SET dispatched_at = now()
      WHERE dispatched_at IS NULL AND ordering_key = ANY($1)`,
    [sqlCustomers.map((id) => `customer:${id}`)]
  )
}

/**
 * The API's postings were all dispatched (alert checks, webhook fan-out) by the time its rounds
 * ended: the outbox kept up.
 */
async function checkDispatched(pool: pg.Pool, apiCustomers: number[]) {
  const result = await pool.query(
    `SELECT count(*) AS posted, count(*) FILTER (WHERE dispatched_at IS NULL) AS waiting
       FROM outbox_events WHERE type = 'journal.posted' AND ordering_key = ANY($1)`,
    [apiCustomers.map((id) => `customer:${id}`)]
  )
  const { posted, waiting } = result.rows[0]
  if (Number(waiting) > 0)
    throw new Error(`api: ${waiting} of ${posted} outbox events undispatched`)
}

/** Both sides wrote what they were asked to: one journal, two lines and one audit row per posting. */
async function checkWrites(
  pool: pg.Pool,
  apiCustomers: number[],
  sqlCustomers: number[],
  options: PostingBenchOptions
) {
  const perSide =
    options.clients * (options.warmupPerClient + options.rounds * options.postingsPerClient)
  for (const [side, customers] of [
    ['api', apiCustomers],
    ['raw-sql baseline', sqlCustomers],
  ] as const) {
    const result = await pool.query(
      `SELECT (SELECT count(*) FROM journals WHERE customer_id = ANY($1)) AS journals,
              (SELECT count(*) FROM journal_lines l JOIN journals j ON j.id = l.journal_id
                WHERE j.customer_id = ANY($1)) AS lines,
              (SELECT count(*) FROM audit_logs a JOIN journals j ON a.entity_type = 'journal'
                AND a.entity_id = j.id::text WHERE j.customer_id = ANY($1)) AS audits`,
      [customers]
    )
    const row = result.rows[0]
    const found = [Number(row.journals), Number(row.lines), Number(row.audits)]
    if (found[0] !== perSide || found[1] !== 2 * perSide || found[2] !== perSide) {
      throw new Error(
        `${side}: expected ${perSide} journals, ${2 * perSide} lines and ${perSide} audit rows; ` +
          `found ${found.join(', ')}`
      )
    }
  }
}

interface RoundResult {
  rate: number
  /** CPU ms per posting by the server, the bench process and the bench database's backends */
  cpuPerPosting: number | null
  note: string
}

/** Runs one round: postings per second, and where the CPU went (Linux /proc; else left out). */
async function measured(
  postings: number,
  meter: CpuMeter,
  work: () => Promise<void>
): Promise<RoundResult> {
  const before = meter.snapshot()
  const started = process.hrtime.bigint()
  await work()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const after = meter.snapshot()
  const rate = postings / seconds
  if (!before || !after) return { rate, cpuPerPosting: null, note: '' }
  const ms = (value: number) => `${(value / postings).toFixed(2)}`
  const machine = after.machineMs - before.machineMs
  const server = after.serverMs - before.serverMs
  const bench = after.benchMs - before.benchMs
  let postgres = 0
  for (const [pid, used] of after.postgresMs) postgres += used - (before.postgresMs.get(pid) ?? 0)
  const other = Math.max(0, machine - server - bench - postgres)
  return {
    rate,
    cpuPerPosting: (server + bench + postgres) / postings,
    note:
      `CPU ms/posting: server ${ms(server)}, bench ${ms(bench)}, postgres ${ms(postgres)}, ` +
      `other processes ${ms(other)}; ${(machine / 1000 / seconds).toFixed(1)}/` +
      `${availableParallelism()} cores busy`,
  }
}

/**
 * CPU time from /proc (Linux): the whole machine, the HTTP server, this process, and the
 * PostgreSQL backends serving the bench database. Whatever else ran shows up as "other".
 */
class CpuMeter {
  constructor(
    private serverPid: number | undefined,
    private databaseName: string
  ) {}

  snapshot() {
    try {
      // /proc/stat: cpu user nice system idle iowait irq softirq steal …
      const total = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/)
      const machineMs = ticksToMs(total, 1, 4) + ticksToMs(total, 6, 8)
      const usage = process.cpuUsage()
      const postgresMs = new Map<number, number>()
      for (const pid of this.postgresPids()) {
        const used = processMs(pid)
        if (used !== null) postgresMs.set(pid, used)
      }
      return {
        machineMs,
        serverMs: (this.serverPid && processMs(this.serverPid)) || 0,
        benchMs: (usage.user + usage.system) / 1000,
        postgresMs,
      }
    } catch {
      return null
    }
  }

  /** Backends show "postgres: <user> <database> <host> <state>" as their command line. */
  private postgresPids(): number[] {
    const pids: number[] = []
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue
      try {
        const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ')
        if (command.startsWith('postgres:') && command.split(/\s+/).includes(this.databaseName)) {
          pids.push(Number(entry))
        }
      } catch {
        // the process has gone
      }
    }
    return pids
  }
}

function ticksToMs(fields: string[], from: number, to: number) {
  return (
    fields.slice(from, to).reduce((sum, value) => sum + Number(value), 0) * (1000 / CLOCK_TICKS)
  )
}

/** utime + stime of one process (all its threads); fields after ")" start at field 3 (state). */
function processMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return ticksToMs(stat.slice(stat.lastIndexOf(')') + 2).split(' '), 11, 13)
  } catch {
    return null
  }
}

/**
 * Waits until the server process is idle (at most 2 clock ticks of CPU in 100 ms; Linux /proc,
 * else at once): its after-commit work has drained. Costs the api side up to 100 ms a round.
 */
async function serverSettled(pid: number | undefined) {
  if (!pid || processMs(pid) === null) return
  const window = 100
  const deadline = Date.now() + 60_000
  let before = processMs(pid)!
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, window))
    const now = processMs(pid)
    if (now === null || now - before <= 2 * (1000 / CLOCK_TICKS)) return
    before = now
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
