import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { formatAmount, groupThousands } from '#kernel/money/money'

/** "1,234,567.89 CNY": the currency's own decimals, grouped by thousands; string arithmetic only. */
export function displayAmount(value: string | null | undefined, currency: string): string {
  if (value === null || value === undefined || value === '') return ''
  return `${groupThousands(formatAmount(value, currency))} ${currency}`
}

/** An instant shown in the company time zone (Asia/Shanghai), e.g. "2026-11-20 14:03:05". */
export function displayInstant(value: Date | string | null | undefined): string {
  if (!value) return ''
  const instant =
    value instanceof Date ? DateTime.fromJSDate(value) : DateTime.fromISO(String(value))
  return instant.setZone(company.timezone).toFormat('yyyy-LL-dd HH:mm:ss')
}
