import { readdirSync, readFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'

/** USER_HZ: the unit of the CPU times in /proc (100 on every mainstream Linux build) */
const CLOCK_TICKS = 100

export interface RoundResult {
  rate: number
  /** CPU ms per posting by the server, the bench process and the bench database's backends */
  cpuPerPosting: number | null
  note: string
}

/** Runs one round: postings per second, and where the CPU went (Linux /proc; else left out). */
export async function measured(
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
export class CpuMeter {
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
export async function serverSettled(pid: number | undefined) {
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

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
