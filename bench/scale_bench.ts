/**
 * `npm run bench:scale` (bench/README.md, "Reads at scale"): a company built with bulk SQL
 * (scale_seed.ts), then the latency of the reads issue 20 measured, through the real HTTP server.
 */
import pg from 'pg'
import { childEnv, runAce, startServer } from './posting_bench.js'
import { scaleSize, seedScale } from './scale_seed.js'
import { explainBeforeAfter } from './scale_explain.js'
import { recreateDatabase as recreate } from './seed_steps.js'

const PASSWORD = 'Scale#bench-2026'
const EMAIL = 'scale-finance@bench.invalid'
const ADMIN = 'scale-admin@bench.invalid'

export interface ScaleBenchOptions {
  databaseUrl: string
  samples: number
  reseed: boolean
  log: (line: string) => void
}

/** DATABASE_URL's sibling whose name ends in `_scale` (never the database itself). */
export function scaleDatabaseUrl(url: string): string {
  const parsed = new URL(url)
  const name = parsed.pathname.slice(1)
  parsed.pathname = `/${name.endsWith('_scale') ? name : `${name}_scale`}`
  return parsed.toString()
}

export async function runScaleBench(options: ScaleBenchOptions) {
  const { log } = options
  const size = scaleSize()
  const url = scaleDatabaseUrl(options.databaseUrl)
  const pool = new pg.Pool({ connectionString: url, max: 2 })
  const stops: Array<() => Promise<void>> = [() => pool.end()]
  try {
    const env = childEnv(url)
    const seeded = await isSeeded(options.databaseUrl, url, size.journals)
    if (!seeded || options.reseed) {
      log(`building the company in ${new URL(url).pathname.slice(1)}: ${JSON.stringify(size)}`)
      await recreate(options.databaseUrl, url)
      await runAce(['migration:run', '--force'], env)
      for (const [email, role] of [
        [EMAIL, 'finance'],
        [ADMIN, 'admin'],
      ]) {
        await runAce(['user:create', '--email', email, '--password', PASSWORD, '--role', role], env)
      }
      const client = await pool.connect()
      try {
        const user = await client.query('SELECT id FROM users WHERE email = $1', [EMAIL])
        const started = Date.now()
        await seedScale(client, size, Number(user.rows[0].id), log)
        log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`)
      } finally {
        client.release()
      }
    } else {
      log(`reusing the company in ${new URL(url).pathname.slice(1)} (--reseed to rebuild)`)
      // migrations added since it was built (they may rebuild what they change)
      await runAce(['migration:run', '--force'], env)
    }
    const checkStarted = Date.now()
    await runAce(['ledger:check'], env)
    log(`ledger:check passed (${((Date.now() - checkStarted) / 1000).toFixed(1)} s)`)

    const server = await startServer(env)
    stops.unshift(server.stop)
    const biggest = await pool.query(
      `SELECT customer_id, sum(lines) AS lines FROM ledger_monthly_balances
        GROUP BY 1 ORDER BY 2 DESC LIMIT 1`
    )
    const customerId = Number(biggest.rows[0].customer_id)
    log(`largest customer ${customerId}: ${biggest.rows[0].lines} lines`)
    await measureAll(server.baseUrl, customerId, options.samples, log)
    await documentTimings(server.baseUrl, customerId, env, log)
    await explainBeforeAfter(pool, customerId, log)
  } finally {
    for (const stop of stops) await stop().catch(() => {})
  }
}

async function isSeeded(adminUrl: string, url: string, journals: number) {
  const admin = new pg.Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      new URL(url).pathname.slice(1),
    ])
    if (!exists.rowCount) return false
  } finally {
    await admin.end()
  }
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const count = await client.query(
      `SELECT count(*) AS n FROM journals WHERE journal_no LIKE 'JS%'`
    )
    return Number(count.rows[0].n) === journals
  } catch {
    return false
  } finally {
    await client.end()
  }
}

class Http {
  constructor(
    private baseUrl: string,
    private headers: Record<string, string> = {}
  ) {}

  async call(method: string, path: string, body?: unknown, form = false) {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'application/json',
        ...(body && !form ? { 'content-type': 'application/json' } : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...this.headers,
      },
      body: body === undefined ? undefined : form ? String(body) : JSON.stringify(body),
    })
    const text = await response.text()
    return { status: response.status, text, headers: response.headers }
  }

  with(headers: Record<string, string>) {
    return new Http(this.baseUrl, { ...this.headers, ...headers })
  }
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]

async function timed(
  log: (line: string) => void,
  label: string,
  samples: number,
  call: (i: number) => Promise<{ status: number; text: string }>,
  expected: number | number[] = 200
) {
  const ms: number[] = []
  let bytes = 0
  for (let i = 0; i < samples + 1; i++) {
    const started = performance.now()
    const response = await call(i)
    const elapsed = performance.now() - started
    if (![expected].flat().includes(response.status)) {
      throw new Error(`${label}: status ${response.status}: ${response.text.slice(0, 300)}`)
    }
    bytes = response.text.length
    if (i > 0) ms.push(elapsed) // the first call warms the plan cache and the connection
  }
  log(percentileLine(label, ms, `${samples}×, ${(bytes / 1024).toFixed(0)} KiB`))
}

/** `label  p50 …  p95 …  p99 … ms  (note)`: one row of the bench's table. */
function percentileLine(label: string, ms: number[], note: string): string {
  const sorted = [...ms].sort((a, b) => a - b)
  const f = (v: number) => v.toFixed(1).padStart(8)
  return `${label.padEnd(58)} p50 ${f(pct(sorted, 50))}  p95 ${f(pct(sorted, 95))}  p99 ${f(pct(sorted, 99))} ms  (${note})`
}

/** The server, anonymous and with the finance user's API token. */
async function signedIn(baseUrl: string) {
  const anonymous = new Http(baseUrl)
  const login = await anonymous.call('POST', '/api/v1/auth/tokens', {
    email: EMAIL,
    password: PASSWORD,
  })
  return {
    anonymous,
    api: anonymous.with({ authorization: `Bearer ${JSON.parse(login.text).token}` }),
  }
}

/**
 * Issue 20's documents: the largest customer's statement PDF through the API (a month, a year) and
 * the executive pack (`node ace reports:statement --exec-pack`, which prints its build and print
 * times apart from the command's start), three times each after one warm-up.
 */
async function documentTimings(
  baseUrl: string,
  customerId: number,
  env: NodeJS.ProcessEnv,
  log: (l: string) => void
) {
  const { api } = await signedIn(baseUrl)
  log('— documents —')
  for (const [name, period] of Object.entries({
    month: 'from=2026-10-01&to=2026-10-31',
    year: 'from=2025-12-01&to=2026-11-30',
  })) {
    await timed(log, `statement PDF ${name}, largest customer`, 3, () =>
      api.call('GET', `/api/v1/customers/${customerId}/statement.pdf?${period}`)
    )
  }
  for (const [name, [from, to]] of Object.entries({
    month: ['2026-10-01', '2026-10-31'],
    year: ['2025-12-01', '2026-11-30'],
  })) {
    const runs: Array<{ built: number; printed: number }> = []
    for (let i = 0; i < 4; i++) {
      const printed = await runAce(
        [
          'reports:statement',
          '--exec-pack',
          '--from',
          from,
          '--to',
          to,
          '--out',
          'tmp/scale-pack.pdf',
        ],
        env
      )
      const times = /built in (\d+) ms, printed in (\d+) ms/.exec(printed)
      if (!times) throw new Error(`exec pack ${name}: ${printed.slice(-300)}`)
      if (i > 0) runs.push({ built: Number(times[1]), printed: Number(times[2]) })
    }
    const totals = runs.map((r) => r.built + r.printed).sort((a, b) => a - b)
    log(
      `${`executive pack ${name} (build + print)`.padEnd(58)} p50 ${totals[1].toFixed(0).padStart(8)}  max ${totals[2].toFixed(0).padStart(8)} ms  ` +
        `(3×; build ${runs.map((r) => r.built).join('/')} ms, print ${runs.map((r) => r.printed).join('/')} ms)`
    )
  }
}

async function measureAll(
  baseUrl: string,
  customerId: number,
  samples: number,
  log: (l: string) => void
) {
  const { anonymous, api } = await signedIn(baseUrl)
  const ledger = `/api/v1/customers/${customerId}/ledger`
  const periods = {
    month: 'from=2026-10-01&to=2026-10-31',
    year: 'from=2025-12-01&to=2026-11-30',
    all: '',
  }
  log('— ledger API, largest customer (limit=200) —')
  for (const [name, period] of Object.entries(periods)) {
    const first = await api.call('GET', `${ledger}?limit=200&${period}`)
    let cursor = JSON.parse(first.text).nextCursor
    // a later page: ten pages in
    for (let i = 0; i < 9 && cursor; i++) {
      const page = await api.call('GET', `${ledger}?limit=200&${period}&cursor=${cursor}`)
      cursor = JSON.parse(page.text).nextCursor
    }
    await timed(log, `ledger ${name}, first page`, samples, () =>
      api.call('GET', `${ledger}?limit=200&${period}`)
    )
    if (cursor) {
      await timed(log, `ledger ${name}, 11th page`, samples, () =>
        api.call('GET', `${ledger}?limit=200&${period}&cursor=${cursor}`)
      )
    }
  }
  await timed(log, 'ledger month, unpaginated (every line)', Math.min(samples, 10), () =>
    api.call('GET', `${ledger}?${periods.month}`)
  )
  log('— balances report (JSON, by customer) —')
  for (const [name, period] of Object.entries({
    'month': 'from=2026-10-01&to=2026-10-31',
    'year': 'from=2025-12-01&to=2026-11-30',
    'odd period': 'from=2024-03-17&to=2025-08-09',
  })) {
    await timed(log, `balances report ${name}`, Math.min(samples, 10), () =>
      api.call('GET', `/api/v1/reports/balances?groupBy=customer&${period}`)
    )
  }
  const year = 'from=2025-12-01&to=2026-11-30'
  await timed(log, 'balances report year, by project', Math.min(samples, 10), () =>
    api.call('GET', `/api/v1/reports/balances?groupBy=project&${year}`)
  )
  await timed(log, 'balances report year, XLSX', Math.min(samples, 10), () =>
    api.call('GET', `/api/v1/reports/balances?groupBy=customer&format=xlsx&${year}`)
  )
  // what a request for an export costs: the ledger position, the cache lookup, the queue row
  await timed(
    log,
    'POST balances export (position, cache, queue)',
    Math.min(samples, 10),
    () =>
      api.call('POST', '/api/v1/reports/balances/exports', {
        groupBy: 'customer',
        format: 'xlsx',
        from: '2025-12-01',
        to: '2026-11-30',
      }),
    [200, 202]
  )
  await panelTimings(anonymous, samples, log)
  log('— posting on the largest customer —')
  await timed(
    log,
    'POST /receipts (largest customer)',
    samples,
    (i) =>
      api.call('POST', '/api/v1/receipts', {
        customerId,
        amount: `${100 + i}.${String(i % 100).padStart(2, '0')}`,
        currency: 'CNY',
        channel: 'bank_transfer',
      }),
    201
  )
  await concurrentWriters(api, customerId, 8, samples, log)
}

/**
 * `writers` clients posting receipts on the same customer at once, `perWriter` each: every
 * posting locks the same balance row, so they queue on it (issue 20: 8 writers on one row).
 */
async function concurrentWriters(
  api: Http,
  customerId: number,
  writers: number,
  perWriter: number,
  log: (l: string) => void
) {
  let posted = 0
  /** Each writer posts `count` receipts one after another, all writers at once; their times. */
  const round = async (count: number) => {
    const ms: number[] = []
    await Promise.all(
      Array.from({ length: writers }, async (_, w) => {
        for (let i = 0; i < count; i++) {
          const begun = performance.now()
          const response = await api.call('POST', '/api/v1/receipts', {
            customerId,
            amount: `${200 + w}.${String(posted++ % 100).padStart(2, '0')}`,
            currency: 'CNY',
            channel: 'bank_transfer',
          })
          if (response.status !== 201) throw new Error(`writer ${w}: status ${response.status}`)
          ms.push(performance.now() - begun)
        }
      })
    )
    return ms
  }
  // A writer's first posting may run on a connection the pool opens for it, whose PostgreSQL
  // process compiles the ledger's PL/pgSQL on first use: timed apart from the steady state.
  const firsts = await round(1)
  log(percentileLine(`POST /receipts, ${writers} writers, each one's first`, firsts, 'cold'))
  const started = performance.now()
  const ms = await round(perWriter)
  const seconds = (performance.now() - started) / 1000
  log(
    percentileLine(
      `POST /receipts, ${writers} writers on the largest customer`,
      ms,
      `${ms.length} postings, ${(ms.length / seconds).toFixed(0)}/s`
    )
  )
}

async function panelTimings(anonymous: Http, samples: number, log: (l: string) => void) {
  const login = await anonymous.call(
    'POST',
    '/admin/login',
    new URLSearchParams({ email: ADMIN, password: PASSWORD }).toString(),
    true
  )
  const cookie = (login.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ')
  const panel = anonymous.with({ cookie })
  log('— panel —')
  const pages: Array<[string, string]> = [
    ['journal lines list, page 1', '/admin/api/resources/journal_lines/actions/list?page=1'],
    ['journal lines list, page 50', '/admin/api/resources/journal_lines/actions/list?page=50'],
    ['dashboard (cached after the first call)', '/admin/api/dashboard'],
    [
      'audit list, entityType=customer',
      '/admin/api/resources/audit_logs/actions/list?filters.entityType=customer',
    ],
    [
      'audit list, actorRole=admin',
      '/admin/api/resources/audit_logs/actions/list?filters.actorRole=admin',
    ],
  ]
  for (const [label, path] of pages) {
    const started = performance.now()
    const first = await panel.call('GET', path)
    if (first.status !== 200)
      throw new Error(`${label}: status ${first.status}: ${first.text.slice(0, 200)}`)
    log(`${label.padEnd(58)} first call ${(performance.now() - started).toFixed(1)} ms`)
    await timed(log, label, samples, () => panel.call('GET', path))
  }
}
