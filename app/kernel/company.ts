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

/** en-CA formats dates as YYYY-MM-DD; one formatter per zone (building one costs more than using it). */
const dayFormats = new Map<string, Intl.DateTimeFormat>()
/** The last answer, reused within the same second (every posting asks several times). */
let lastToday = { zone: '', second: -1, date: '' }

/** Today's date in the company's time zone, as a plain YYYY-MM-DD date. */
export function companyToday(): string {
  const zone = company.timezone
  const second = Math.floor(Date.now() / 1000)
  if (lastToday.zone === zone && lastToday.second === second) return lastToday.date
  let format = dayFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dayFormats.set(zone, format)
  }
  lastToday = { zone, second, date: format.format(new Date(second * 1000)) }
  return lastToday.date
}

/** A JS Date parsed by Vine from 'YYYY-MM-DD' back to the plain date the user typed. */
export function toPlainDate(value: Date): string {
  return DateTime.fromJSDate(value).toISODate()!
}
