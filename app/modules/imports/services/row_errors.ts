import { messagesUnder, t, type Locale } from '#kernel/i18n'
import { columnName, type ImportKindName } from '#modules/imports/kinds/profiles'

/** One rejected cell or row: where (Excel row, column header), which rule, and why in zh-CN and en. */
export interface RowError {
  row: number
  column: string | null
  field: string | null
  rule: string
  message: string
  messageEn: string
}

type Facts = Record<string, string | number | null | undefined>

/**
 * The message of a rule in one language: resources/lang/<locale>/imports.json `rows.<rule>` (an
 * unknown rule reads as `invalid`). A fact the message names but the check did not give reads as
 * blank: a ledger refusal brings the facts of its own kind.
 */
function rowMessage(locale: Locale, rule: string, facts: Facts): string {
  const templates = rowTemplates(locale)
  const name = rule in templates ? rule : 'invalid'
  const values: Facts = {}
  for (const [, fact] of templates[name].matchAll(/\{(\w+)\}/g)) values[fact] = facts[fact] ?? ''
  return t(locale, `imports.rows.${name}`, values)
}

const templates = new Map<Locale, Record<string, string>>()
function rowTemplates(locale: Locale) {
  if (!templates.has(locale)) templates.set(locale, messagesUnder(locale, 'imports.rows'))
  return templates.get(locale)!
}

/** The errors of one run. All are counted; the first `keep` are kept for the job and its report. */
export class RowErrors {
  readonly list: RowError[] = []
  readonly rows = new Set<number>()
  count = 0

  constructor(
    private kind: ImportKindName,
    private keep = 10_000
  ) {}

  add(row: number, field: string | null, rule: string, facts: Facts = {}) {
    this.count++
    this.rows.add(row)
    if (this.list.length >= this.keep) return
    const column = columnName(this.kind, field)
    const all = { column: column ?? '', ...facts }
    const message = rowMessage('zh-CN', rule, all)
    this.list.push({ row, column, field, rule, message, messageEn: rowMessage('en', rule, all) })
  }

  get any() {
    return this.count > 0
  }
}
