import cronParser from 'cron-parser'
import { IANAZone } from 'luxon'

/** The latest instant ≤ `now` at which a 5-field cron expression fires in `timezone`. */
export function previousFire(cron: string, timezone: string, now: Date): Date {
  const expression = cronParser.parseExpression(cron, { currentDate: now, tz: timezone })
  return expression.prev().toDate()
}

export function nextFire(cron: string, timezone: string, after: Date): Date {
  const expression = cronParser.parseExpression(cron, { currentDate: after, tz: timezone })
  return expression.next().toDate()
}

export function isValidCron(cron: string): boolean {
  if (cron.trim().split(/\s+/).length !== 5) return false
  try {
    cronParser.parseExpression(cron)
    return true
  } catch {
    return false
  }
}

export function isValidTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone)
}
