import env from '#start/env'
import { DateTime } from 'luxon'

/** Company-wide settings that shape dates and money across the ledger. */
export const company = {
  get name() {
    return env.get('COMPANY_NAME') ?? '演示制造有限公司'
  },
  get timezone() {
    return env.get('COMPANY_TIMEZONE') ?? 'Asia/Shanghai'
  },
  get baseCurrency() {
    return env.get('BASE_CURRENCY') ?? 'CNY'
  },
}

/** Today's date in the company's time zone, as a plain YYYY-MM-DD date. */
export function companyToday(): string {
  return DateTime.now().setZone(company.timezone).toISODate()!
}

/** A JS Date parsed by Vine from 'YYYY-MM-DD' back to the plain date the user typed. */
export function toPlainDate(value: Date): string {
  return DateTime.fromJSDate(value).toISODate()!
}
