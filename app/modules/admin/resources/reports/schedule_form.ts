import db from '@adonisjs/lucid/services/db'
import { company } from '#kernel/company'
import { InvalidInput } from '#kernel/errors'
import { containsPattern } from '#kernel/sql_text'

/** The schedule form's time presets (company time zone) and the period each one reports. */
export const CRON_PRESETS: Record<string, { cron: string; periodRule: string } | null> = {
  monthly: { cron: '0 8 1 * *', periodRule: 'previous_month' },
  weekly: { cron: '0 8 * * 1', periodRule: 'previous_week' },
  daily: { cron: '0 8 * * *', periodRule: 'previous_week' },
  custom: null,
}
export const PRESET_CODES = Object.keys(CRON_PRESETS)

/** What the new-schedule form opens with: monthly statements in Chinese, company time zone, on. */
export const SCHEDULE_DEFAULTS = {
  kind: 'statements',
  cronPreset: 'monthly',
  timezone: company.timezone,
  periodRule: 'previous_month',
  locale: 'zh-CN',
  enabled: true,
}

/** The preset a stored cron is ('custom' when none). */
export function presetOf(cron: string | null | undefined) {
  const found = Object.entries(CRON_PRESETS).find(([, p]) => p && p.cron === cron?.trim())
  return found ? found[0] : 'custom'
}

/** "a@x.cn, b@y.cn" → items (commas, semicolons, spaces; full-width too). */
export const list = (value: unknown) =>
  String(value ?? '')
    .split(/[,，;；、\s]+/)
    .filter(Boolean)

/** Customer names may hold spaces: split on commas and line breaks only. */
const names = (value: unknown) =>
  String(value ?? '')
    .split(/[,，;；、\n]+/)
    .map((item) => item.trim())
    .filter(Boolean)

/**
 * Customers typed by code (C0001) or name (华东机械有限公司) → their ids; a text naming no
 * customer, or more than one, is refused on the field (nothing is saved).
 */
export async function customerIdsOf(texts: string[]): Promise<number[]> {
  const ids: number[] = []
  for (const text of texts) {
    const rows = await db
      .from('customers')
      .whereRaw('lower(code) = lower(?)', [text])
      .orWhere('name', text)
      .orWhereRaw("code || ' ' || name = ?", [text])
      .select('id')
      .limit(2)
    const found =
      rows.length === 1
        ? rows
        : await db.from('customers').whereILike('name', containsPattern(text)).select('id').limit(2)
    if (found.length !== 1) {
      throw new InvalidInput(
        'customerCodes',
        'exists',
        `找不到客户“${text}”（按编码或名称）/ no single customer has the code or name "${text}"`,
        { value: text }
      )
    }
    ids.push(Number(found[0].id))
  }
  return [...new Set(ids)]
}

/**
 * The schedule form → the validator's input: a preset gives the cron (and, on a new schedule,
 * the period); customers typed by code or name, recipients comma-separated (blank: every
 * customer / nobody); `enabled` from the checkbox. A new schedule without a choice reports the
 * previous month on day 1 at 08:00.
 */
export async function scheduleInput(data: any, isNew: boolean) {
  const { customerCodes, customerIds, recipients, enabled, cronPreset, ...rest } = data ?? {}
  const preset = CRON_PRESETS[cronPreset ?? (isNew && !rest.cron ? 'monthly' : 'custom')]
  // typed by code or name; the API's ids are still read when the form sends no codes
  const texts = names(customerCodes)
  const ids = customerCodes === undefined ? list(customerIds).map(Number) : []
  const defaults = isNew ? { kind: 'statements', periodRule: preset?.periodRule } : {}
  return {
    ...defaults,
    ...rest,
    ...(preset ? { cron: preset.cron } : {}),
    customerIds: texts.length ? await customerIdsOf(texts) : ids.length ? ids : null,
    recipients: list(recipients),
    enabled: enabled === true || enabled === 'true',
  }
}
