import type { ReportLocale } from '#modules/reports/services/statement_builder'
import { t } from '#kernel/i18n'
import { table } from '#reports/labels'

/** The plain labels of statements.json (the letterhead, description, carried-forward lines). */
const TEXT_KEYS = [
  'statementNo',
  'address',
  'phone',
  'taxId',
  'bank',
  'replyTo',
  'customerAddress',
  'description',
  'carriedFrom',
  'carriedTo',
  'continued',
  'ourSeal',
  'customerSeal',
  'authorised',
  'noChart',
  'xlsxSheet',
] as const

export type StatementLabels = Record<(typeof TEXT_KEYS)[number], string> & {
  documentTypes: Record<string, string>
  xlsxHeaders: Record<string, string>
  page: (page: number) => string
  baseEquivalent: (currency: string) => string
  perDayNote: (lines: number, limit: number, file: string) => string
  dayCount: (count: number) => string
  reverses: (no: string, kind: string) => string
  reason: (reason: string) => string
  bankRef: (ref: string) => string
}

function build(locale: ReportLocale): StatementLabels {
  const say = (key: string, values: Record<string, unknown>) =>
    t(locale, `statements.${key}`, values)
  const labels: Record<string, unknown> = {
    documentTypes: table(locale, 'statements.documentTypes'),
    xlsxHeaders: table(locale, 'statements.xlsxHeaders'),
    page: (page: number) => say('page', { page }),
    baseEquivalent: (currency: string) => say('baseEquivalent', { currency }),
    perDayNote: (lines: number, limit: number, file: string) =>
      say('perDayNote', { lines, limit, file }),
    dayCount: (count: number) => say('dayCount', { count }),
    reverses: (no: string, kind: string) => say('reverses', { no, kind }),
    reason: (reason: string) => say('reason', { reason }),
    bankRef: (ref: string) => say('bankRef', { ref }),
  }
  for (const key of TEXT_KEYS) labels[key] = t(locale, `statements.${key}`)
  return labels as StatementLabels
}

const built = new Map<ReportLocale, StatementLabels>()

export function statementLabelsFor(locale: ReportLocale): StatementLabels {
  const key: ReportLocale = locale === 'en' ? 'en' : 'zh-CN'
  let labels = built.get(key)
  if (!labels) {
    labels = build(key)
    built.set(key, labels)
  }
  return labels
}
