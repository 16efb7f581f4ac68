import { Money, formatAmount } from '#kernel/money/money'
import type { LedgerQueries } from '#modules/prepayments/public'
import { labelsFor } from '#reports/labels'
import { statementLabelsFor } from '#reports/statement_labels'
import type {
  CurrencySection,
  ReportLocale,
  StatementRow,
} from '#modules/reports/services/statement_builder'

/** The fields of LedgerQueries.ledger's lines a statement uses. */
export interface LedgerLine {
  entryDate: string
  journalNo: string
  kind: string
  projectId: number | null
  channel: string | null
  documentType: string | null
  documentNo: string | null
  bankReference: string | null
  reason: string | null
  reversesJournalId: number | string | null
  debit: string
  credit: string
  runningBalance: string
}

export type Ledger = Omit<Awaited<ReturnType<LedgerQueries['ledger']>>, 'lines'> & {
  lines: LedgerLine[]
}

/** The journal a reversal cancels: its number and kind, for the reversal's description. */
export type ReversedJournals = Map<number, { journalNo: string; kind: string }>

/**
 * The 摘要 of a line as the customer reads it: what moved (到账 · 银行转账 · 银行流水 …, 核销 ·
 * 发票 FP-1, 退款 · 原因：…) and, for a reversal, which journal it cancels and why.
 */
export function describe(
  line: LedgerLine,
  reversed: ReversedJournals,
  locale: ReportLocale
): string {
  const t = labelsFor(locale)
  const s = statementLabelsFor(locale)
  const parts: string[] = []
  const original = line.reversesJournalId ? reversed.get(Number(line.reversesJournalId)) : null
  if (line.kind === 'reversal' && original) {
    // what it cancels and why (the channel and documents are the original's)
    parts.push(s.reverses(original.journalNo, t.kinds[original.kind] ?? original.kind))
    if (line.reason) parts.push(s.reason(line.reason))
    return parts.join(' · ')
  }
  parts.push(t.kinds[line.kind] ?? line.kind)
  if (line.channel) parts.push(t.channels[line.channel] ?? line.channel)
  if (line.documentNo) {
    const type = line.documentType ? (s.documentTypes[line.documentType] ?? line.documentType) : ''
    parts.push(`${type} ${line.documentNo}`.trim())
  }
  if (line.bankReference) parts.push(s.bankRef(line.bankReference))
  if (line.reason) parts.push(s.reason(line.reason))
  return parts.join(' · ')
}

function byProjectCode(a: { projectCode: string | null }, b: { projectCode: string | null }) {
  if (a.projectCode === b.projectCode) return 0
  if (a.projectCode === null) return 1
  if (b.projectCode === null) return -1
  return a.projectCode < b.projectCode ? -1 : 1
}

/** One currency of a statement: its lines with their 摘要, totals, per-project subtotals, chart. */
export function currencySection(
  currency: string,
  ledger: Ledger,
  context: {
    projectById: Map<number, { code: string; name: string }>
    reversed: ReversedJournals
    period: { from: string; to: string }
    locale: ReportLocale
    base: CurrencySection['base']
  }
): CurrencySection {
  const fmt = (value: Money) => formatAmount(value, currency)
  let totalDebit = new Money(0)
  let totalCredit = new Money(0)
  const subtotals = new Map<number | null, { debit: Money; credit: Money }>()
  const byDay = new Map<string, string>()
  const rows: StatementRow[] = ledger.lines.map((line: LedgerLine) => {
    const project = line.projectId ? context.projectById.get(line.projectId) : undefined
    totalDebit = totalDebit.plus(line.debit)
    totalCredit = totalCredit.plus(line.credit)
    const key = line.projectId ?? null
    const subtotal = subtotals.get(key) ?? { debit: new Money(0), credit: new Money(0) }
    subtotal.debit = subtotal.debit.plus(line.debit)
    subtotal.credit = subtotal.credit.plus(line.credit)
    subtotals.set(key, subtotal)
    byDay.set(line.entryDate, line.runningBalance)
    return {
      date: line.entryDate,
      journalNo: line.journalNo,
      kind: line.kind,
      description: describe(line, context.reversed, context.locale),
      projectCode: project?.code ?? null,
      projectName: project?.name ?? null,
      channel: line.channel,
      documentNo: line.documentNo ?? line.bankReference ?? null,
      debit: line.debit,
      credit: line.credit,
      balance: line.runningBalance,
    }
  })
  const projectSubtotals = [...subtotals.entries()]
    .map(([projectId, total]) => {
      const project = projectId ? context.projectById.get(projectId) : undefined
      return {
        projectCode: project?.code ?? null,
        projectName: project?.name ?? null,
        debit: fmt(total.debit),
        credit: fmt(total.credit),
        net: fmt(total.credit.minus(total.debit)),
      }
    })
    .sort(byProjectCode)
  // the balance at the period's start and after each day with movements (a step line between)
  const labels = rows.length ? [context.period.from, ...byDay.keys()] : []
  const values = rows.length ? [ledger.openingBalance, ...byDay.values()] : []
  if (rows.length && labels[labels.length - 1] !== context.period.to) {
    labels.push(context.period.to)
    values.push(ledger.closingBalance)
  }
  return {
    currency,
    openingBalance: ledger.openingBalance,
    totalDebit: fmt(totalDebit),
    totalCredit: fmt(totalCredit),
    closingBalance: ledger.closingBalance,
    base: context.base,
    rows,
    projectSubtotals,
    chart: { labels, values },
  }
}
