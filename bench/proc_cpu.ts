/**
 * CPU time from Linux's /proc, for the benches that split a run's CPU between its processes.
 * Ticks are 1/100 s (USER_HZ).
 */
import { readdirSync, readFileSync } from 'node:fs'

/**
 * A process's CPU seconds (/proc/PID/stat): `own` (utime + stime) and its waited-for children's
 * (cutime + cstime); null when it has ended.
 */
export function cpuTimes(pid: number | string): { own: number; children: number } | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
    const ticks = (i: number) => Number(fields[i])
    return { own: (ticks(11) + ticks(12)) / 100, children: (ticks(13) + ticks(14)) / 100 }
  } catch {
    return null
  }
}

/**
 * CPU seconds of this process's waited-for children: once the workers have exited, their Node and
 * their Chromium (which each worker reaps) are in it.
 */
export function childrenCpuSeconds(): number {
  return cpuTimes('self')!.children
}

/** CPU seconds a live process used itself, its children not included (0 once it has ended). */
export function ownCpuSeconds(pid: number | undefined): number {
  return pid === undefined ? 0 : (cpuTimes(pid)?.own ?? 0)
}

/**
 * CPU seconds of every PostgreSQL process on the machine, ended backends included (the postmaster
 * reaps them: its children's time). Shared with whatever else uses the server, so only a quiet
 * machine gives PostgreSQL's share of a run.
 */
export function postgresCpuSeconds(): number {
  let total = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const comm = readComm(pid)
    if (comm !== 'postgres') continue
    const times = cpuTimes(pid)
    if (times) total += times.own + times.children
  }
  return total
}

function readComm(pid: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim()
  } catch {
    return null // the process ended while being read
  }
}

/** The machine's busy and total CPU seconds so far (/proc/stat): how much of the cores a run used. */
export function machineCpuSeconds(): { busy: number; total: number } {
  const ticks = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1)
  const values = ticks.map(Number)
  const idle = values[3] + values[4]
  const total = values.slice(0, 8).reduce((a, b) => a + b, 0)
  return { busy: (total - idle) / 100, total: total / 100 }
}
