import { DateTime } from 'luxon'
import { InvalidInput } from '#kernel/errors'
import type { ReportLocale } from '#modules/reports/services/statement_builder'

export const PERIOD_RULES = ['previous_month', 'previous_week', 'previous_quarter'] as const
export type PeriodRule = (typeof PERIOD_RULES)[number]

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/

export function parsePeriod(from: unknown, to: unknown): { from: string; to: string } {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (typeof value !== 'string' || !ISO_DATE.test(value) || !DateTime.fromISO(value).isValid)
      throw new InvalidInput(field, 'date', `${field} must be a date YYYY-MM-DD`)
  }
  if ((from as string) > (to as string))
    throw new InvalidInput('to', 'after_or_equal', 'to must not be before from')
  return { from: from as string, to: to as string }
}

export function parseLocale(value: unknown): ReportLocale {
  if (value === undefined || value === null || value === '' || value === 'zh-CN') return 'zh-CN'
  if (value === 'en') return 'en'
  throw new InvalidInput('locale', 'in', 'locale must be zh-CN or en')
}

/**
 * The period a scheduled run reports on, from the instant it fires in the schedule's time zone:
 * the previous calendar month, ISO week (Monday–Sunday) or quarter.
 */
export function periodFor(rule: PeriodRule, firedAt: Date, timezone: string) {
  const local = DateTime.fromJSDate(firedAt).setZone(timezone)
  const unit = rule === 'previous_month' ? 'month' : rule === 'previous_week' ? 'week' : 'quarter'
  const start = local.startOf(unit).minus({ [`${unit}s`]: 1 })
  const end = start.endOf(unit)
  return { from: start.toISODate()!, to: end.toISODate()! }
}
