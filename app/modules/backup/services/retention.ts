/**
 * Which backups a retention of N daily and M monthly keeps: the newest backup of each of the last N
 * days that have one, and the newest of each of the last M months that have one (company days
 * and months). Everything else may be pruned. Pure, so the rule is tested on its own.
 */
export function backupsToKeep(
  backups: { id: number; takenAt: Date }[],
  policy: { daily: number; monthly: number; timeZone: string }
): Set<number> {
  const newestFirst = [...backups].sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime())
  const keep = new Set<number>()
  const pick = (length: number, limit: number) => {
    const seen = new Set<string>()
    for (const backup of newestFirst) {
      const period = companyDate(backup.takenAt, policy.timeZone).slice(0, length)
      if (seen.has(period)) continue
      if (seen.size >= limit) break
      seen.add(period)
      keep.add(backup.id)
    }
  }
  pick(10, policy.daily)
  pick(7, policy.monthly)
  return keep
}

function companyDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(at)
}
