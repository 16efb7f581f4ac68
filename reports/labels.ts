import type { ReportLocale } from '#modules/reports/services/statement_builder'
import { i18nFor, t } from '#kernel/i18n'

/** The plain labels of reports.json (one string each). */
const TEXT_KEYS = [
  'colon',
  'statementTitle',
  'execTitle',
  'customer',
  'customerCode',
  'contact',
  'period',
  'reportPeriod',
  'generatedOn',
  'ledgerPosition',
  'currency',
  'opening',
  'closing',
  'totalDebit',
  'totalCredit',
  'date',
  'journalNo',
  'kind',
  'project',
  'channel',
  'documentNo',
  'debit',
  'credit',
  'balance',
  'net',
  'subtotals',
  'noProject',
  'balanceChart',
  'noMovements',
  'total',
  'confirmTitle',
  'confirmText',
  'agree',
  'disagree',
  'signature',
  'signDate',
  'companySeal',
  'kpiOpening',
  'kpiConfirmationRate',
  'kpiOpenDisputes',
  'kpiReceived',
  'kpiApplied',
  'kpiRefunded',
  'kpiAdjusted',
  'kpiClosing',
  'kpiUnreconciled',
  'kpiFxGain',
  'topCustomers',
  'byProject',
  'trend',
  'ageing',
  'alerts',
  'pendingApprovals',
  'none',
  'received',
  'applied',
  'refunded',
  'month',
  'amount',
  'count',
] as const

/** The labels that are tables (name → label). */
const TABLE_KEYS = ['ageingBucket', 'approvalActions', 'kinds', 'channels'] as const

export type Labels = Record<(typeof TEXT_KEYS)[number], string> &
  Record<(typeof TABLE_KEYS)[number], Record<string, string>> & {
    footer: (page: string, total: string) => string
    inBase: (currency: string) => string
  }

/** The entries of a catalogue table (`reports.kinds.*` → {receipt: …}), fallback language first. */
export function table(locale: ReportLocale, prefix: string): Record<string, string> {
  const i18n = i18nFor(locale)
  const entries: Record<string, string> = {}
  for (const source of [i18n.fallbackTranslations, i18n.localeTranslations]) {
    for (const [key, value] of Object.entries(source ?? {})) {
      if (key.startsWith(`${prefix}.`)) entries[key.slice(prefix.length + 1)] = value
    }
  }
  return entries
}

function build(locale: ReportLocale): Labels {
  const labels: Record<string, unknown> = {
    footer: (page: string, total: string) => t(locale, 'reports.footer', { page, total }),
    inBase: (currency: string) => t(locale, 'reports.inBase', { currency }),
  }
  for (const key of TEXT_KEYS) labels[key] = t(locale, `reports.${key}`)
  for (const key of TABLE_KEYS) labels[key] = table(locale, `reports.${key}`)
  return labels as Labels
}

const built = new Map<ReportLocale, Labels>()

/** The PDF labels (statements, the executive pack) from resources/lang/<locale>/reports.json. */
export function labelsFor(locale: ReportLocale): Labels {
  const key: ReportLocale = locale === 'en' ? 'en' : 'zh-CN'
  let labels = built.get(key)
  if (!labels) {
    labels = build(key)
    built.set(key, labels)
  }
  return labels
}
