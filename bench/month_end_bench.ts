/**
 * `npm run bench:month-end` (bench/README.md, "Month-end statement run"): N customers with a month
 * of movements (bulk SQL), one statement run over them, W worker processes (`node ace worker
 * --only reports`, one Chromium each) sharing it through pg-boss and the delivery rows, a local
 * SMTP server counting what arrives. Prints the progress the panel shows, then total time,
 * statements/s, p50/p95 per statement, the split between workers and the extrapolation to 10,000.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { loadavg } from 'node:os'
import pg from 'pg'
import { childEnv, runAce } from './posting_bench.js'
import { seedMonthEnd } from './month_end_seed.js'
import { exactlyOnce, startSmtpCounter } from './smtp_counter.js'
import { recreateDatabase as recreate } from './seed_steps.js'
import {
  childrenCpuSeconds,
  machineCpuSeconds,
  ownCpuSeconds,
  postgresCpuSeconds,
} from './proc_cpu.js'

const APP_ROOT = fileURLToPath(new URL('../', import.meta.url))
const EMAIL = 'month-end@bench.invalid'

export interface MonthEndOptions {
  databaseUrl: string
  customers: number
  workers: number
  /** pages per worker's Chromium (REPORTS_PAGE_POOL) */
  pool: number
  /** a directory for each worker's CPU profile (node --cpu-prof), written when it stops */
  profileDir?: string
  log: (line: string) => void
}

/** DATABASE_URL's sibling whose name ends in `_monthend` (never the database itself). */
function benchUrl(url: string) {
  const parsed = new URL(url)
  const name = parsed.pathname.slice(1)
  parsed.pathname = `/${name.endsWith('_monthend') ? name : `${name}_monthend`}`
  return parsed.toString()
}

function startWorker(env: NodeJS.ProcessEnv, profileDir?: string) {
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
  const child = spawn(process.execPath, [...profile, 'ace', 'worker', '--only', 'reports'], {
    cwd: APP_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000))
  child.stdout.on('data', keep)
  child.stderr.on('data', keep)
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
  return { child, exited, output: () => output }
}

/** Waits until the worker says it runs (its queues created, its schedules registered). */
async function ready(worker: ReturnType<typeof startWorker>) {
  for (let waited = 0; waited < 180_000; waited += 250) {
    if (/ running reports/.test(worker.output())) return
    if (worker.child.exitCode !== null) break
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`a worker did not start:\n${worker.output()}`)
}

async function stopWorker(worker: { child: ChildProcess; exited: Promise<number | null> }) {
  if (worker.child.exitCode === null) worker.child.kill('SIGTERM')
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 60_000)
  await worker.exited
  clearTimeout(timer)
}

const percentile = (sorted: number[], p: number) =>
  sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : Number.NaN

export async function runMonthEndBench(options: MonthEndOptions) {
  const { log } = options
  const url = benchUrl(options.databaseUrl)
  log(`month-end: ${options.customers} customers, ${options.workers} workers, pool ${options.pool}`)
  await recreate(options.databaseUrl, url)
  const env = childEnv(url)
  await runAce(['migration:run', '--force'], env)
  await runAce(
    ['user:create', '--email', EMAIL, '--password', 'Bench#2026', '--role', 'finance'],
    env
  )
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const smtp = await startSmtpCounter()
  const workers: Array<ReturnType<typeof startWorker>> = []
  try {
    const user = await client.query('SELECT id FROM users WHERE email = $1', [EMAIL])
    const seeded = Date.now()
    await seedMonthEnd(client, options.customers, Number(user.rows[0].id), log)
    log(`  seeded in ${((Date.now() - seeded) / 1000).toFixed(1)} s`)
    const schedule = await client.query(
      `INSERT INTO report_schedules (name, kind, cron, timezone, period_rule, customer_ids, enabled)
       VALUES ('月结对账单 bench', 'statements', '0 8 1 * *', 'Asia/Shanghai', 'previous_month', NULL, false)
       RETURNING id`
    )
    const workerEnv = {
      ...env,
      ...smtp.env,
      WORKER: 'off',
      REPORTS_PAGE_POOL: String(options.pool),
      MAIL_FROM_ADDRESS: 'statements@month-end.bench',
    }
    const cpuBefore = childrenCpuSeconds()
    const loadBefore = loadavg()[0]
    const postgresBefore = postgresCpuSeconds()
    const machineBefore = machineCpuSeconds()
    const benchBefore = process.cpuUsage()
    for (let i = 0; i < options.workers; i++)
      workers.push(startWorker(workerEnv, options.profileDir))
    await Promise.all(workers.map(ready))
    const started = Date.now()
    await runAce(['reports:run', '--schedule', String(schedule.rows[0].id), '--enqueue'], workerEnv)
    const run = await client.query('SELECT max(id) AS id FROM report_runs')
    const runId = Number(run.rows[0].id)
    await follow(client, runId, workers, log)
    const wall = (Date.now() - started) / 1000
    const nodeCpu = workers.reduce((sum, w) => sum + ownCpuSeconds(w.child.pid), 0)
    const postgresCpu = postgresCpuSeconds() - postgresBefore
    const machine = machineCpuSeconds()
    const bench = process.cpuUsage(benchBefore)
    await Promise.all(workers.map(stopWorker))
    const cpu = childrenCpuSeconds() - cpuBefore
    log(
      `  CPU: workers' Node ${nodeCpu.toFixed(1)} s, their Chromium and the enqueue command ${(cpu - nodeCpu).toFixed(1)} s`
    )
    log(
      `  CPU: PostgreSQL ${postgresCpu.toFixed(1)} s (every postgres process on the machine), this bench (SMTP counter) ${((bench.user + bench.system) / 1e6).toFixed(1)} s; ` +
        `the machine was busy ${(machine.busy - machineBefore.busy).toFixed(1)} of ${(machine.total - machineBefore.total).toFixed(1)} core-seconds`
    )
    log(
      `  load average (1 min) at start ${loadBefore.toFixed(1)}, at end ${loadavg()[0].toFixed(1)} (2 cores)`
    )
    await report(client, runId, { wall, cpu, postgresCpu }, options, smtp.mails, log)
  } finally {
    await Promise.all(workers.map(stopWorker))
    await smtp.close()
    await client.end()
  }
}

/** Polls the run's progress (the view the panel and API read) until nothing is left. */
async function follow(
  client: pg.Client,
  runId: number,
  workers: Array<ReturnType<typeof startWorker>>,
  log: (line: string) => void
) {
  let lastLog = 0
  for (;;) {
    const { rows } = await client.query('SELECT * FROM report_run_progress WHERE id = $1', [runId])
    const p = rows[0]
    if (Date.now() - lastLog > 30_000 || p.status !== 'running') {
      lastLog = Date.now()
      log(
        `  progress: ${p.done}/${p.total} done, ${p.failed} failed, ${p.sending} in flight, ` +
          `${p.rate_per_minute ?? '-'}/min, ETA ${p.eta_seconds ?? '-'} s (${p.status})`
      )
    }
    if (p.status !== 'running') return
    const dead = workers.find((w) => w.child.exitCode !== null)
    if (dead) throw new Error(`a worker exited (${dead.child.exitCode}):\n${dead.output()}`)
    await new Promise((resolve) => setTimeout(resolve, 2000))
  }
}

async function report(
  client: pg.Client,
  runId: number,
  { wall, cpu, postgresCpu }: { wall: number; cpu: number; postgresCpu: number },
  options: MonthEndOptions,
  mails: Parameters<typeof exactlyOnce>[0],
  log: (line: string) => void
) {
  const { rows } = await client.query(
    `SELECT d.status, d.attempts, d.claimed_by, d.recipients, d.started_at, d.sent_at, r.created_at,
            extract(epoch FROM d.sent_at - d.started_at) * 1000 AS ms
       FROM report_deliveries d JOIN report_runs r ON r.id = d.run_id WHERE d.run_id = $1`,
    [runId]
  )
  const sent = rows.filter((r) => r.status === 'sent')
  const durations = sent.map((r) => Number(r.ms)).sort((a, b) => a - b)
  const firstClaim = Math.min(...sent.map((r) => r.started_at.getTime()))
  const lastSent = Math.max(...sent.map((r) => r.sent_at.getTime()))
  const busy = (lastSent - firstClaim) / 1000
  const perWorker = new Map<string, number>()
  for (const r of sent) {
    const pid = String(r.claimed_by).split(':')[1]
    perWorker.set(pid, (perWorker.get(pid) ?? 0) + 1)
  }
  const expected = rows.flatMap((r) => r.recipients as string[]).map((a) => a.toLowerCase())
  const check = exactlyOnce(mails, expected)
  const rate = sent.length / busy
  log(
    `run ${runId}: ${sent.length}/${rows.length} sent, ${rows.filter((r) => r.status !== 'sent').length} not sent, retried ${rows.filter((r) => r.attempts > 1).length}`
  )
  log(`  wall (enqueue → completed, workers already running): ${wall.toFixed(1)} s`)
  log(
    `  first claim → last sent: ${busy.toFixed(1)} s = ${rate.toFixed(2)} statements/s (${(rate * 60).toFixed(0)}/min)`
  )
  log(
    `  per statement (claim → sent; ${options.pool * options.workers} pages, twice as many claims in flight): p50 ${percentile(durations, 50).toFixed(0)} ms, p95 ${percentile(durations, 95).toFixed(0)} ms, max ${durations.at(-1)?.toFixed(0)} ms`
  )
  log(`  per worker: ${[...perWorker].map(([pid, n]) => `pid ${pid} ${n}`).join(', ')}`)
  log(
    `  SMTP: ${check.messages} messages for ${expected.length} recipients; not exactly once: ${check.wrong.length}; repeated Message-IDs: ${check.repeatedIds.length}; without Message-ID: ${check.missingIds}`
  )
  log(`  10,000 statements at this rate: ${(10_000 / rate / 60).toFixed(1)} min (goal < 30 min)`)
  const cpuPer = cpu / sent.length
  log(
    `  worker CPU (Node + Chromium, incl. their start): ${cpu.toFixed(1)} s = ${(cpuPer * 1000).toFixed(0)} ms per statement; ` +
      `10,000 on 2 otherwise idle cores ≥ ${((10_000 * cpuPer) / 2 / 60).toFixed(1)} min (+ PostgreSQL's share)`
  )
  const postgresPer = postgresCpu / sent.length
  log(
    `  PostgreSQL CPU: ${(postgresPer * 1000).toFixed(0)} ms per statement; workers + PostgreSQL: 10,000 on 2 cores ≥ ${((10_000 * (cpuPer + postgresPer)) / 2 / 60).toFixed(1)} min`
  )
  if (check.wrong.length || check.repeatedIds.length || check.messages !== expected.length) {
    throw new Error(`not exactly once: e.g. ${check.wrong.slice(0, 5).join(', ')}`)
  }
}
