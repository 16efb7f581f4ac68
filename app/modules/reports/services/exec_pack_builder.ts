import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { company } from '#kernel/company'
import { loadCompanyProfile } from '#kernel/company_profile'
import { Money, formatAmount } from '#kernel/money/money'
import type { ReportLocale } from '#modules/reports/services/statement_builder'
import { labelsFor } from '#reports/labels'
import { unreconciledBaseAmount } from '#modules/banking/public'
import { realisedFxGain } from '#modules/reports/services/fx_report'
import type { Movements } from '#modules/reports/services/report_sql'
import {
  ageingFigures,
  periodFigures,
  periodTotals,
  trendFigures,
} from '#modules/reports/services/exec_pack_figures'
import { inReportSession } from '#modules/reports/services/monthly_facts'
import {
  confirmationKpis,
  type ConfirmationKpis,
} from '#modules/reports/confirmations/confirmation_kpis'
import {
  customersBelowThreshold,
  kpiChanges,
  previousPeriod,
  summarySentences,
  topAlerts,
  topApprovals,
  type BelowThreshold,
  type KpiChanges,
  type TopAlert,
  type TopApproval,
} from '#modules/reports/services/exec_pack_extras'

export type Kpis = Movements

export interface NamedAmount {
  code: string | null
  name: string | null
  amount: string
}

export interface MonthPoint {
  month: string
  received: string
  applied: string
  refunded: string
  closing: string
}

export interface AgeingBucket {
  bucket: '0-30' | '31-90' | '91-180' | '180+'
  amount: string
}

/** Counts from modules that may not be installed yet: null means "not available" (shown as —). */
export interface SummaryCount {
  total: number
  lines: { label: string; count: number }[]
}

export interface ExecPackViewModel {
  kind: 'exec_pack'
  locale: ReportLocale
  company: { name: string; nameEn: string | null; baseCurrency: string }
  period: { from: string; to: string }
  generatedOn: string
  ledgerPosition: number
  kpis: Kpis
  /** the period before (same number of months) and its KPIs, and each KPI's change in per cent */
  previous: { period: { from: string; to: string }; kpis: Kpis; changes: KpiChanges }
  /** the opening sentences, generated from the figures below in the pack's language */
  summary: string[]
  belowThreshold: BelowThreshold[]
  topAlerts: TopAlert[]
  topApprovals: TopApproval[]
  topCustomers: NamedAmount[]
  byProject: NamedAmount[]
  trend: MonthPoint[]
  ageing: AgeingBucket[]
  alerts: SummaryCount
  pendingApprovals: SummaryCount
  /** bank and ledger not yet agreeing at the period's end, base currency (app/modules/banking) */
  unreconciledAmount: string
  /** statement confirmation (对账确认): rate for statements of this period, open disputes */
  confirmations: ConfirmationKpis
  /** realised 汇兑损益 of the period (6603), base currency, a loss negative */
  fxGain: string
}

const BUCKETS: Array<{ bucket: AgeingBucket['bucket']; maxDays: number }> = [
  { bucket: '0-30', maxDays: 30 },
  { bucket: '31-90', maxDays: 90 },
  { bucket: '91-180', maxDays: 180 },
  { bucket: '180+', maxDays: Number.POSITIVE_INFINITY },
]
/** The executive pack: KPIs and breakdowns in the base currency (line base amounts). */
export class ExecPackBuilder {
  /**
   * One snapshot (REPEATABLE READ) for every read: the KPIs and the breakdowns reconcile. A report
   * session (monthly_facts.ts): no JIT, room to hash, the read replica when one is caught up.
   */
  build(
    period: { from: string; to: string },
    locale: ReportLocale = 'zh-CN'
  ): Promise<ExecPackViewModel> {
    return inReportSession((trx) => this.buildIn(trx, period, locale), {
      isolationLevel: 'repeatable read',
    })
  }

  private async buildIn(
    trx: TransactionClientContract,
    period: { from: string; to: string },
    locale: ReportLocale
  ): Promise<ExecPackViewModel> {
    const base = company.baseCurrency
    const fmt = (value: string | Money) => formatAmount(value, base)

    const figures = await periodFigures(trx, period)
    const position = await trx.rawQuery(
      `SELECT coalesce(max(journal_id), 0) AS position FROM journal_lines WHERE customer_id IS NOT NULL`
    )
    const kpis = kpisOf(figures.totals, fmt)
    const before = previousPeriod(period)
    const previousKpis = kpisOf(await periodTotals(trx, before), fmt)

    const trend = await this.trend(trx, period.to, fmt)

    const changes = kpiChanges(kpis, previousKpis)
    const below = await customersBelowThreshold(trx, period.to)
    const approvals = await topApprovals(trx, locale)
    const alerts = await this.alerts(trx, locale)
    const profile = await loadCompanyProfile(trx)
    return {
      kind: 'exec_pack',
      locale,
      company: { name: profile.name, nameEn: profile.nameEn, baseCurrency: base },
      period,
      generatedOn: DateTime.now().setZone(company.timezone).toISODate()!,
      ledgerPosition: Number(position.rows[0].position),
      kpis,
      previous: { period: before, kpis: previousKpis, changes },
      summary: summarySentences(locale, {
        base,
        kpis,
        changes,
        below,
        approvals,
        openAlerts: alerts.total,
      }),
      belowThreshold: below,
      topAlerts: await topAlerts(trx, locale),
      topApprovals: approvals.items,
      topCustomers: figures.topCustomers.map((row) => ({ ...row, amount: fmt(row.amount) })),
      byProject: figures.topProjects.map((row) => ({ ...row, amount: fmt(row.amount) })),
      trend,
      ageing: await this.ageing(trx, period.to, fmt),
      alerts,
      pendingApprovals: await this.pendingApprovals(trx, locale),
      unreconciledAmount: await unreconciledBaseAmount(trx, period.to),
      confirmations: await confirmationKpis(trx, period),
      fxGain: await realisedFxGain(trx, period.from, period.to),
    }
  }

  /**
   * The 12 months up to the period's end that have movements (an empty month draws nothing), with
   * the closing balance carried through the empty ones.
   */
  private async trend(
    trx: TransactionClientContract,
    to: string,
    fmt: (value: string | Money) => string
  ): Promise<MonthPoint[]> {
    const { before, months } = await trendFigures(trx, to)
    const byMonth = new Map(months.map((row) => [row.month, row]))
    const firstMonth = DateTime.fromISO(to).startOf('month').minus({ months: 11 })
    let running = new Money(before)
    const trend: MonthPoint[] = []
    for (let i = 0; i < 12; i++) {
      const month = firstMonth.plus({ months: i }).toFormat('yyyy-MM')
      const row = byMonth.get(month)
      // only months with movements: an empty month draws nothing
      if (!row) continue
      running = running.plus(row.net)
      trend.push({
        month,
        received: fmt(row.received),
        applied: fmt(row.applied),
        refunded: fmt(row.refunded),
        closing: fmt(running),
      })
    }
    return trend
  }

  /** Ageing of unapplied advances (FIFO), in the pack's buckets (exec_pack_figures.ts). */
  private async ageing(
    trx: TransactionClientContract,
    to: string,
    fmt: (value: Money) => string
  ): Promise<AgeingBucket[]> {
    const amounts = await ageingFigures(
      trx,
      to,
      BUCKETS.slice(0, -1).map((b) => b.maxDays)
    )
    return BUCKETS.map((b, i) => ({ bucket: b.bucket, amount: fmt(amounts[i]) }))
  }

  /** Unresolved alerts, by rule, with the rule's name in the pack's language. */
  private async alerts(
    trx: TransactionClientContract,
    locale: ReportLocale
  ): Promise<SummaryCount> {
    const result = await trx.rawQuery(
      `SELECT CASE WHEN ? = 'en' THEN r.name_en ELSE r.name_zh END AS label, count(*) AS count
         FROM alerts a JOIN alert_rules r ON r.id = a.rule_id
        WHERE a.status <> 'resolved' GROUP BY 1 ORDER BY 2 DESC, 1`,
      [locale]
    )
    return summaryOf(result.rows)
  }

  /** Approval requests still pending, by action. */
  private async pendingApprovals(
    trx: TransactionClientContract,
    locale: ReportLocale
  ): Promise<SummaryCount> {
    const result = await trx.rawQuery(
      `SELECT action_type AS label, count(*) AS count FROM approval_requests
        WHERE status = 'pending' GROUP BY 1 ORDER BY 2 DESC, 1`
    )
    const names = labelsFor(locale).approvalActions
    return summaryOf(
      result.rows.map((row: { label: string; count: number }) => ({
        ...row,
        label: names[row.label] ?? row.label,
      }))
    )
  }
}

function kpisOf(row: Record<string, string>, fmt: (value: string) => string): Kpis {
  return {
    opening: fmt(row.opening),
    received: fmt(row.received),
    applied: fmt(row.applied),
    refunded: fmt(row.refunded),
    adjusted: fmt(row.adjusted),
    closing: fmt(row.closing),
  }
}

function summaryOf(rows: Array<{ label: string; count: number | string }>): SummaryCount {
  const lines = rows.map((row) => ({ label: row.label, count: Number(row.count) }))
  return { total: lines.reduce((sum, line) => sum + line.count, 0), lines }
}
